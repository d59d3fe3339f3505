// The Market Data REST logic of the embedded exchange, plus the market-side Trading endpoints (clock,
// calendar, assets): one method per endpoint, taking the raw query and returning an ApiResult the server
// serializes. Everything is computed from the bar source and the virtual clock's now.
// Must never: return a bar whose minute has not ended at now (no future leakage), or do I/O.

import type { ApiResult } from '../contracts.js';
import { calendarRows, clockBody, type CalendarRow, type ClockBody } from './alpaca-calendar.js';
import { AssetBook, type AlpacaAsset } from './asset-book.js';
import type { BarSource } from './bar-source.js';
import { getBars, getSymbolBars, type BarsContext, type MultiBarsBody, type SingleBarsBody } from './bars-endpoint.js';
import { latestMany, latestSingle, snapshot, snapshots, type LatestContext, type Snapshot } from './latest-endpoint.js';
import type { QueryInput } from './market-query.js';
import type { WireBar, WireQuote, WireTrade } from './wire.js';

/** Options of {@link MarketData}. */
export interface MarketDataOptions {
  readonly source: BarSource;
  /** Virtual now, epoch ms (wire it to `clock.now()`). */
  readonly now: () => number;
  /** Symbols listed as assets (default: the source's). */
  readonly symbols?: readonly string[];
  /** Imitate a free plan: refuse SIP data of the last 15 minutes with 403 (and default feed=iex). Default false. */
  readonly sipRecentRestricted?: boolean;
  /** Display name of a symbol's asset (default "<SYMBOL> (synthetic)" for synthetic sources, else the symbol). */
  readonly assetName?: (symbol: string) => string;
}

/** Market Data REST v2 and the clock/calendar/assets endpoints over a bar source and a virtual clock. */
export class MarketData {
  readonly #bars: BarsContext;
  readonly #latest: LatestContext;
  readonly #assets: AssetBook;
  readonly #now: () => number;

  constructor(options: MarketDataOptions) {
    const { source, now } = options;
    const restricted = options.sipRecentRestricted ?? false;
    const name = options.assetName ?? ((s: string) => (source.source === 'synthetic' ? `${s} (synthetic)` : s));
    this.#assets = new AssetBook(options.symbols ?? source.symbols(), name);
    this.#now = now;
    this.#bars = { source, now, sipRecentRestricted: restricted };
    this.#latest = { source, now, assets: this.#assets, sipRecentRestricted: restricted };
  }

  /** `GET /v2/stocks/bars` (symbols, timeframe, start, end, limit, page_token, sort, feed, adjustment). */
  getBars(query: QueryInput): ApiResult<MultiBarsBody> {
    return getBars(this.#bars, query);
  }

  /** `GET /v2/stocks/{symbol}/bars`. */
  getSymbolBars(symbol: string, query: QueryInput): ApiResult<SingleBarsBody> {
    return getSymbolBars(this.#bars, symbol, query);
  }

  /** `GET /v2/stocks/bars/latest` → `{bars: {SYM: Bar}}`. */
  latestBars(query: QueryInput): ApiResult<{ bars: Record<string, WireBar> }> {
    return wrap(latestMany(this.#latest, 'bar', query), (bars) => ({ bars }));
  }

  /** `GET /v2/stocks/{symbol}/bars/latest` → `{symbol, bar}`. */
  latestBar(symbol: string, query: QueryInput = {}): ApiResult<{ symbol: string; bar: WireBar }> {
    return wrap(latestSingle(this.#latest, 'bar', symbol, query), (bar) => ({ symbol, bar }));
  }

  /** `GET /v2/stocks/trades/latest` → `{trades: {SYM: Trade}}`. */
  latestTrades(query: QueryInput): ApiResult<{ trades: Record<string, WireTrade> }> {
    return wrap(latestMany(this.#latest, 'trade', query), (trades) => ({ trades }));
  }

  /** `GET /v2/stocks/{symbol}/trades/latest` → `{symbol, trade}`. */
  latestTrade(symbol: string, query: QueryInput = {}): ApiResult<{ symbol: string; trade: WireTrade }> {
    return wrap(latestSingle(this.#latest, 'trade', symbol, query), (trade) => ({ symbol, trade }));
  }

  /** `GET /v2/stocks/quotes/latest` → `{quotes: {SYM: Quote}}`. */
  latestQuotes(query: QueryInput): ApiResult<{ quotes: Record<string, WireQuote> }> {
    return wrap(latestMany(this.#latest, 'quote', query), (quotes) => ({ quotes }));
  }

  /** `GET /v2/stocks/{symbol}/quotes/latest` → `{symbol, quote}`. */
  latestQuote(symbol: string, query: QueryInput = {}): ApiResult<{ symbol: string; quote: WireQuote }> {
    return wrap(latestSingle(this.#latest, 'quote', symbol, query), (quote) => ({ symbol, quote }));
  }

  /** `GET /v2/stocks/snapshots` → un-wrapped `{SYM: Snapshot}`. */
  snapshots(query: QueryInput): ApiResult<Record<string, Snapshot>> {
    return snapshots(this.#latest, query);
  }

  /** `GET /v2/stocks/{symbol}/snapshot` → `{symbol, latestTrade, latestQuote, minuteBar, dailyBar, prevDailyBar}`. */
  snapshot(symbol: string, query: QueryInput = {}): ApiResult<Snapshot & { readonly symbol: string }> {
    return snapshot(this.#latest, symbol, query);
  }

  /** `GET /v2/clock` at virtual now. */
  clock(): ClockBody {
    return clockBody(this.#now());
  }

  /** `GET /v2/calendar` (start, end as YYYY-MM-DD or RFC-3339; date_type TRADING|SETTLEMENT). */
  calendar(query: QueryInput = {}): ApiResult<CalendarRow[]> {
    return calendarRows(query);
  }

  /** `GET /v2/assets` (status, asset_class, exchange, attributes). */
  assets(query: QueryInput = {}): ApiResult<AlpacaAsset[]> {
    return this.#assets.list(query);
  }

  /** `GET /v2/assets/{symbol_or_asset_id}`. */
  asset(symbolOrId: string): ApiResult<AlpacaAsset> {
    return this.#assets.get(symbolOrId);
  }
}

function wrap<T, U>(result: ApiResult<T>, f: (value: T) => U): ApiResult<U> {
  return result.ok ? { ok: true, value: f(result.value) } : result;
}
