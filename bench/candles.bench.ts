// Throughput of candle aggregation: 1-minute bars per second through a 5-minute CandleAggregator, over a
// year of regular sessions (2024), alone and with the engine's clock tick (onTime) after every bar as a
// backtest drives it. Numbers, not assertions: SPEC §17 asks for tens of millions of bars per minute.
import { performance } from 'node:perf_hooks';

import type { Bar } from '../src/domain/bar.js';
import { sessionsBetween } from '../src/domain/calendar/index.js';
import { randomBars } from '../src/core/candles/candle-test-kit.js';
import { CandleAggregator, type CandleEvent } from '../src/core/candles/index.js';
import type { BenchResult } from './run.js';

const PASSES = 8;

function yearOfBars(): Bar[] {
  return sessionsBetween('2024-01-01', '2024-12-31').flatMap((s, i) => randomBars('SPY', s.open, s.close, i + 1));
}

/** Bars per second over `passes` fresh aggregators (a replay cannot go back in time within one). */
function measure(bars: readonly Bar[], passes: number, withClock: boolean): { rate: number; candles: number } {
  let candles = 0;
  const count = (events: readonly CandleEvent[]): void => {
    for (const e of events) if (e.kind === 'candle') candles++;
  };
  const start = performance.now();
  for (let p = 0; p < passes; p++) {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min', fetchEmptyWindows: false });
    for (const bar of bars) {
      if (withClock) count(agg.onTime(bar.t + 60_000));
      count(agg.onBar(bar));
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { rate: Math.round((bars.length * passes) / seconds), candles };
}

export function benchCandles(): Promise<BenchResult[]> {
  const bars = yearOfBars();
  measure(bars, 1, true); // warm the JIT and the calendar tables
  const plain = measure(bars, PASSES, false);
  const clocked = measure(bars, PASSES, true);
  const expected = (bars.length / 5) * PASSES;
  if (plain.candles !== expected || clocked.candles !== expected) {
    throw new Error(`candle bench sanity: expected ${expected} candles, got ${plain.candles} and ${clocked.candles}`);
  }
  return Promise.resolve([
    { name: '1-minute bars per second through the 5-minute aggregator (onBar)', value: plain.rate, unit: 'bars/s' },
    { name: '1-minute bars per second through the 5-minute aggregator with a clock tick per bar (onTime + onBar)', value: clocked.rate, unit: 'bars/s' },
  ]);
}
