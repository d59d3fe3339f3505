// velez parameters (SPEC §5): a strict zod schema with a default for every field, so `{}` gives the SPEC rules
// and a typo or an out-of-range value is rejected with the key, the bad value and the allowed range.
// Must never: clamp or coerce a bad value into a valid one.

import { z } from 'zod';

function show(input: unknown): string {
  return typeof input === 'string' || (typeof input === 'object' && input !== null) ? JSON.stringify(input) : String(input);
}

/** An integer in [min, max]; the error names the bad value and the range (zod adds the key as the path). */
function intIn(min: number, max: number, fallback: number) {
  const expected = `expected an integer from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .default(fallback);
}

/** A number in [min, max]. */
function numIn(min: number, max: number, fallback: number) {
  const expected = `expected a number from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .refine((v) => v >= min && v <= max, { error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .default(fallback);
}

/** velez parameters; every key optional (defaults = SPEC §5). Fractions, not percents: 0.02 = 2 %. */
export const velezParams = z
  .strictObject({
    /** Fast SMA period (candles). */
    fast: intIn(2, 1000, 20),
    /** Slow SMA period (candles); must be greater than `fast`. */
    slow: intIn(3, 5000, 200),
    /** Setup: |fast − slow| / close ≤ this on the candle before the signal candle. */
    tightness_pct: numIn(0.0001, 0.2, 0.02),
    /** Strong candle: body ≥ this fraction of the range (and close > open). */
    strong_body_pct: numIn(0.1, 1, 0.5),
    /** Doji: body < this fraction of the range; counts as neither red nor green. Must be below strong_body_pct. */
    doji_body_pct: numIn(0, 0.5, 0.1),
    /** At most this many consecutive green candles ending at the signal candle (dojis skipped). */
    max_run_candles: intIn(1, 20, 3),
    /** Stop = signal low − max(stop_buffer_pct × buy-stop price, stop_buffer_min). */
    stop_buffer_pct: numIn(0, 0.05, 0.001),
    /** Minimum stop buffer in dollars. */
    stop_buffer_min: numIn(0, 5, 0.02),
    /** The buy-stop is cancelled when not filled within this many candles. */
    entry_expiry_candles: intIn(1, 10, 1),
    /** Green candles after a pullback that raise the stop to the pullback's low. */
    continuation_candles: intIn(1, 10, 2),
    /** Flatten on the first candle ending within max(this, candle minutes) minutes of the close. */
    flat_minutes_before_close: intIn(0, 120, 5),
  })
  .refine((p) => p.slow > p.fast, {
    error: (issue) => `invalid value ${show((issue.input as { slow: unknown }).slow)}: slow must be greater than fast`,
    path: ['slow'],
  })
  .refine((p) => p.doji_body_pct < p.strong_body_pct, {
    error: (issue) =>
      `invalid value ${show((issue.input as { doji_body_pct: unknown }).doji_body_pct)}: doji_body_pct must be below strong_body_pct`,
    path: ['doji_body_pct'],
  });

export type VelezParams = z.infer<typeof velezParams>;
