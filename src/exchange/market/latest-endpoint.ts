// Latest bars/trades/quotes and snapshots (PROTOCOL §4.2), as of the virtual clock: the latest *completed*
// minute bar, the opening trade and quote of the latest *started* minute (what the stream has already sent),
// and the running and previous daily bars (regular session).
// Must never: look past the clock's now, or wrap the snapshots map (it is un-wrapped on the wire).

import { etDate, etDateTime } from '../../domain/calendar/index.js';
import { fail, ok, type ApiResult, type ExchangeBar } from '../contracts.js';
import type { AssetBook } from './asset-book.js';
import { BarAccumulator, SessionLookup } from './bar-aggregation.js';
import { MINUTE_MS, type BarSource } from './bar-source.js';
import { SIP_DELAY_MS } from './bars-endpoint.js';
import { firstOf, listOf, parseFeed, parseSymbol, parseSymbols, type QueryInput } from './market-query.js';
import { openingQuote, openingTrade } from './synthetic-ticks.js';
import { wireBar, wireQuote, wireTrade, type WireBar, type WireQuote, type WireTrade } from './wire.js';

/** What the latest/snapshot endpoints read besides the query. */
export interface LatestContext {
  readonly source: BarSource;
  readonly now: () => number;
  readonly assets: AssetBook;
  readonly sipRecentRestricted: boolean;
}

/** One symbol's snapshot. Parts the market has no data for yet are null. */
export interface Snapshot {
  readonly latestTrade: WireTrade | null;
  readonly latestQuote: WireQuote | null;
  readonly minuteBar: WireBar | null;
  readonly dailyBar: WireBar | null;
  readonly prevDailyBar: WireBar | null;
}

const LATEST_FEEDS = ['delayed_sip', 'iex', 'otc', 'sip', 'boats', 'overnight'];

interface AsOf {
  readonly t: number;
  readonly feed: string;
}

/** The instant the answer is as of: now, or 15 minutes ago for delayed_sip. Refuses SIP when restricted. */
function asOf(ctx: LatestContext, query: QueryInput): ApiResult<AsOf> {
  const feed = parseFeed(firstOf(query, 'feed'), LATEST_FEEDS, ctx.sipRecentRestricted ? 'iex' : 'sip');
  if (!feed.ok) return feed;
  if (ctx.sipRecentRestricted && feed.value === 'sip') return fail(403, 40310000, 'subscription does not permit querying recent SIP data');
  const now = ctx.now();
  return ok({ t: feed.value === 'delayed_sip' ? now - SIP_DELAY_MS : now, feed: feed.value });
}

/** The latest bar whose minute has ended by `t`. */
function latestCompleteBar(source: BarSource, symbol: string, t: number): ExchangeBar | undefined {
  return source.lastBarAtOrBefore(symbol, Math.floor(t / MINUTE_MS) * MINUTE_MS - MINUTE_MS);
}

/** The latest bar whose minute has started by `t` (its opening trade and quote are already out). */
function latestStartedBar(source: BarSource, symbol: string, t: number): ExchangeBar | undefined {
  return source.lastBarAtOrBefore(symbol, t);
}

/** The regular-session daily bar of the latest session with a completed regular minute at or before `limit`. */
function dailyBarAtOrBefore(source: BarSource, symbol: string, limit: number, sessions: SessionLookup): ExchangeBar | undefined {
  let cursor = limit;
  for (let tries = 0; tries < 10; tries++) {
    const bar = source.lastBarAtOrBefore(symbol, cursor);
    if (bar === undefined) return undefined;
    const date = etDate(bar.t);
    const midnight = etDateTime(date, '00:00');
    const acc = new BarAccumulator();
    for (const minute of source.barsForSession(symbol, date)) {
      if (minute.t > cursor) break;
      if (sessions.isRegular(minute.t)) acc.add(minute);
    }
    const day = acc.toBar(midnight);
    if (day !== undefined) return day;
    cursor = midnight - 1;
  }
  return undefined;
}

