// Built-in `mtf_sma` (SPEC §5): three SMAs of 1-minute candles, 10/30/90 minutes by default. Buy on the candle
// where the 10 crosses above the 30 while the 30 is above the 90 (trend filter, exact comparison, checked on the
// crossing candle only); exit the long on the candle where the 10 crosses below the 30. Crosses are judged like
// sma_crossover's: against the last non-zero difference, an exact tie is not a cross.
// An upward cross without the trend is consumed (no entry later just because the trend turns). Exits are
// emitted on every downward cross, held or not (see sma_crossover: the duplicate-signal rule would otherwise
// block the next entry after a stop-out); a repeated exit is suppressed by the runtime as a duplicate.
// Periods count candles: on the default 1-minute candles a candle is a minute.
// Must never: compare the averages in floating point, size an order, or go short.
import { z } from 'zod';
import { Sma } from '../../indicators/index.js';
import { compareReadings, stepCross, type CrossSign } from '../cross-tracker.js';
import { shownValue } from '../sma_crossover/sma-crossover.js';
import { defineStrategy } from '../strategy-api.js';

const period = z.number().int().min(2).max(1000);

export const MtfSmaParams = z
  .object({
    fast: period.default(10),
    medium: period.default(30),
    slow: period.default(90),
  })
  .refine((p) => p.fast < p.medium && p.medium < p.slow, { message: 'periods must increase: fast < medium < slow', path: ['medium'] });
export type MtfSmaParams = z.infer<typeof MtfSmaParams>;

export interface MtfSmaState {
  /** Last non-zero sign of fast − medium (0: none seen yet). */
  readonly lastSign: CrossSign;
}

export const mtfSma = defineStrategy<MtfSmaParams, MtfSmaState>({
  name: 'mtf_sma',
  description: 'Buy when the 10-minute SMA crosses above the 30 while the 30 is above the 90; exit when the 10 crosses below the 30.',
  params: MtfSmaParams,
  defaultTimeframe: '1Min',
  warmUp: (p) => p.slow,
  indicators: (p) => ({
    fast: { create: () => new Sma(p.fast, {}, `SMA(${p.fast})`), input: 'close' },
    medium: { create: () => new Sma(p.medium, {}, `SMA(${p.medium})`), input: 'close' },
    slow: { create: () => new Sma(p.slow, {}, `SMA(${p.slow})`), input: 'close' },
  }),
  initialState: () => ({ lastSign: 0 }),
  decide({ candle, indicators, params, state, position }) {
    const { fast, medium, slow } = indicators;
    if (fast === undefined || medium === undefined || slow === undefined) return { intents: [], state };
    const step = stepCross(state.lastSign, compareReadings(fast, medium));
    const next = step.lastSign === state.lastSign ? state : { lastSign: step.lastSign };
    const names = `SMA(${params.fast}) ${shownValue(fast)}`;
    if (step.cross === 'up') {
      const trend = compareReadings(medium, slow);
      if (trend !== 1) return { intents: [], state: next };
      const reason = `${names} crossed above SMA(${params.medium}) ${shownValue(medium)} while SMA(${params.medium}) is above SMA(${params.slow}) ${shownValue(slow)}`;
      return { intents: [{ action: 'enter_long', symbol: candle.symbol, reason }], state: next };
    }
    if (step.cross === 'down') {
      const held = position.side === 'long' || position.pendingEntry ? '' : ' (no long held: recorded so entries and exits alternate)';
      const reason = `${names} crossed below SMA(${params.medium}) ${shownValue(medium)}: exit the long${held}`;
      return { intents: [{ action: 'exit', symbol: candle.symbol, reason }], state: next };
    }
    return { intents: [], state: next };
  },
});
