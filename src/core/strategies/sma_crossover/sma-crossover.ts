// Built-in `sma_crossover` (SPEC §5): buy on the candle where the fast SMA crosses above the slow one, exit the
// long on the candle where it crosses below; nothing on candles where it merely stays above or below. A cross
// is judged against the last non-zero difference with the exact SMA comparison: an exact tie is not a cross,
// and the candle that leaves the tie in the new direction completes it.
// Exits are emitted on every downward cross, held or not: with "no duplicate consecutive signal" a strategy
// that stayed silent when flat (e.g. after its stop was hit) would see its next entry suppressed as a repeat of
// the last one. An exit with no long held closes nothing (the order manager has nothing to do).
// Must never: compare the averages in floating point, size an order, or go short.
import { z } from 'zod';
import { Sma } from '../../indicators/index.js';
import { compareReadings, stepCross, type CrossSign } from '../cross-tracker.js';
import { defineStrategy, type StrategyReading } from '../strategy-api.js';

const period = z.number().int().min(2).max(1000);

export const SmaCrossoverParams = z
  .object({
    /** Fast SMA length in candles. */
    fast: period.default(10),
    /** Slow SMA length in candles. */
    slow: period.default(30),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });
export type SmaCrossoverParams = z.infer<typeof SmaCrossoverParams>;

export interface SmaCrossoverState {
  /** Last non-zero sign of fast − slow (0: none seen yet). */
  readonly lastSign: CrossSign;
}

/** "101.2345" for a reading's value, "n/a" before it exists. */
export function shownValue(reading: StrategyReading | undefined): string {
  return typeof reading?.value === 'number' ? reading.value.toFixed(4) : 'n/a';
}

export const smaCrossover = defineStrategy<SmaCrossoverParams, SmaCrossoverState>({
  name: 'sma_crossover',
  description: 'Buy when the fast SMA crosses above the slow SMA; exit the long when it crosses below.',
  params: SmaCrossoverParams,
  defaultTimeframe: '1Min',
  warmUp: (p) => p.slow,
  indicators: (p) => ({
    fast: { create: () => new Sma(p.fast, {}, `SMA(${p.fast})`), input: 'close' },
    slow: { create: () => new Sma(p.slow, {}, `SMA(${p.slow})`), input: 'close' },
  }),
  initialState: () => ({ lastSign: 0 }),
  decide({ candle, indicators, params, state, position }) {
    const fast = indicators.fast;
    const slow = indicators.slow;
    if (fast === undefined || slow === undefined) return { intents: [], state };
    const step = stepCross(state.lastSign, compareReadings(fast, slow));
    const next = step.lastSign === state.lastSign ? state : { lastSign: step.lastSign };
    if (step.cross === undefined) return { intents: [], state: next };
    const values = `fast SMA(${params.fast}) ${shownValue(fast)} crossed ${step.cross === 'up' ? 'above' : 'below'} slow SMA(${params.slow}) ${shownValue(slow)}`;
    if (step.cross === 'up') return { intents: [{ action: 'enter_long', symbol: candle.symbol, reason: values }], state: next };
    const held = position.side === 'long' || position.pendingEntry ? '' : ' (no long held: recorded so entries and exits alternate)';
    return { intents: [{ action: 'exit', symbol: candle.symbol, reason: `${values}: exit the long${held}` }], state: next };
  },
});
