// rsi_mean_reversion parameters (SPEC §5, exits SPEC §6): a strict zod schema with a default for every field, so
// `{}` gives the SPEC rules and a typo or an out-of-range value is rejected with the key, value and range.
// Must never: clamp or coerce a bad value into a valid one.

import { z } from 'zod';

function show(input: unknown): string {
  return typeof input === 'string' || (typeof input === 'object' && input !== null) ? JSON.stringify(input) : String(input);
}

function intIn(min: number, max: number, fallback: number) {
  const expected = `expected an integer from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .default(fallback);
}

function numIn(min: number, max: number, fallback: number) {
  const expected = `expected a number from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .refine((v) => v >= min && v <= max, { error: (issue) => `invalid value ${show(issue.input)}: ${expected}` })
    .default(fallback);
}

/** rsi_mean_reversion parameters; RSI levels on its 0–100 scale, exits as fractions (0.015 = 1.5 %). */
export const rsiMeanReversionParams = z
  .strictObject({
    /** RSI period (Wilder, as TA-Lib). */
    period: intIn(2, 500, 14),
    /** Buy on the candle where RSI drops below this level. */
    oversold: numIn(1, 99, 30),
    /** Exit a long when RSI is above this level. Must be greater than `oversold`. */
    overbought: numIn(1, 99, 70),
    /** Broker-side stop at close × (1 − stop_loss_pct). */
    stop_loss_pct: numIn(0.001, 0.2, 0.015),
    /** Broker-side take-profit at close × (1 + take_profit_pct). */
    take_profit_pct: numIn(0.001, 0.2, 0.02),
  })
  .refine((p) => p.overbought > p.oversold, {
    error: (issue) => `invalid value ${show((issue.input as { overbought: unknown }).overbought)}: overbought must be greater than oversold`,
    path: ['overbought'],
  });

export type RsiMeanReversionParams = z.infer<typeof rsiMeanReversionParams>;
