// What a route returns, before it becomes bytes: a status, a JSON body (or none) and extra headers.
// Errors always use Alpaca's `{code, message}` envelope (PROTOCOL §2). Must never: produce a 3xx.
import type { ApiError, ApiResult } from '../contracts.js';

/** A route's answer. `body: undefined` means no body (204). */
export interface HttpReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A 2xx/4xx JSON reply. */
export const jsonReply = (status: number, body: unknown): HttpReply => ({ status, body });

/** Alpaca's error envelope: `{"code":…,"message":…}` plus any extra fields the error carries. */
export function errorBody(error: ApiError): Record<string, unknown> {
  return { code: error.code, message: error.message, ...(error.extra ?? {}) };
}

/** An error reply from its parts. */
export const errorReply = (status: number, code: number, message: string, extra?: Record<string, unknown>): HttpReply =>
  ({ status, body: extra ? { code, message, ...extra } : { code, message } });

/** Maps a venue/market result: ok → `okStatus` with the value, error → its status and envelope. */
export function fromResult(result: ApiResult<unknown>, okStatus = 200): HttpReply {
  if (result.ok) return okStatus === 204 ? { status: 204 } : { status: okStatus, body: result.value };
  return { status: result.error.status, body: errorBody(result.error) };
}

export const NOT_FOUND_ENDPOINT: HttpReply = errorReply(404, 40410000, 'endpoint not found');
