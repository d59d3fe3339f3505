// Exactness of the averages: no drift after many updates, equal true averages are equal doubles, and
// compareAverages decides ties and order exactly (checked against BigInt arithmetic on the raw series).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compareAverages, compareFractions } from './compare-averages.js';
import { maxExactInput } from './exact-window-sum.js';
import { priceSeries } from './indicator-arbitraries.js';
import { Sma } from './sma.js';
import { BollingerBands } from './bollinger-bands.js';

const RUNS = { seed: 1_234, numRuns: 100 };

/** Exact sign of mean(a) − mean(b) from the raw 4-decimal values, with BigInt. */
function exactSign(a: readonly number[], b: readonly number[]): number {
  const sum = (xs: readonly number[]): bigint => xs.reduce((s, x) => s + BigInt(Math.round(x * 10_000)), 0n);
  const diff = sum(a) * BigInt(b.length) - sum(b) * BigInt(a.length);
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}

describe('exact SMA', () => {
  it('does not drift: after 20,000 updates the value equals a fresh SMA of the last window, bit for bit', () => {
    fc.assert(fc.property(priceSeries({ minLength: 20_000, maxLength: 20_000, start: 3_000, step: 90_000 }), fc.integer({ min: 2, max: 50 }), (x, p) => {
      const long = new Sma(p);
      for (const v of x) long.add(v);
      const fresh = new Sma(p);
      for (const v of x.slice(-p)) fresh.add(v);
      expect(Object.is(long.value, fresh.value)).toBe(true);
      expect(long.exact).toEqual(fresh.exact);
    }), { seed: 99, numRuns: 5 });
  });

  it('compareAverages gives the exact sign of fast − slow, and equal true averages are equal doubles', () => {
    const tieProne = priceSeries({ minLength: 30, maxLength: 120, start: 10, step: 3 });
    let ties = 0;
    fc.assert(fc.property(tieProne, fc.integer({ min: 2, max: 10 }), fc.integer({ min: 11, max: 30 }), (x, pf, ps) => {
      const fast = new Sma(pf);
      const slow = new Sma(ps);
      x.forEach((v, i) => {
        fast.add(v);
        slow.add(v);
        const sign = compareAverages(fast, slow);
        if (i + 1 < ps) {
          expect(sign).toBeUndefined();
          return;
        }
        const want = exactSign(x.slice(i + 1 - pf, i + 1), x.slice(i + 1 - ps, i + 1));
        expect(sign).toBe(want);
        if (want === 0) {
          ties++;
          expect(fast.value).toBe(slow.value);
        }
      });
    }), RUNS);
    expect(ties).toBeGreaterThan(10); // the generator does produce exact ties
  });

  it('sees an exact tie that naive floating-point sums miss', () => {
    // SMA(3) of 0.1, 0.2, 0.3 is exactly 0.2 = SMA(2) of 0.1, 0.3; naive double sums give 0.20000000000000004
    const fast = new Sma(2);
    const slow = new Sma(3);
    for (const v of [0.2, 0.1, 0.3]) slow.add(v);
    for (const v of [0.1, 0.3]) fast.add(v);
    expect((0.2 + 0.1 + 0.3) / 3).not.toBe((0.1 + 0.3) / 2);
    expect(compareAverages(fast, slow)).toBe(0);
    expect(fast.value).toBe(slow.value);
    expect(fast.value).toBe(0.2);
  });

  it('the Bollinger middle band is the same double as the SMA of the same period', () => {
    fc.assert(fc.property(priceSeries({ minLength: 1, maxLength: 200 }), fc.integer({ min: 2, max: 40 }), (x, p) => {
      const sma = new Sma(p);
      const bb = new BollingerBands({ period: p });
      for (const v of x) expect(bb.add(v)?.middle).toBe(sma.add(v));
    }), RUNS);
  });

  it('refuses inputs with more decimals than configured, and inputs outside the exact range', () => {
    const sma = new Sma(200);
    expect(() => sma.add(187.12345)).toThrow(/invalid input 187.12345: expected at most 4 decimals/);
    expect(maxExactInput(200, 4)).toBe(4_503_599_627.3704);
    expect(() => sma.add(4_503_599_627.3705)).toThrow(/outside the exact range/);
    expect(sma.add(4_503_599_627.3704)).toBeUndefined();
    expect(sma.count).toBe(1);
    const sixDecimals = new Sma(5, { decimals: 6 });
    for (const v of [147.100006, 147.610001, 146.059998, 146.210007, 144.929993]) sixDecimals.add(v);
    expect(sixDecimals.value).toBeCloseTo(146.3820010, 9);
  });
});

describe('compareFractions', () => {
  it('is exact beyond 2^53 (BigInt path)', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(compareFractions(big, 3, big - 1, 3)).toBe(1);
    expect(compareFractions(big - 1, big, big - 2, big - 1)).toBe(1); // (n−1)/n > (n−2)/(n−1)
    expect(compareFractions(6, 4, 9, 6)).toBe(0);
    expect(compareFractions(-1, 2, 1, 2)).toBe(-1);
  });

  it('agrees with BigInt arithmetic on random fractions', () => {
    const int = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    const den = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(fc.property(int, den, int, den, (n1, d1, n2, d2) => {
      const diff = BigInt(n1) * BigInt(d2) - BigInt(n2) * BigInt(d1);
      expect(compareFractions(n1, d1, n2, d2)).toBe(diff > 0n ? 1 : diff < 0n ? -1 : 0);
    }), RUNS);
  });
});
