import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { aggregateCandles, equityAndDrawdown } from './report-downsample.js';

function series(values: readonly number[]): { t: number[]; equity: number[]; invested: number[] } {
  return { t: values.map((_, i) => 1_600_000_000_000 + i * 60_000), equity: [...values], invested: values.map(() => 0) };
}

/** Brute force: drawdown in percent at every point. */
function drawdowns(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return peak > 0 ? (v / peak - 1) * 100 : 0;
  });
}

describe('equityAndDrawdown', () => {
  it('keeps every point when the series fits the budget, with drawdown from the running peak', () => {
    const out = equityAndDrawdown(series([100, 110, 99, 121, 120]), 10);
    expect(out.equity.v).toEqual([100, 110, 99, 121, 120]);
    expect(out.drawdown.v[2]).toBeCloseTo(-10, 10); // 99 / 110 - 1
    expect(out.drawdown.v[4]).toBeCloseTo((120 / 121 - 1) * 100, 10);
    expect(out.inputPoints).toBe(5);
  });

  it('skips points whose time or equity is not finite', () => {
    const s = series([100, NaN, 90, Infinity, 95]);
    const out = equityAndDrawdown(s, 100);
    expect(out.equity.v).toEqual([100, 90, 95]);
    expect(out.inputPoints).toBe(3);
  });

  it('keeps only real points, within budget, in time order, with the extremes and the max drawdown intact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 400 }),
        (values, budget) => {
          const s = series(values);
          const out = equityAndDrawdown(s, budget);
          expect(out.equity.t.length).toBeLessThanOrEqual(Math.max(budget, 4));
          for (let i = 1; i < out.equity.t.length; i++) expect(out.equity.t[i]).toBeGreaterThan(out.equity.t[i - 1] ?? 0);
          for (let i = 0; i < out.equity.t.length; i++) {
            const index = ((out.equity.t[i] ?? 0) - 1_600_000_000_000) / 60_000;
            expect(out.equity.v[i]).toBe(values[index]);
          }
          expect(Math.max(...out.equity.v)).toBe(Math.max(...values));
          expect(Math.min(...out.equity.v)).toBe(Math.min(...values));
          expect(Math.min(...out.drawdown.v)).toBe(Math.min(...drawdowns(values)));
          expect(out.equity.t[0]).toBe(s.t[0]);
          expect(out.equity.t.at(-1)).toBe(s.t.at(-1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shrinks a 500,000-point typed-array series to at most 5,000 points', () => {
    const n = 500_000;
    const t = new Float64Array(n);
    const equity = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i * 60_000;
      equity[i] = 100_000 + Math.sin(i / 5000) * 1000 + (i === 123_457 ? -7_000 : 0);
    }
    const out = equityAndDrawdown({ t, equity, invested: new Uint8Array(n) }, 5000);
    expect(out.equity.v.length).toBeLessThanOrEqual(5000);
    expect(out.equity.v.length).toBeGreaterThanOrEqual(2 * 1250); // 1,250 buckets; a monotone bucket keeps 2 points
    expect(out.drawdown.v.length).toBeLessThanOrEqual(5000);
    expect(Math.min(...out.equity.v)).toBe(equity[123_457]); // a one-point spike survives
  });
});

describe('aggregateCandles', () => {
  const input = {
    symbol: 'X',
    t: [0, 1, 2, 3, 4, 5, 6],
    o: [10, 11, 12, 13, 14, 15, 16],
    h: [10.5, 19, 12.5, 13.5, 14.5, 15.5, 16.5],
    l: [9.5, 10.5, 2, 12.5, 13.5, 14.5, 15.5],
    c: [11, 12, 13, 14, 15, 16, 17],
  };

  it('passes candles through when they fit', () => {
    const out = aggregateCandles(input, 7);
    expect(out.per).toBe(1);
    expect(out.candles.h).toEqual(input.h);
  });

  it('merges runs of consecutive candles: first open, last close, highest high, lowest low, first time', () => {
    const out = aggregateCandles(input, 3);
    expect(out.per).toBe(3);
    expect(out.candles).toEqual({
      t: [0, 3, 6],
      o: [10, 13, 16],
      h: [19, 15.5, 16.5],
      l: [2, 12.5, 15.5],
      c: [13, 16, 17],
    });
  });

  it('skips a candle with a non-finite field', () => {
    const out = aggregateCandles({ ...input, h: [10.5, NaN, 12.5, 13.5, 14.5, 15.5, 16.5] }, 100);
    expect(out.candles.t).toEqual([0, 2, 3, 4, 5, 6]);
  });
});
