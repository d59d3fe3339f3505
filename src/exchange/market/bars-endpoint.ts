// Historical bars (`GET /v2/stocks/bars` and `/v2/stocks/{symbol}/bars`, PROTOCOL §4.1): timeframe
// aggregation, inclusive start/end, `limit` counted across all symbols, results sorted by symbol then time,
// and opaque page tokens that are null on the last page and never repeat.
// Must never: return a bar containing a minute that has not ended at the clock's now (no future leakage),
// or a page token for a page that has nothing after it.

import { etDate, etDateTime } from '../../domain/calendar/index.js';
import { fail, ok, type ApiResult, type ExchangeBar } from '../contracts.js';
import { aggregateBars, SessionLookup } from './bar-aggregation.js';
import { MINUTE_MS, type BarSource } from './bar-source.js';
import {
  decodePageToken, encodePageToken, firstOf, listOf, parseAdjustment, parseFeed, parseInstant, parseLimit, parseSort,
  parseSymbol, parseSymbols, UNPROCESSABLE, type PageCursor, type QueryInput,
} from './market-query.js';
import { Bucketer, parseTimeframe, TIMEFRAME_HELP, tokenUnit } from './timeframe.js';
import { wireBar, type WireBar } from './wire.js';

/** What the bars endpoints read besides the query. */
export interface BarsContext {
  readonly source: BarSource;
  readonly now: () => number;
  /** Imitate a free plan: SIP data of the last 15 minutes is refused with 403. */
  readonly sipRecentRestricted: boolean;
}

/** Body of the multi-symbol endpoint. */
export interface MultiBarsBody {
  readonly bars: Record<string, WireBar[]>;
  readonly next_page_token: string | null;
}

/** Body of the single-symbol endpoint. */
export interface SingleBarsBody {
  readonly bars: WireBar[];
  readonly symbol: string;
  readonly next_page_token: string | null;
}

/** SIP data newer than this is refused under {@link BarsContext.sipRecentRestricted}. */
export const SIP_DELAY_MS = 15 * MINUTE_MS;
const HISTORICAL_FEEDS = ['sip', 'iex', 'otc', 'boats'];

interface BarsRequest {
  readonly bucketer: Bucketer;
  readonly unit: string;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly sort: 'asc' | 'desc';
  readonly cursor: PageCursor | undefined;
  /** Start of the latest minute bar that has ended. */
  readonly cutoff: number;
}

function resolveRange(ctx: BarsContext, query: QueryInput, feed: string, now: number): ApiResult<readonly [number, number]> {
  const startRaw = firstOf(query, 'start');
  const endRaw = firstOf(query, 'end');
  const delayed = ctx.sipRecentRestricted && feed === 'sip';
  const end = endRaw === undefined ? ok(delayed ? now - SIP_DELAY_MS : now) : parseInstant(endRaw, 'end', 'end');
  if (!end.ok) return end;
  // Default start: the beginning of the current (New York) day, but never after the end.
  const start = startRaw === undefined ? ok(Math.min(etDateTime(etDate(now), '00:00'), end.value)) : parseInstant(startRaw, 'start', 'start');
  if (!start.ok) return start;
  if (delayed && end.value > now - SIP_DELAY_MS) return fail(403, 40310000, 'subscription does not permit querying recent SIP data');
  if (end.value < start.value) return fail(422, UNPROCESSABLE, `end should not be before start (start ${startRaw ?? 'default'}, end ${endRaw ?? 'default'})`);
  return ok([start.value, end.value]);
}

function resolveRequest(ctx: BarsContext, query: QueryInput): ApiResult<BarsRequest> {
  const tfRaw = firstOf(query, 'timeframe');
  const tf = tfRaw === undefined ? undefined : parseTimeframe(tfRaw);
  if (tf === undefined) {
    return fail(422, UNPROCESSABLE, `invalid timeframe: ${tfRaw === undefined ? 'missing (timeframe is required)' : JSON.stringify(tfRaw)}; allowed: ${TIMEFRAME_HELP}`);
  }
  const feed = parseFeed(firstOf(query, 'feed'), HISTORICAL_FEEDS, ctx.sipRecentRestricted ? 'iex' : 'sip');
  if (!feed.ok) return feed;
  const adjustment = parseAdjustment(firstOf(query, 'adjustment'));
  if (!adjustment.ok) return adjustment;
  const limit = parseLimit(firstOf(query, 'limit'));
  if (!limit.ok) return limit;
  const sort = parseSort(firstOf(query, 'sort'));
  if (!sort.ok) return sort;
  const now = ctx.now();
  const range = resolveRange(ctx, query, feed.value, now);
  if (!range.ok) return range;
  const bucketer = new Bucketer(tf);
  const unit = tokenUnit(tf);
  const tokenRaw = firstOf(query, 'page_token');
  let cursor: PageCursor | undefined;
  if (tokenRaw !== undefined && tokenRaw !== '') {
    const decoded = decodePageToken(tokenRaw, unit);
    if (!decoded.ok) return decoded;
    cursor = decoded.value;
  }
  const cutoff = Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  return ok({ bucketer, unit, from: range.value[0], to: range.value[1], limit: limit.value, sort: sort.value, cursor, cutoff });
}

