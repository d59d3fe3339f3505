// The one interface every incremental indicator implements, and the read-only view strategies get.
// Exists so the engine can feed any indicator the same way (add a closed bar, replace the forming one) and
// strategies can read current/previous values and the bar count without knowing the indicator's type.
// Must never: expose mutable internal state (ring buffers, sums) through the interface.

/**
 * An incremental indicator: O(1) per update, deterministic, values equal to TA-Lib's at each index.
 *
 * Index semantics: the n-th `add` is input index n-1. `value` is the output at the last index, `previous`
 * the output at the index before it (both `undefined` where TA-Lib outputs nothing, i.e. before warm-up).
 */
export interface Indicator<In, Out> {
  /** Appends one input (a closed bar, or a new forming bar); returns the new `value`. */
  add(input: In): Out | undefined;
  /**
   * Revises the last input (the forming bar changed): the result equals a fresh run on the series whose last
   * element is `input`. `count` and `previous` do not change.
   * @throws Error when nothing was added yet
   */
  replace(input: In): Out | undefined;
  /** True when TA-Lib would output a value at the current index (`count >= warmUp`). */
  readonly isStable: boolean;
  /** Output at the last index, or `undefined` before warm-up. */
  readonly value: Out | undefined;
  /** Output at the index before the last, or `undefined`. */
  readonly previous: Out | undefined;
  /** Inputs added since construction or the last `reset` (replace does not count). */
  readonly count: number;
  /** Inputs needed before the first value: TA-Lib's lookback + 1. */
  readonly warmUp: number;
  /** Back to the state right after construction. */
  reset(): void;
}

/** A frozen snapshot of an indicator, for strategy inputs. */
export interface IndicatorReading<Out> {
  readonly value: Out | undefined;
  readonly previous: Out | undefined;
  readonly count: number;
  readonly isStable: boolean;
}

/** Snapshot of `indicator` (current and previous values, bar count, stability), frozen. */
export function readIndicator<Out>(indicator: Indicator<unknown, Out>): IndicatorReading<Out> {
  return Object.freeze({
    value: indicator.value,
    previous: indicator.previous,
    count: indicator.count,
    isStable: indicator.isStable,
  });
}

/**
 * An average held exactly as a rational: value = numerator / denominator, both safe integers
 * (numerator = sum of inputs scaled by 10^decimals, denominator = period × 10^decimals).
 * `undefined` before warm-up. See `compareAverages`.
 */
export interface ExactAverage {
  readonly exact: { readonly numerator: number; readonly denominator: number } | undefined;
}
