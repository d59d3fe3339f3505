// Glue between the market and the server: which bar source a spec names, the market's MarketData as the
// server's endpoint set, and a batcher that turns the replay's event-by-event output into one stream frame per connection per burst.
// Must never: reorder events or hold them past the minute they belong to.
import { ok, type ExchangeBar, type MarketEvent } from './contracts.js';
import { ArrayBarSource, CsvBarSource, SyntheticMarket, type BarSource, type MarketData } from './market/index.js';
import type { MarketDataEndpoints } from './server/market-data-endpoints.js';

/** The market's MarketData under the names the server routes use. */
export function marketEndpoints(data: MarketData): MarketDataEndpoints {
  return {
    bars: (q) => data.getBars(q),
    barsSingle: (s, q) => data.getSymbolBars(s, q),
    latestBars: (q) => data.latestBars(q),
    latestBar: (s, q) => data.latestBar(s, q),
    latestQuotes: (q) => data.latestQuotes(q),
    latestQuote: (s, q) => data.latestQuote(s, q),
    latestTrades: (q) => data.latestTrades(q),
    latestTrade: (s, q) => data.latestTrade(s, q),
    snapshots: (q) => data.snapshots(q),
    snapshot: (s, q) => data.snapshot(s, q),
    clock: () => ok(data.clock()),
    calendar: (q) => data.calendar(q),
    assets: (q) => data.assets(q),
    asset: (s) => data.asset(s),
  };
}

/**
 * Collects market events and publishes them together: explicitly with {@link flush} (the barrier does this
 * before it waits), or at the end of the current synchronous burst (a microtask) otherwise.
 */
export class EventBatcher {
  #pending: MarketEvent[] = [];
  readonly #publish: (events: readonly MarketEvent[]) => void;

  constructor(publish: (events: readonly MarketEvent[]) => void) {
    this.#publish = publish;
  }

  add(event: MarketEvent): void {
    if (this.#pending.length === 0) queueMicrotask(() => { this.flush(); });
    this.#pending.push(event);
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#publish(events);
  }
}

/** Where the replayed bars come from. */
export type SimMarketSpec =
  | { readonly kind: 'synthetic'; readonly seed: number | string }
  | { readonly kind: 'csv'; readonly file: string; readonly tz?: string }
  | { readonly kind: 'bars'; readonly bars: readonly ExchangeBar[]; readonly label?: string };

/** Default synthetic symbols. */
export const DEFAULT_SYMBOLS = ['AAPL', 'MSFT', 'SPY'] as const;

/** The bar source a spec names. @throws RangeError/BarCsvError on bad input */
export function buildSource(spec: SimMarketSpec, symbols: readonly string[] | undefined): BarSource {
  switch (spec.kind) {
    case 'synthetic': return new SyntheticMarket({ seed: spec.seed, symbols: symbols ?? DEFAULT_SYMBOLS });
    case 'csv': {
      // A one-symbol file without a symbol column takes the one symbol named on the command line.
      const symbol = symbols?.length === 1 ? symbols[0] : undefined;
      return new CsvBarSource(spec.file, { ...(spec.tz === undefined ? {} : { tz: spec.tz }), ...(symbol === undefined ? {} : { symbol }) });
    }
    case 'bars': return new ArrayBarSource(spec.bars, { label: spec.label ?? 'bars given in process' });
  }
}
