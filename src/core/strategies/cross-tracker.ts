// The crossover rule of issue #4 in one place: a cross is judged against the LAST NON-ZERO difference between
// two series. An exact tie is not a cross; the bar that moves away from the tie in the new direction completes
// it, and a tie followed by a return to the old side is no cross at all.
// Must never: take floating-point differences (feed it the exact sign from `compareReadings`), or keep hidden
// state: the last sign lives in the strategy's own (JSON) state so it survives restarts.
import { compareAverages } from '../indicators/index.js';
import type { StrategyReading } from './strategy-api.js';

/**
 * Exact sign of a − b for two readings of exact averages (Sma): -1, 0 on an exact tie, 1; `undefined` while
 * either has no exact value (not stable yet, or not an exact average).
 */
export function compareReadings(a: Pick<StrategyReading, 'exact'>, b: Pick<StrategyReading, 'exact'>): -1 | 0 | 1 | undefined {
  return compareAverages({ exact: a.exact }, { exact: b.exact });
}

/** Direction of a completed cross of a over b. */
export type CrossDirection = 'up' | 'down';

/** The last non-zero sign of a − b seen so far: 1 above, -1 below, 0 none yet. JSON-friendly. */
export type CrossSign = -1 | 0 | 1;

export interface CrossStep {
  /** The cross completed on this bar, if any. */
  readonly cross: CrossDirection | undefined;
  /** The sign to carry to the next bar. */
  readonly lastSign: CrossSign;
}

/**
 * One bar of the crossover rule.
 * @param lastSign the last non-zero sign of a − b (0 when none was seen yet)
 * @param sign the exact sign of a − b on this bar (`compareAverages(a, b)`), undefined while either is not stable
 * @returns the cross completed on this bar (none on the first non-zero sign, on a tie, or when the side is unchanged)
 */
export function stepCross(lastSign: CrossSign, sign: -1 | 0 | 1 | undefined): CrossStep {
  if (sign === undefined || sign === 0) return { cross: undefined, lastSign };
  if (lastSign === 0 || sign === lastSign) return { cross: undefined, lastSign: sign };
  return { cross: sign > 0 ? 'up' : 'down', lastSign: sign };
}
