// Fault specifications (from `--faults FILE` or `POST /sim/admin/faults`) and their validation. Every
// error names the field, the bad value and what is allowed. Must never: accept a spec it cannot honour.
import { parse as parseYaml } from 'yaml';

export const STREAMS = ['market_data', 'trading'] as const;
export type StreamName = (typeof STREAMS)[number];
export const REST_ERROR_STATUSES = [429, 500, 502, 503, 504] as const;
export const FAULT_TYPES = ['rest_error', 'rest_timeout', 'reject_orders', 'drop_connection', 'stall_stream', 'trade_update', 'malformed_frame'] as const;
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE'] as const;

/** Which REST calls a fault applies to: the next N matching calls, or a fraction of them (seeded). */
export interface RestFilter {
  readonly next?: number;
  readonly fraction?: number;
  readonly method?: string;
  /** Path prefix, e.g. `/v2/orders`. */
  readonly path?: string;
}

export type FaultSpec =
  | ({ readonly type: 'rest_error'; readonly status: (typeof REST_ERROR_STATUSES)[number] } & RestFilter)
  /** No response for `delay_ms` (then the normal response), or never (until the client gives up) without it. */
  | ({ readonly type: 'rest_timeout'; readonly delay_ms?: number } & RestFilter)
  | { readonly type: 'reject_orders'; readonly count: number }
  /** Fires at the next outgoing data message of that stream at or after virtual time `at`. */
  | { readonly type: 'drop_connection'; readonly stream: StreamName; readonly at?: string }
  | { readonly type: 'stall_stream'; readonly stream: StreamName; readonly duration_ms?: number; readonly silence_pongs?: boolean; readonly at?: string }
  | { readonly type: 'trade_update'; readonly action: 'delay' | 'drop'; readonly delay_ms?: number; readonly next?: number; readonly at?: string }
  | { readonly type: 'malformed_frame'; readonly stream: StreamName; readonly at?: string };

/** A fault spec that failed validation; the message names the field and the allowed values. */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

type Obj = Readonly<Record<string, unknown>>;

/** Validates one spec (or a list, or `{faults:[…]}`) and returns the typed specs. @throws FaultSpecError */
export function parseFaultSpecs(input: unknown, where = 'faults'): FaultSpec[] {
  if (Array.isArray(input)) return input.map((item: unknown, i) => parseFaultSpec(item, `${where}[${i}]`));
  if (isObj(input) && 'faults' in input) return parseFaultSpecs(input['faults'], where);
  return [parseFaultSpec(input, where)];
}

/** Reads a JSON or YAML fault file's text. @throws FaultSpecError */
export function parseFaultFile(text: string, fileName: string): FaultSpec[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new FaultSpecError(`${fileName}: not valid JSON/YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseFaultSpecs(doc, fileName);
}

function parseFaultSpec(input: unknown, at: string): FaultSpec {
  if (!isObj(input)) throw new FaultSpecError(`${at}: must be an object with a "type" (one of ${FAULT_TYPES.join(', ')})`);
  const type = oneOf(input, 'type', FAULT_TYPES, at);
  switch (type) {
    case 'rest_error':
      return { type, status: oneOf(input, 'status', REST_ERROR_STATUSES, at), ...restFilter(input, at) };
    case 'rest_timeout':
      return { type, ...opt('delay_ms', intIn(input, 'delay_ms', at, 1, 600_000)), ...restFilter(input, at) };
    case 'reject_orders':
      return { type, count: intIn(input, 'count', at, 1, 1_000_000) ?? 1 };
    case 'drop_connection':
    case 'malformed_frame':
      return { type, stream: oneOf(input, 'stream', STREAMS, at), ...opt('at', isoTime(input, at)) };
    case 'stall_stream':
      return {
        type, stream: oneOf(input, 'stream', STREAMS, at), ...opt('at', isoTime(input, at)),
        ...opt('duration_ms', intIn(input, 'duration_ms', at, 1, 86_400_000)), ...opt('silence_pongs', bool(input, 'silence_pongs', at)),
      };
    case 'trade_update':
      return tradeUpdate(input, at);
  }
}

function tradeUpdate(input: Obj, at: string): FaultSpec {
  const action = oneOf(input, 'action', ['delay', 'drop'] as const, at);
  const delay = intIn(input, 'delay_ms', at, 1, 600_000);
  if (action === 'delay' && delay === undefined) throw new FaultSpecError(`${at}.delay_ms: required when action is "delay" (integer milliseconds, 1..600000)`);
  return { type: 'trade_update', action, ...opt('delay_ms', delay), next: intIn(input, 'next', at, 1, 1_000_000) ?? 1, ...opt('at', isoTime(input, at)) };
}

function restFilter(input: Obj, at: string): RestFilter {
  const next = intIn(input, 'next', at, 1, 1_000_000);
  const fraction = input['fraction'];
  if (fraction !== undefined && (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1))) {
    throw new FaultSpecError(`${at}.fraction: must be a number in (0, 1], got ${JSON.stringify(fraction)}`);
  }
  if (next !== undefined && fraction !== undefined) throw new FaultSpecError(`${at}: give either "next" or "fraction", not both`);
  const path = input['path'];
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new FaultSpecError(`${at}.path: must be a path prefix starting with "/", e.g. "/v2/orders", got ${JSON.stringify(path)}`);
  }
  const rawMethod = input['method'];
  const method = rawMethod === undefined ? undefined
    : oneOf({ method: typeof rawMethod === 'string' ? rawMethod.toUpperCase() : rawMethod }, 'method', METHODS, at);
  return { ...(fraction === undefined ? { next: next ?? 1 } : { fraction }), ...opt('method', method), ...opt('path', path) };
}

function oneOf<const T extends readonly (string | number)[]>(input: Obj, key: string, allowed: T, at: string): T[number] {
  const value = input[key];
  if (value === undefined) throw new FaultSpecError(`${at}.${key}: required; allowed values: ${allowed.join(', ')}`);
  if (!allowed.includes(value as T[number])) {
    throw new FaultSpecError(`${at}.${key}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T[number];
}

function intIn(input: Obj, key: string, at: string, min: number, max: number): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${at}.${key}: must be an integer in ${min}..${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function bool(input: Obj, key: string, at: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new FaultSpecError(`${at}.${key}: must be true or false, got ${JSON.stringify(value)}`);
}

function isoTime(input: Obj, at: string): string | undefined {
  const value = input['at'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new FaultSpecError(`${at}.at: must be an ISO-8601 virtual time like "2024-01-02T15:00:00Z", got ${JSON.stringify(value)}`);
  }
  return value;
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
