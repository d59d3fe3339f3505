// TEST-ONLY helpers for the strategy runtime: an in-memory fake of the store slice the runtime writes, minute
// candles on a real NYSE session, and a tiny scripted strategy. Core unit tests use these; the real SQLite
// store is exercised in test/e2e/strategy-*.test.ts.
// Must never: be imported by production code (index.ts does not export it).
import { z } from 'zod';
import type { Bar, Timeframe } from '../../domain/bar.js';
import type { Intent } from '../../domain/intent.js';
import type { BotStateRepo, JsonValue, NewSignal, SignalRepo } from '../../ports/store.js';
import type { StrategyStore } from './signal-journal.js';
import { defineStrategy, type DecideInput, type StrategyDefinition } from './strategy-api.js';

/** 2025-03-10 09:30 ET (a Monday, EDT) in epoch ms. */
export const SESSION_OPEN = Date.UTC(2025, 2, 10, 13, 30);

/** One-minute-style candle `index` minutes (times the timeframe) after the open. */
export function candleAt(symbol: string, index: number, close: number, timeframe: Timeframe = '1Min'): Bar {
  const minutes = timeframe === '1Min' ? 1 : Number.parseInt(timeframe, 10);
  return { symbol, timeframe, t: SESSION_OPEN + index * minutes * 60_000, open: close, high: close, low: close, close, volume: 1000 };
}

export function candlesOf(symbol: string, closes: readonly number[], timeframe: Timeframe = '1Min'): Bar[] {
  return closes.map((close, i) => candleAt(symbol, i, close, timeframe));
}

/** In-memory stand-in for Pick<Store, 'botState' | 'signals' | 'transaction'>, with a rollback on throw. */
export class FakeStrategyStore implements StrategyStore {
  state = new Map<string, string>();
  rows: (NewSignal & { id: number })[] = [];
  transactions = 0;
  readonly botState: BotStateRepo;
  readonly signals: SignalRepo;

  constructor() {
    this.botState = {
      get: (key) => (this.state.has(key) ? (JSON.parse(this.state.get(key) ?? 'null') as JsonValue) : undefined),
      set: (key, value) => void this.state.set(key, JSON.stringify(value)),
      delete: (key) => this.state.delete(key),
      list: () => [],
    };
    this.signals = {
      insert: (signal) => this.rows.push({ ...signal, id: this.rows.length + 1 }),
      recordDecision: () => {
        throw new Error('not in the fake');
      },
      get: () => undefined,
      list: () => [],
    };
  }

  transaction<T>(fn: () => T): T {
    const state = new Map(this.state);
    const rows = [...this.rows];
    this.transactions++;
    try {
      return fn();
    } catch (error) {
      this.state = state;
      this.rows = rows;
      throw error;
    }
  }
}

/** A strategy whose decide is the given function; no indicators, warm-up as given. */
export function scriptedStrategy(name: string, decide: (input: DecideInput<{ readonly k: number }, { readonly n: number }>) => unknown, warmUp = 1): StrategyDefinition<{ readonly k: number }, { readonly n: number }> {
  return defineStrategy({
    name,
    description: `test strategy ${name}`,
    params: z.object({ k: z.number().default(1) }),
    defaultTimeframe: '1Min',
    warmUp: () => warmUp,
    indicators: () => ({}),
    initialState: () => ({ n: 0 }),
    decide: decide as (input: DecideInput<{ readonly k: number }, { readonly n: number }>) => { intents: Intent[]; state: { n: number } },
  });
}
