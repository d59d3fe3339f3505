// momentum_breakout parameters (SPEC §5, exits SPEC §6): a strict zod schema with a default for every field, so
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

/** momentum_breakout parameters; fractions, not percents (0.015 = 1.5 %). */
export const momentumBreakoutParams = z
  .strictObject({
    /** Entry needs close > session VWAP × (1 + vwap_buffer_pct). */
    vwap_buffer_pct: numIn(0, 0.05, 0.001),
    /** 'typical' (h+l+c)/3, or 'bar-vwap': the bar's own vwap when the feed sends it. */
    vwap_source: z
      .enum(['typical', 'bar-vwap'], { error: (issue) => `invalid value ${show(issue.input)}: expected one of typical, bar-vwap` })
      .default('typical'),
    /** Entry needs bar volume ≥ volume_multiple × the average volume of the volume_period bars before it. */
    volume_multiple: numIn(1, 20, 1.5),
    volume_period: intIn(2, 500, 20),
    /** Entry needs min_price ≤ close ≤ max_price (dollars). */
    min_price: numIn(0.01, 100_000, 10),
    max_price: numIn(0.01, 100_000, 500),
    /** Broker-side stop at close × (1 − stop_loss_pct). */
    stop_loss_pct: numIn(0.001, 0.2, 0.015),
    /** Broker-side take-profit at close × (1 + take_profit_pct). */
    take_profit_pct: numIn(0.001, 0.2, 0.02),
    /** Trailing stop activates at this profit… */
    trailing_activation_pct: numIn(0.001, 0.2, 0.02),
    /** …and then trails this far below the best price. */
    trail_pct: numIn(0.001, 0.2, 0.015),
  })
  .refine((p) => p.min_price < p.max_price, {
    error: (issue) => `invalid value ${show((issue.input as { max_price: unknown }).max_price)}: max_price must be greater than min_price`,
    path: ['max_price'],
  });

export type MomentumBreakoutParams = z.infer<typeof momentumBreakoutParams>;