function snapshotOf(ctx: LatestContext, symbol: string, at: AsOf): Snapshot | undefined {
  const { source } = ctx;
  const started = latestStartedBar(source, symbol, at.t);
  if (started === undefined) return undefined;
  const venue = ctx.assets.venue(symbol, at.feed);
  const minute = latestCompleteBar(source, symbol, at.t);
  const sessions = new SessionLookup();
  const cutoff = Math.floor(at.t / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const daily = dailyBarAtOrBefore(source, symbol, cutoff, sessions);
  const prev = daily === undefined ? undefined : dailyBarAtOrBefore(source, symbol, daily.t - 1, sessions);
  return {
    latestTrade: wireTrade(openingTrade(started), venue),
    latestQuote: wireQuote(openingQuote(started), venue),
    minuteBar: minute === undefined ? null : wireBar(minute),
    dailyBar: daily === undefined ? null : wireBar(daily),
    prevDailyBar: prev === undefined ? null : wireBar(prev),
  };
}

type Kind = 'bar' | 'trade' | 'quote';
type Wire<K extends Kind> = K extends 'bar' ? WireBar : K extends 'trade' ? WireTrade : WireQuote;

function latestOne<K extends Kind>(ctx: LatestContext, kind: K, symbol: string, at: AsOf): Wire<K> | undefined {
  const venue = ctx.assets.venue(symbol, at.feed);
  if (kind === 'bar') {
    const bar = latestCompleteBar(ctx.source, symbol, at.t);
    return (bar === undefined ? undefined : wireBar(bar)) as Wire<K> | undefined;
  }
  const bar = latestStartedBar(ctx.source, symbol, at.t);
  if (bar === undefined) return undefined;
  return (kind === 'trade' ? wireTrade(openingTrade(bar), venue) : wireQuote(openingQuote(bar), venue)) as Wire<K>;
}

/** `GET /v2/stocks/{bars|trades|quotes}/latest?symbols=…` → `{bars|trades|quotes: {SYM: …}}` (symbols without data omitted). */
export function latestMany<K extends Kind>(ctx: LatestContext, kind: K, query: QueryInput): ApiResult<Record<string, Wire<K>>> {
  const symbols = parseSymbols(listOf(query, 'symbols'));
  if (!symbols.ok) return symbols;
  const at = asOf(ctx, query);
  if (!at.ok) return at;
  const out: Record<string, Wire<K>> = {};
  for (const symbol of symbols.value) {
    const value = latestOne(ctx, kind, symbol, at.value);
    if (value !== undefined) out[symbol] = value;
  }
  return ok(out);
}

/** `GET /v2/stocks/{symbol}/{bars|trades|quotes}/latest`; 404 when the symbol has no data yet. */
export function latestSingle<K extends Kind>(ctx: LatestContext, kind: K, symbolRaw: string, query: QueryInput): ApiResult<Wire<K>> {
  const symbol = parseSymbol(symbolRaw);
  if (!symbol.ok) return symbol;
  const at = asOf(ctx, query);
  if (!at.ok) return at;
  const value = latestOne(ctx, kind, symbol.value, at.value);
  return value === undefined ? fail(404, 40410000, `no ${kind} found for ${symbol.value}`) : ok(value);
}

/** `GET /v2/stocks/snapshots?symbols=…` → un-wrapped `{SYM: Snapshot}` (symbols without data omitted). */
export function snapshots(ctx: LatestContext, query: QueryInput): ApiResult<Record<string, Snapshot>> {
  const symbols = parseSymbols(listOf(query, 'symbols'));
  if (!symbols.ok) return symbols;
  const at = asOf(ctx, query);
  if (!at.ok) return at;
  const out: Record<string, Snapshot> = {};
  for (const symbol of symbols.value) {
    const snap = snapshotOf(ctx, symbol, at.value);
    if (snap !== undefined) out[symbol] = snap;
  }
  return ok(out);
}

/** `GET /v2/stocks/{symbol}/snapshot` → `{symbol, latestTrade, …}`; 404 when the symbol has no data yet. */
export function snapshot(ctx: LatestContext, symbolRaw: string, query: QueryInput): ApiResult<Snapshot & { readonly symbol: string }> {
  const symbol = parseSymbol(symbolRaw);
  if (!symbol.ok) return symbol;
  const at = asOf(ctx, query);
  if (!at.ok) return at;
  const snap = snapshotOf(ctx, symbol.value, at.value);
  return snap === undefined ? fail(404, 40410000, `no data found for ${symbol.value}`) : ok({ symbol: symbol.value, ...snap });
}