/**
 * The chunks [start, end) to walk for one symbol, in the request's order. A bucket's stamp is never after
 * its minutes, so minutes before `from` never matter, and stamps after min(to, cutoff) are never returned.
 */
function* chunks(req: BarsRequest, source: BarSource): Generator<readonly [number, number]> {
  const first = source.firstTime();
  if (first === undefined) return;
  const lo = Math.max(req.from, first);
  const hi = Math.min(req.to, req.cutoff, source.lastTime() ?? Infinity);
  if (hi < lo) return;
  const { bucketer } = req;
  if (req.sort === 'asc') {
    for (let c = bucketer.chunkAt(lo); c[0] <= hi; c = bucketer.chunkAt(c[1])) yield c;
  } else {
    for (let c = bucketer.chunkAt(hi); c[1] > lo; c = bucketer.chunkAt(c[0] - 1)) yield c;
  }
}

/** Whether `t` of `symbol` comes after the page cursor in the request's order. */
function afterCursor(req: BarsRequest, symbol: string, t: number): boolean {
  const cursor = req.cursor;
  if (cursor === undefined || symbol > cursor.symbol) return true;
  if (symbol < cursor.symbol) return false;
  return req.sort === 'asc' ? t > cursor.t : t < cursor.t;
}

interface Page {
  readonly bySymbol: Map<string, ExchangeBar[]>;
  readonly token: string | null;
}

/** Walks symbols (ascending) and their bars (in `sort` order) until `limit` bars are taken and one more is seen. */
function collectPage(ctx: BarsContext, symbols: readonly string[], req: BarsRequest): Page {
  const sessions = new SessionLookup();
  const bySymbol = new Map<string, ExchangeBar[]>();
  let taken = 0;
  let last: ExchangeBar | undefined;
  for (const symbol of symbols) {
    if (req.cursor !== undefined && symbol < req.cursor.symbol) continue;
    for (const [start, end] of chunks(req, ctx.source)) {
      const minutes = ctx.source.barsBetween(symbol, start, Math.min(end - 1, req.cutoff));
      const bars = aggregateBars(minutes, req.bucketer, sessions);
      if (req.sort === 'desc') bars.reverse();
      for (const bar of bars) {
        if (bar.t < req.from || bar.t > req.to || !afterCursor(req, symbol, bar.t)) continue;
        if (taken === req.limit) {
          return { bySymbol, token: last === undefined ? null : encodePageToken(last.symbol, req.unit, last.t) };
        }
        const list = bySymbol.get(symbol) ?? [];
        list.push(bar);
        bySymbol.set(symbol, list);
        taken++;
        last = bar;
      }
    }
  }
  return { bySymbol, token: null };
}

/** `GET /v2/stocks/bars?symbols=…` */
export function getBars(ctx: BarsContext, query: QueryInput): ApiResult<MultiBarsBody> {
  const symbols = parseSymbols(listOf(query, 'symbols'));
  if (!symbols.ok) return symbols;
  const req = resolveRequest(ctx, query);
  if (!req.ok) return req;
  const page = collectPage(ctx, symbols.value, req.value);
  const bars: Record<string, WireBar[]> = {};
  for (const [symbol, list] of page.bySymbol) bars[symbol] = list.map(wireBar);
  return ok({ bars, next_page_token: page.token });
}

/** `GET /v2/stocks/{symbol}/bars` */
export function getSymbolBars(ctx: BarsContext, symbolRaw: string, query: QueryInput): ApiResult<SingleBarsBody> {
  const symbol = parseSymbol(symbolRaw);
  if (!symbol.ok) return symbol;
  const req = resolveRequest(ctx, query);
  if (!req.ok) return req;
  const page = collectPage(ctx, [symbol.value], req.value);
  return ok({ bars: (page.bySymbol.get(symbol.value) ?? []).map(wireBar), symbol: symbol.value, next_page_token: page.token });
}
