// Exact comparison of two averages held as rationals (numerator / denominator of safe integers).
// Exists because a crossover is judged against the last non-zero difference and an exact tie is not a cross:
// comparing the doubles could call two different averages equal (both round to the same double) or, for
// averages computed in floating point, call equal ones different. Cross-multiplication decides exactly.
// Must never: compare through floating-point division.

import type { ExactAverage } from './indicator.js';

/** Sign of n1/d1 − n2/d2 for integers with d1, d2 > 0, exact (BigInt when a product leaves 2^53). */
export function compareFractions(n1: number, d1: number, n2: number, d2: number): -1 | 0 | 1 {
  const left = n1 * d2;
  const right = n2 * d1;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left < right ? -1 : left > right ? 1 : 0;
  const bigLeft = BigInt(n1) * BigInt(d2);
  const bigRight = BigInt(n2) * BigInt(d1);
  return bigLeft < bigRight ? -1 : bigLeft > bigRight ? 1 : 0;
}

/**
 * Exact sign of a − b for two exact averages (e.g. `Sma` fast and slow, of any periods and decimals):
 * -1 when a < b, 0 on an exact tie, 1 when a > b; `undefined` while either is not stable.
 */
export function compareAverages(a: ExactAverage, b: ExactAverage): -1 | 0 | 1 | undefined {
  const x = a.exact;
  const y = b.exact;
  if (x === undefined || y === undefined) return undefined;
  return compareFractions(x.numerator, x.denominator, y.numerator, y.denominator);
}
