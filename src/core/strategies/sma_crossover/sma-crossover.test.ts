import { describe, expect, it } from 'vitest';
import { StrategyRegistry } from '../strategy-registry.js';
import { StrategyRunner } from '../strategy-runner.js';
import { candlesOf, FakeStrategyStore } from '../strategy-test-kit.js';
import { smaCrossover } from './sma-crossover.js';

/** Runs sma_crossover through the runtime; returns "index:action" for every recorded signal. */
function signalsOf(closes: readonly number[], params: Record<string, unknown>): string[] {
  const runner = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store: new FakeStrategyStore() });
  expect(runner.configure([{ name: 'sma_crossover', enabled: true, params }], ['SPY'])).toEqual([]);
  const out: string[] = [];
  candlesOf('SPY', closes).forEach((candle, index) => {
    const outcome = runner.onCandle(candle);
    expect(outcome.events).toEqual([]);
    for (const s of outcome.signals) out.push(`${index}:${s.signal.intent.action}`);
  });
  return out;
}

describe('sma_crossover golden series (fast 2, slow 3)', () => {
  // sign(SMA2 − SMA3) = sign(c[i-1] + c[i] − 2·c[i-2]); hand-built so that, from index 2 on, the signs are
  // -1 -1 0 0 +1 +1 0 +1 -1 0 -1 0 +1 0 -1 (index 4: SMA2 = SMA3 = 100 exactly).
  const closes = [100, 99, 100, 97.75, 102.25, 93.25, 111.5, 100, 123, 100, 100, 100, 99.75, 100.25, 100, 100.5, 99.25];

  it('emits only on the crossing bar; an exact tie is no cross and the bar leaving it completes the cross', () => {
    expect(signalsOf(closes, { fast: 2, slow: 3 })).toEqual([
      '6:enter_long', // below, tie, tie, then above: the cross completes on the bar that leaves the tie
      '10:exit', // above, tie, back above (no cross at 9), then below
      '14:enter_long', // below, tie, back below (no cross at 12), tie, then above
      '16:exit', // tie then below
    ]);
  });

  it('reasons carry both averages', () => {
    const runner = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store: new FakeStrategyStore() });
    runner.configure([{ name: 'sma_crossover', enabled: true, params: { fast: 2, slow: 3 } }], ['SPY']);
    const reasons = candlesOf('SPY', closes.slice(0, 7)).flatMap((c) => runner.onCandle(c).signals.map((s) => s.signal.intent.reason));
    expect(reasons).toEqual(['fast SMA(2) 102.3750 crossed above slow SMA(3) 102.3333']);
  });

  it('no signal while the fast SMA merely stays above (default 10/30 on a steady rise)', () => {
    const rising = Array.from({ length: 120 }, (_, i) => 100 + i * 0.05);
    expect(signalsOf(rising, {})).toEqual([]);
  });

  it('default 10/30: one cross up and one cross down on a V then an inverted V', () => {
    const down = Array.from({ length: 40 }, (_, i) => 120 - i * 0.5);
    const up = Array.from({ length: 40 }, (_, i) => 100.5 + i * 0.5);
    const down2 = Array.from({ length: 40 }, (_, i) => 120 - i * 0.5);
    const signals = signalsOf([...down, ...up, ...down2], {});
    expect(signals.map((s) => s.split(':')[1])).toEqual(['enter_long', 'exit']);
    const [enter, exit] = signals.map((s) => Number(s.split(':')[0]));
    expect(enter).toBeGreaterThan(40);
    expect(enter).toBeLessThan(80);
    expect(exit).toBeGreaterThan(80);
  });

  it('params: fast must be shorter than slow; periods are whole numbers >= 2', () => {
    expect(smaCrossover.params.safeParse({ fast: 30, slow: 10 }).success).toBe(false);
    expect(smaCrossover.params.safeParse({ fast: 1 }).success).toBe(false);
    expect(smaCrossover.params.parse({})).toEqual({ fast: 10, slow: 30 });
  });
});
