// Parsing and validation of Market Data REST query parameters (symbols, start/end, limit, sort, feed, page
// token), with Alpaca-like errors whose message names the parameter, the bad value and what is allowed.
// Must never: throw on bad input (every problem is an ApiResult failure), or accept a malformed instant.

import { etDateTime } from '../../domain/calendar/index.js';
import { fail, ok, type ApiResult } from '../contracts.js';
import { rfc3339Nanos } from './wire.js';

/** A raw query as the server parsed it: one string per key, or every value of a repeated key. */
export type QueryInput = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Alpaca's codes for a missing/unparsable parameter (400) and a rejected value (422). */
export const BAD_REQUEST = 40010001;
export const UNPROCESSABLE = 42210000;

/** The first value of a key. */
export function firstOf(query: QueryInput, key: string): string | undefined {
  const value = query[key];
  return value === undefined || typeof value === 'string' ? value : value[0];
}

/** A list-valued key, repeated keys and comma lists flattened. */
export function listOf(query: QueryInput, key: string): string | undefined {
  const value = query[key];
  return value === undefined || typeof value === 'string' ? value : value.join(',');
}

const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9./:-]{0,20}$/;

/** Parses a comma-separated symbol list (required, de-duplicated, sorted ascending). */
export function parseSymbols(raw: string | undefined): ApiResult<string[]> {
  const symbols = (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (symbols.length === 0) return fail(400, BAD_REQUEST, 'missing symbols: give a comma-separated list of tickers, e.g. symbols=AAPL,MSFT');
  const bad = symbols.find((s) => !SYMBOL.test(s));
  if (bad !== undefined) return fail(400, BAD_REQUEST, `invalid symbol: ${JSON.stringify(bad)} (tickers are 1–21 of A-Z 0-9 . / : -)`);
  return ok([...new Set(symbols)].sort());
}

/** Parses a single path symbol. */
export function parseSymbol(raw: string): ApiResult<string> {
  return SYMBOL.test(raw) ? ok(raw) : fail(400, BAD_REQUEST, `invalid symbol: ${JSON.stringify(raw)} (tickers are 1–21 of A-Z 0-9 . / : -)`);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function nextDate(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * Parses `start`/`end`: RFC-3339 (any fraction up to nanoseconds, `Z` or an offset) or `YYYY-MM-DD`.
 * A date means the whole New York day: `start` its midnight, `end` its last millisecond. Sub-millisecond
 * fractions round inwards (start up, end down), so the interval never grows.
 */
export function parseInstant(value: string, name: string, edge: 'start' | 'end'): ApiResult<number> {
  const invalid = (): ApiResult<number> =>
    fail(422, UNPROCESSABLE, `invalid ${name}: ${JSON.stringify(value)} (expected RFC-3339 such as 2024-01-02T14:30:00.000Z, or YYYY-MM-DD)`);
  const date = DATE_ONLY.exec(value);
  if (date !== null) {
    if (!realDate(Number(date[1]), Number(date[2]), Number(date[3]))) return invalid();
    return ok(edge === 'start' ? etDateTime(value, '00:00') : etDateTime(nextDate(value), '00:00') - 1);
  }
  const m = RFC3339.exec(value);
  if (m === null) return invalid();
  const [, y, mo, d, hh, mm, ss, fraction = '', zone = 'Z'] = m;
  if (!realDate(Number(y), Number(mo), Number(d)) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return invalid();
  const ms = fraction.padEnd(3, '0').slice(0, 3);
  const base = Date.parse(`${y ?? ''}-${mo ?? ''}-${d ?? ''}T${hh ?? ''}:${mm ?? ''}:${ss ?? ''}.${ms}${zone.toUpperCase()}`);
  if (!Number.isFinite(base)) return invalid();
  const subMs = /[1-9]/.test(fraction.slice(3));
  return ok(edge === 'start' && subMs ? base + 1 : base);
}

/** Parses `limit` (1..10000, default 1000). */
export function parseLimit(raw: string | undefined): ApiResult<number> {
  if (raw === undefined) return ok(1000);
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 10_000)) return fail(422, UNPROCESSABLE, `invalid limit: ${JSON.stringify(raw)} (must be an integer from 1 to 10000)`);
  return ok(n);
}

/** Parses `sort` (asc | desc, default asc). */
export function parseSort(raw: string | undefined): ApiResult<'asc' | 'desc'> {
  if (raw === undefined || raw === 'asc') return ok('asc');
  if (raw === 'desc') return ok('desc');
  return fail(422, UNPROCESSABLE, `invalid sort: ${JSON.stringify(raw)} (allowed: asc, desc)`);
}

/** Parses `feed` against the values an endpoint accepts. */
export function parseFeed(raw: string | undefined, allowed: readonly string[], fallback: string): ApiResult<string> {
  if (raw === undefined) return ok(fallback);
  return allowed.includes(raw) ? ok(raw) : fail(422, UNPROCESSABLE, `invalid feed: ${JSON.stringify(raw)} (allowed: ${allowed.join(', ')})`);
}

/** Parses `adjustment` (accepted and ignored: the simulator has no corporate actions). */
export function parseAdjustment(raw: string | undefined): ApiResult<string> {
  const allowed = ['raw', 'split', 'dividend', 'spin-off', 'all'];
  if (raw === undefined) return ok('raw');
  const bad = raw.split(',').find((part) => !allowed.includes(part.trim()));
  return bad === undefined ? ok(raw) : fail(422, UNPROCESSABLE, `invalid adjustment: ${JSON.stringify(bad)} (allowed: ${allowed.join(', ')}, comma-combinable)`);
}

/** A decoded page token: the last (symbol, t) of the previous page. */
export interface PageCursor {
  readonly symbol: string;
  readonly t: number;
}

/** Encodes Alpaca's opaque token: base64 of `SYMBOL|<unit>|<last t with 9 decimals>Z`. */
export function encodePageToken(symbol: string, unit: string, t: number): string {
  return Buffer.from(`${symbol}|${unit}|${rfc3339Nanos(t)}`, 'utf8').toString('base64');
}

/** Decodes a page token issued by {@link encodePageToken} for the same timeframe unit. */
export function decodePageToken(raw: string, unit: string): ApiResult<PageCursor> {
  const invalid = fail<PageCursor>(400, BAD_REQUEST, `invalid page_token: ${JSON.stringify(raw)} (pass next_page_token from the previous page unchanged, with the same timeframe)`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return invalid;
  const parts = Buffer.from(raw, 'base64').toString('utf8').split('|');
  if (parts.length !== 3) return invalid;
  const [symbol = '', tokenUnit, time = ''] = parts;
  if (tokenUnit !== unit || !SYMBOL.test(symbol)) return invalid;
  const t = parseInstant(time, 'page_token', 'end');
  return t.ok && rfc3339Nanos(t.value) === time ? ok({ symbol, t: t.value }) : invalid;
}
