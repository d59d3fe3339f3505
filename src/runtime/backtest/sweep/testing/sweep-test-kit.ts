// Shared bits of the sweep tests: a base spec over seeded in-memory bars and the stand-in runner's URL.
// Must never: be used outside tests.
import { DEFAULT_RISK_LIMITS } from '../../../../core/risk/index.js';
import { randomBars } from '../../../../core/candles/candle-test-kit.js';
import type { Bar } from '../../../../domain/bar.js';
import { sessionsBetween } from '../../../../domain/calendar/index.js';
import type { BacktestSpec } from '../../backtest-types.js';

export const STAND_IN_RUNNER = new URL('./stand-in-runner.ts', import.meta.url);
export const NOT_A_RUNNER = new URL('./not-a-runner.ts', import.meta.url);

/** A spec with the given bars (no file, no database): the shape a sweep sends to its workers. */
export function baseSpec(bars: Readonly<Record<string, readonly Bar[]>> = {}, params: Record<string, unknown> = {}): BacktestSpec {
  return {
    strategy: 'sma_crossover', params, data: { kind: 'bars', bars }, fill: 'next_open', cash: '100000',
    commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off',
    liquidate: false, limits: DEFAULT_RISK_LIMITS,
  };
}

/** Seeded 1-minute bars for the regular hours of every NYSE session from `from` to `to` (one symbol). */
export function sessionBars(symbol: string, from: string, to: string, seed: number): Bar[] {
  return sessionsBetween(from, to).flatMap((s, i) => randomBars(symbol, s.open, s.close, seed + i));
}
