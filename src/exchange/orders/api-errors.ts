// Alpaca's error families as the venue returns them (PROTOCOL §2, §10): status + code pairs are the contract.
// Exists so every rejection in the venue uses the same four shapes and the call sites read as the rule.
// Must never: invent a new status/code pair without a PROTOCOL reference.
import type { ApiError } from '../contracts.js';

const make = (status: number, code: number, message: string, extra?: Record<string, unknown>): ApiError =>
  extra === undefined ? { status, code, message } : { status, code, message, extra };

/** 422 40010001: malformed or missing input, duplicate client_order_id, bad id. */
export const invalidRequest = (message: string, extra?: Record<string, unknown>): ApiError => make(422, 40010001, message, extra);
/** 422 42210000: a well-formed request that breaks an order rule (sub-penny, TIF window, class rules, replace rules). */
export const ruleViolation = (message: string, extra?: Record<string, unknown>): ApiError => make(422, 42210000, message, extra);
/** 403 40310000: insufficient buying power or qty, shorting not allowed. */
export const forbidden = (message: string, extra?: Record<string, unknown>): ApiError => make(403, 40310000, message, extra);
/** 404 40410000: unknown order or position. */
export const notFound = (message: string): ApiError => make(404, 40410000, message);

/** True for an ApiError produced above (discriminates parse results). */
export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value && 'message' in value;
}
