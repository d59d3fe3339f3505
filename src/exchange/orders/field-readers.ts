// Readers for the raw JSON fields of order requests: strings, enums, booleans and decimals (strings or numbers).
// Exists so every malformed field is answered with the same 422 40010001 naming the key, the value and
// what is allowed, instead of each rule inventing its own wording.
// Must never: coerce a bad value into a default, or accept a non-finite number.
import type { ApiError } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import { invalidRequest } from './api-errors.js';

export type Body = Readonly<Record<string, unknown>>;

const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

/** True for a present value (not undefined/null/""). Alpaca treats null and "" as unset. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** A plain JSON object, or undefined. */
export function asObject(value: unknown): Body | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

/** Reads an optional string field. */
export function readString(body: Body, key: string): string | undefined | ApiError {
  const value = body[key];
  if (!isSet(value)) return undefined;
  if (typeof value !== 'string') return invalidRequest(`invalid ${key}: ${show(value)} is not a string`);
  return value;
}

/** Reads an enum field; `required` makes absence an error naming the allowed values. */
export function readEnum<T extends string>(body: Body, key: string, allowed: readonly T[], required: boolean): T | undefined | ApiError {
  const value = body[key];
  if (!isSet(value)) {
    return required ? invalidRequest(`${key} is required (one of ${allowed.join(', ')})`) : undefined;
  }
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return invalidRequest(`invalid ${key}: ${show(value)} (allowed: ${allowed.join(', ')})`);
}

/** Reads an optional boolean (JSON true/false, or the strings "true"/"false"). */
export function readBoolean(body: Body, key: string): boolean | ApiError {
  const value = body[key];
  if (!isSet(value)) return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return invalidRequest(`invalid ${key}: ${show(value)} (allowed: true, false)`);
}

/** Parses a decimal given as a string or a JSON number; undefined when absent. */
export function readDecimal(body: Body, key: string, label = key): Decimal | undefined | ApiError {
  const value = body[key];
  if (!isSet(value)) return undefined;
  let parsed: Decimal | undefined;
  if (typeof value === 'string') parsed = Decimal.tryOf(value);
  else if (typeof value === 'number' && Number.isFinite(value)) parsed = Decimal.tryOf(String(value));
  if (parsed === undefined) return invalidRequest(`invalid ${label}: ${show(value)} is not a decimal number`);
  return parsed;
}

/** Reads a decimal that must be > 0 and have at most `maxDp` decimal places. */
export function readPositive(body: Body, key: string, label = key, maxDp = 9): Decimal | undefined | ApiError {
  const value = readDecimal(body, key, label);
  if (!(value instanceof Decimal)) return value;
  if (!value.isPositive()) return invalidRequest(`${label} must be > 0, got ${value.toString()}`);
  if (value.decimalPlaces() > maxDp) {
    return invalidRequest(`${label} ${value.toString()} has more than ${maxDp} decimal places`);
  }
  return value;
}
