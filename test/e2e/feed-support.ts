// Shared set-up for the feed end-to-end tests: an embedded exchange at speed max stepped by hand (virtual
// time moves only when the test steps it), and the production market-data wiring pointed at it through the
// endpoint overrides, as `ALPACA_DATA_BASE_URL` / `ALPACA_DATA_STREAM_URL` would.
import type { Bar } from '../../src/domain/bar.js';
import type { Config } from '../../src/config/index.js';
import { MemoryLogger } from '../../src/adapters/logging/memory-logger.js';
import { createMarketData, type MarketDataDeps } from '../../src/adapters/alpaca/market-data/index.js';
import type { FeedStatus, HistoricalBars, MarketDataFeed } from '../../src/ports/market-data.js';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';

export const SYMBOLS = ['AAPL', 'AMZN', 'MSFT', 'NVDA', 'SPY'] as const;
export const MINUTE = 60_000;

/** The config slice the market-data factory reads, pointing at the sim (or wherever `overrides` say). */
export function simConfig(sim: { key: string; secret: string; dataUrl: string; dataStreamUrl: string }, provider: 'stream' | 'polling' = 'stream'): Pick<Config, 'alpaca' | 'data'> {
  return {
    alpaca: {
      api_key: sim.key, secret_key: sim.secret, paper: true, api_base_url: '', trading_stream_url: '',
      data_base_url: sim.dataUrl, data_stream_url: sim.dataStreamUrl,
    },
    data: { feed: 'iex', provider, bar_timeframe: '1Min' },
  };
}

export async function startSim(): Promise<SimExchangeHandle> {
  const sim = await startSimExchange({ port: 0, speed: 'max', run: false, symbols: [...SYMBOLS], start: '2024-06-12', rateLimitPerMinute: 0, log: () => undefined });
  await sim.market.replay.step(); // 09:30: the session has begun
  return sim;
}

export interface FeedRig {
  readonly feed: MarketDataFeed;
  readonly history: HistoricalBars;
  readonly logger: MemoryLogger;
  readonly bars: Bar[];
  readonly statuses: FeedStatus[];
}

export function feedFor(config: Pick<Config, 'alpaca' | 'data'>, clock: { now(): number }, deps: Partial<MarketDataDeps> = {}): FeedRig {
  const logger = new MemoryLogger({ secrets: [config.alpaca.api_key, config.alpaca.secret_key] });
  const { feed, history } = createMarketData(config, {
    clock, logger, policy: { baseDelayMs: 5, maxDelayMs: 50, watchdogMs: 30_000 }, stream: { watchdogCheckMs: 10 }, ...deps,
  });
  const bars: Bar[] = [];
  const statuses: FeedStatus[] = [];
  feed.onBar((b) => bars.push(b));
  feed.onStatus((s) => statuses.push(s));
  return { feed, history, logger, bars, statuses };
}

/** Polls until `predicate` holds (10 ms steps, up to `ms` wall time). */
export async function until(predicate: () => boolean, ms = 20_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return predicate();
}

/** Whether every symbol has a bar starting at `t` (the bars of the minute just published). */
export function haveMinute(bars: readonly Bar[], t: number): boolean {
  return SYMBOLS.every((s) => bars.some((b) => b.symbol === s && b.t === t));
}

/** Per symbol: the bar starts received, and the exchange's own bars over the same span. */
export function compareWithExchange(sim: SimExchangeHandle, bars: readonly Bar[], from: number, to: number) {
  return SYMBOLS.map((symbol) => {
    const got = bars.filter((b) => b.symbol === symbol);
    const expected = sim.market.source.barsBetween(symbol, from, to);
    return {
      symbol,
      got: got.map((b) => b.t),
      expected: expected.map((b) => b.t),
      closesMatch: got.every((b) => sim.market.source.barAt(symbol, b.t)?.c === b.close),
    };
  });
}
