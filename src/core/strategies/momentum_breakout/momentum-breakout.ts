// The `momentum_breakout` built-in (SPEC §5): long when the close is above the session VWAP by a buffer
// (× 1.001), the bar's volume is at least 1.5 × the average volume of the 20 bars BEFORE it, and the price is in
// the $10–$500 band — on the first bar of the session that qualifies while flat (at most one entry per session:
// a breakout is the first push above VWAP on volume, not every later bar that still qualifies). Exits: a
// broker-side stop −1.5 % and take-profit +2 % from the signal close and a trailing stop once +2 % (all on the
// entry intent), or an exit intent on a close back below the session VWAP.
// Must never: read the clock, keep module-level state, size an order, or enter twice in one session.

import type { Intent } from '../../../domain/intent.js';
import { SessionVwap, VolumeAverage, type IndicatorReading } from '../../indicators/index.js';
import { defineStrategy, type DecideInput, type Decision } from '../strategy-api.js';
import { momentumBreakoutParams, type MomentumBreakoutParams } from './momentum-breakout-params.js';

/** momentum_breakout's memory (plain JSON): the ET date of the session it last entered in. */
export interface MomentumBreakoutState {
  readonly enteredOn: string | null;
}

type Input = DecideInput<MomentumBreakoutParams, MomentumBreakoutState>;
type Out = Decision<MomentumBreakoutState>;

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
/** 2 decimals at least, up to 4 when the price has them. */
const fmt = (x: number): string => {
  const text = String(round4(x));
  return (text.split('.')[1]?.length ?? 0) <= 2 ? round4(x).toFixed(2) : text;
};
const pct = (fraction: number): string => `${round4(fraction * 100)}%`;

function num(reading: IndicatorReading<unknown> | undefined, field: 'value' | 'previous'): number | undefined {
  const v = reading?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The entry reason when the candle qualifies, else undefined. */
function qualify(input: Input, vwap: number, averageVolume: number): string | undefined {
  const { candle, params: p } = input;
  const threshold = vwap * (1 + p.vwap_buffer_pct);
  const needed = p.volume_multiple * averageVolume;
  if (!(candle.close > threshold && candle.volume >= needed && averageVolume > 0)) return undefined;
  if (candle.close < p.min_price || candle.close > p.max_price) return undefined;
  return (
    `close ${fmt(candle.close)} > session VWAP ${fmt(vwap)} × ${Math.round((1 + p.vwap_buffer_pct) * 1e6) / 1e6} = ${fmt(threshold)}; ` +
    `volume ${candle.volume} = ${(candle.volume / averageVolume).toFixed(2)}× the ${p.volume_period}-bar average ` +
    `${fmt(averageVolume)} (≥ ${p.volume_multiple}×); price within $${p.min_price}–$${p.max_price}; ` +
    `first breakout of ${input.session.date}`
  );
}

function decide(input: Input): Out {
  const { candle, position, state, params: p } = input;
  const vwap = num(input.indicators.vwap, 'value');
  if (position.side === 'long') {
    if (vwap === undefined || !(candle.close < vwap)) return { intents: [], state };
    const reason = `close ${fmt(candle.close)} back below session VWAP ${fmt(vwap)}; exit long at market`;
    return { intents: [{ action: 'exit', symbol: candle.symbol, reason }], state };
  }
  if (position.side === 'short' || position.pendingEntry || state.enteredOn === input.session.date) return { intents: [], state };
  const averageVolume = num(input.indicators.volume, 'previous');
  if (vwap === undefined || averageVolume === undefined) return { intents: [], state };
  const why = qualify(input, vwap, averageVolume);
  if (why === undefined) return { intents: [], state };
  const stop = round4(candle.close * (1 - p.stop_loss_pct));
  const takeProfit = round4(candle.close * (1 + p.take_profit_pct));
  const intent: Intent = {
    action: 'enter_long',
    symbol: candle.symbol,
    reason:
      `${why}; stop ${fmt(stop)} (−${pct(p.stop_loss_pct)}), take-profit ${fmt(takeProfit)} (+${pct(p.take_profit_pct)}), ` +
      `trailing ${pct(p.trail_pct)} once +${pct(p.trailing_activation_pct)}`,
    entry: { type: 'market' },
    stop,
    takeProfit,
    trail: { activationPct: p.trailing_activation_pct, trailPct: p.trail_pct },
  };
  return { intents: [intent], state: { enteredOn: input.session.date } };
}

/** The momentum_breakout built-in; defaults as SPEC §5/§6, on 1-minute candles. */
export const momentumBreakout = defineStrategy<MomentumBreakoutParams, MomentumBreakoutState>({
  name: 'momentum_breakout',
  description:
    'Long on the first bar of the session that closes > session VWAP × 1.001 on ≥ 1.5× the 20-bar average volume ' +
    '($10–$500); stop −1.5 %, take-profit +2 %, trailing once +2 %, exit on a close back below VWAP.',
  params: momentumBreakoutParams,
  defaultTimeframe: '1Min',
  // VolumeAverage.previous (the average of the `volume_period` bars before the current one) needs one more bar.
  warmUp: (p) => p.volume_period + 1,
  indicators: (p) => ({
    vwap: { create: () => new SessionVwap({ source: p.vwap_source }), input: 'bar' },
    volume: { create: () => new VolumeAverage(p.volume_period), input: 'volume' },
  }),
  initialState: () => ({ enteredOn: null }),
  decide,
});
