// How a failed REST call is described to the policies (SPEC §7 failure table): an HTTP answer with Alpaca's
// `{code, message}`, a timeout, or a network error. Built from the SDK's thrown errors, with every secret
// scrubbed out of the text (SDK and server messages may echo request details).
// Must never: keep a reference to the SDK's error (it holds the Response and, through it, request details).
import { errors } from '@alpacahq/alpaca-trade-api';
import { scrubSecrets } from '../../../config/index.js';

/** A REST call that did not succeed, in the terms the failure table needs. */
export type RestFailure =
  | { readonly kind: 'http'; readonly status: number; readonly code: number | null; readonly message: string; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string };

/** The outcome of one REST call: the parsed JSON body (undefined for 204) or a failure. */
export type RestResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly failure: RestFailure };

/** Worth retrying: 5xx, 408, 429, timeouts and network errors. */
export function isTransient(f: RestFailure): boolean {
  return f.kind !== 'http' || f.status >= 500 || f.status === 408 || f.status === 429;
}

/** The request may have been processed although no success came back (everything transient except a 429). */
export function mayHaveLanded(f: RestFailure): boolean {
  return isTransient(f) && !(f.kind === 'http' && f.status === 429);
}

/** One line for logs and outcome messages, e.g. `HTTP 503 (50310000): service unavailable`. */
export function describeFailure(f: RestFailure): string {
  if (f.kind === 'http') return `HTTP ${f.status}${f.code === null ? '' : ` (${f.code})`}: ${f.message}`;
  return `${f.kind}: ${f.message}`;
}

function causeText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} [${code}]` : current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.filter((p) => p !== '').join(': ');
}

function isTimeout(error: errors.FetchError): boolean {
  const name = (error.cause as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * Turns what the SDK threw into a RestFailure, or returns undefined when it is not a transport failure (a bug
 * or a malformed body), which the caller rethrows. Texts are scrubbed of `secrets`.
 */
export function toRestFailure(error: unknown, secrets: readonly string[]): RestFailure | undefined {
  const scrub = (text: string): string => scrubSecrets(text, secrets);
  if (error instanceof errors.ApiError) {
    const code = typeof error.code === 'number' ? error.code : typeof error.code === 'string' && /^\d+$/.test(error.code) ? Number(error.code) : null;
    return { kind: 'http', status: error.status, code, message: scrub(error.message), retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof errors.FetchError) {
    return { kind: isTimeout(error) ? 'timeout' : 'network', message: scrub(causeText(error)) };
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: scrub(causeText(error)) };
  if (error instanceof TypeError && /fetch failed|terminated|socket/i.test(error.message)) return { kind: 'network', message: scrub(causeText(error)) };
  return undefined;
}

/** Waits between retries: `retryDelayMs`, or a 429's Retry-After when longer, never more than `maxRetryAfterMs`. */
export interface RetryTiming {
  readonly retryDelayMs: number;
  readonly maxRetryAfterMs: number;
}

/** How long to wait before retrying after `f`. */
export function retryDelayFor(f: RestFailure, timing: RetryTiming): number {
  const retryAfter = f.kind === 'http' && f.status === 429 ? f.retryAfterMs ?? 0 : 0;
  return Math.min(Math.max(timing.retryDelayMs, retryAfter), Math.max(timing.maxRetryAfterMs, timing.retryDelayMs));
}
