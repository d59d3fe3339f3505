// Market-data ports: live bars in (MarketDataFeed) and history on demand (HistoricalBars).
// Implemented by adapters/alpaca (stream or polling, over the official SDK) and adapters/backtest (stored bars).
// Must never: hand the engine a bar twice for the same (symbol, timestamp), or a vendor-shaped object.
import type { Bar, Timeframe } from '../domain/bar.js';

export type FeedStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  /** Missed bars between `from` and `to` are being fetched over REST; signals wait until `backfilled`. */
  | { readonly kind: 'backfilling'; readonly from: number; readonly to: number }
  | { readonly kind: 'backfilled'; readonly bars: number }
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly delayMs: number }
  /** No message for the watchdog period during market hours: a reconnect is forced. */
  | { readonly kind: 'stalled'; readonly silentMs: number }
  /** Consecutive failed reconnects reached the limit (10): the failure breaker must trip (SPEC S3). */
  | { readonly kind: 'reconnect_failures'; readonly consecutive: number }
  | { readonly kind: 'reconnect_succeeded' }
  | { readonly kind: 'stopped' };

export interface MarketDataFeed {
  /** Starts streaming 1-minute bars for the symbols; resolves once subscribed (or throws a typed error). */
  start(symbols: readonly string[]): Promise<void>;
  /** Replaces the subscription (watchlist change at run time). */
  setSymbols(symbols: readonly string[]): Promise<void>;
  /** Each completed 1-minute bar, once per (symbol, t), in time order per symbol. Returns the unsubscribe function. */
  onBar(listener: (bar: Bar) => void): () => void;
  onStatus(listener: (status: FeedStatus) => void): () => void;
  stop(): Promise<void>;
}

export interface HistoricalBarsQuery {
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
}

/** A symbol whose bars could not be fetched after the retries of SPEC §7 (its warm-up is skipped with a WARNING). */
export interface BarsFetchFailure {
  readonly symbol: string;
  /** Why, for the WARNING line (never contains a secret). */
  readonly reason: string;
  /** Requests made for the failing page, retries included. */
  readonly attempts: number;
}

/** The bars that could be fetched, and the symbols that could not (absent from `bars`, never half-filled). */
export interface HistoricalBarsReport {
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  readonly failed: readonly BarsFetchFailure[];
}

export interface HistoricalBars {
  /** All bars in [from, to) for each symbol, sorted by time; follows paging; applies the retry rules of SPEC §7. */
  fetchBars(query: HistoricalBarsQuery): Promise<ReadonlyMap<string, readonly Bar[]>>;
  /**
   * The same, plus the symbols that failed after the retries (SPEC §7: "skip the symbol's warm-up with a
   * WARNING"), so the caller can log and skip them. Optional: implementations that cannot fail omit it.
   */
  fetchBarsReport?(query: HistoricalBarsQuery): Promise<HistoricalBarsReport>;
}
