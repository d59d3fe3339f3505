// GET /v2/orders for the simulated venue (PROTOCOL §3.3 List): status open|closed|all, limit ≤ 500,
// after/until (exclusive, on submission time), direction, nested (legs rolled up under their parent),
// symbols and side filters.
// Must never: list a leg at top level when nested=true, or silently ignore a malformed parameter.
import type { AlpacaOrder, ApiError, ListOrdersQuery } from '../contracts.js';
import { invalidRequest } from './api-errors.js';
import type { OrderBook } from './order-book.js';
import { orderJson } from './order-json.js';
import { isLeg, isOpenStatus, type SimOrder } from './order-record.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

interface ListFilter {
  readonly status: 'open' | 'closed' | 'all';
  readonly limit: number;
  readonly after: number;
  readonly until: number;
  readonly asc: boolean;
  readonly nested: boolean;
  readonly symbols: ReadonlySet<string> | undefined;
  readonly side: string | undefined;
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback: T): T | ApiError {
  if (value === undefined || value === '') return fallback;
  return (allowed as readonly string[]).includes(value) ? (value as T) : invalidRequest(`invalid ${key}: ${JSON.stringify(value)} (allowed: ${allowed.join(', ')})`);
}

function instant(key: string, value: string | undefined, fallback: number): number | ApiError {
  if (value === undefined || value === '') return fallback;
  const t = Date.parse(value);
  return Number.isNaN(t) ? invalidRequest(`invalid ${key}: ${JSON.stringify(value)} (expected YYYY-MM-DD or an RFC-3339 timestamp)`) : t;
}

function parseFilter(q: ListOrdersQuery): ListFilter | ApiError {
  const status = oneOf('status', q.status, ['open', 'closed', 'all'], 'open');
  const direction = oneOf('direction', q.direction, ['asc', 'desc'], 'desc');
  const nested = oneOf('nested', q.nested, ['true', 'false'], 'false');
  const side = oneOf('side', q.side, ['buy', 'sell', ''], '');
  const after = instant('after', q.after, Number.NEGATIVE_INFINITY);
  const until = instant('until', q.until, Number.POSITIVE_INFINITY);
  const limit = q.limit === undefined || q.limit === '' ? DEFAULT_LIMIT : Number(q.limit);
  for (const v of [status, direction, nested, side, after, until]) if (typeof v === 'object') return v;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return invalidRequest(`invalid limit: ${JSON.stringify(q.limit)} (allowed: an integer from 1 to ${MAX_LIMIT})`);
  }
  const symbols = q.symbols === undefined || q.symbols === '' ? undefined : new Set(q.symbols.split(',').map((s) => s.trim().toUpperCase()));
  return {
    status: status as ListFilter['status'], limit, after: after as number, until: until as number,
    asc: direction === 'asc', nested: nested === 'true', symbols, side: side === '' ? undefined : (side as string),
  };
}

const submitted = (o: SimOrder): number => o.submittedAt ?? o.createdAt;

function matches(o: SimOrder, f: ListFilter): boolean {
  if (f.nested && isLeg(o)) return false;
  if (f.status !== 'all' && isOpenStatus(o.status) !== (f.status === 'open')) return false;
  const t = submitted(o);
  if (t <= f.after || t >= f.until) return false;
  if (f.symbols !== undefined && !f.symbols.has(o.symbol)) return false;
  return f.side === undefined || o.side === f.side;
}

/** Lists orders per the query, newest first unless direction=asc. */
export function listOrders(book: OrderBook, query: ListOrdersQuery): AlpacaOrder[] | ApiError {
  const f = parseFilter(query);
  if ('code' in f) return f;
  const picked = book.all().filter((o) => matches(o, f));
  picked.sort((a, b) => submitted(a) - submitted(b) || a.seq - b.seq);
  if (!f.asc) picked.reverse();
  return picked.slice(0, f.limit).map((o) => orderJson(o, f.nested));
}
