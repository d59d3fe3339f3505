// Argument checks shared by the indicators: periods, decimals and inputs.
// Exists so every bad parameter or input fails the same clear way (RangeError naming the parameter, the bad
// value and the allowed range) instead of silently producing NaN downstream.
// Must never: coerce or clamp a bad value into a valid one.

/** TA-Lib's TA_EPSILON (ta_utility.h): below it a variance or an RSI denominator counts as zero. */
export const TA_EPSILON = 1e-14;

/** TA-Lib's upper bound for every period parameter. */
export const MAX_PERIOD = 100_000;

/**
 * @throws RangeError unless `value` is an integer in [min, max]
 */
export function checkPeriod(indicator: string, name: string, value: number, min: number, max = MAX_PERIOD): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${indicator}: invalid ${name} ${String(value)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

/** @throws RangeError unless `value` is a finite number */
export function checkFinite(indicator: string, name: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${indicator}: invalid ${name} ${String(value)}: expected a finite number`);
  }
  return value;
}

/** @throws RangeError unless `value` is a finite number >= 0 */
export function checkNonNegative(indicator: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${indicator}: invalid ${name} ${String(value)}: expected a finite number >= 0`);
  }
  return value;
}

/** @throws Error when `replace` is called before any `add` */
export function checkReplace(indicator: string, count: number): void {
  if (count === 0) throw new Error(`${indicator}: replace() called before any add(): there is no last value to revise`);
}
