// TEST-ONLY generators of valid indicator inputs (fast-check): 4-decimal price walks and time-ordered bars.
// Exists so the contract suite, the TA-Lib agreement tests and the exactness tests draw from the same
// realistic inputs (prices as Alpaca sends them: at most 4 decimals; bars whose high/low bound open/close).
// Must never: be imported by production code.
import fc from 'fast-check';

import type { Bar } from '../../domain/bar.js';

/** 2025-03-07 09:30 ET (14:30Z): bar series start two days before the spring DST change. */
export const SERIES_START = Date.UTC(2025, 2, 7, 14, 30);

/** Price from scaled integer (1e-4 units): the double nearest the 4-decimal price, as parsing it would give. */
export function fromScaled(scaled: number): number {
  return scaled / 10_000;
}

/** A random walk of 4-decimal prices starting near `start`, steps up to ±`step` ten-thousandths. */
export function priceSeries(options: { minLength: number; maxLength: number; start?: number; step?: number }): fc.Arbitrary<number[]> {
  const start = Math.round((options.start ?? 100) * 10_000);
  const step = options.step ?? 2_000;
  return fc
    .tuple(fc.integer({ min: -start / 2, max: start / 2 }), fc.array(fc.integer({ min: -step, max: step }), options))
    .map(([offset, steps]) => {
      let s = start + offset;
      return steps.map((d) => {
        s = Math.max(1, s + d);
        return fromScaled(s);
      });
    });
}

/** One bar's shape relative to its close, in 1e-4 units. */
const barShape = fc.record({
  move: fc.integer({ min: -3_000, max: 3_000 }),
  open: fc.integer({ min: -1_500, max: 1_500 }),
  up: fc.integer({ min: 0, max: 2_000 }),
  down: fc.integer({ min: 0, max: 2_000 }),
  volume: fc.integer({ min: 0, max: 50_000 }),
  gapMinutes: fc.oneof({ weight: 20, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3_000 }) }),
});

/** Time-ordered 1-minute bars (with occasional gaps that cross sessions and the DST change). */
export function barSeries(options: { minLength: number; maxLength: number }): fc.Arbitrary<Bar[]> {
  return fc.array(barShape, options).map((shapes) => {
    let close = 1_000_000;
    let t = SERIES_START;
    return shapes.map((shape, i) => {
      const open = Math.max(100, close + shape.open);
      close = Math.max(100, close + shape.move);
      if (i > 0) t += shape.gapMinutes * 60_000;
      const high = Math.max(open, close) + shape.up;
      const low = Math.max(1, Math.min(open, close) - shape.down);
      return {
        symbol: 'TEST',
        timeframe: '1Min' as const,
        t,
        open: fromScaled(open),
        high: fromScaled(high),
        low: fromScaled(low),
        close: fromScaled(close),
        volume: shape.volume,
      };
    });
  });
}
