// The `rsi_mean_reversion` built-in (SPEC §5): RSI(14) below 30 → buy; RSI above 70 → exit; stop −1.5 % and
// take-profit +2 % from the signal close on the entry intent (broker-side, SPEC §6).
// "RSI < 30 → buy" is read as the candle where RSI ENTERS the oversold zone (previous RSI ≥ 30, current < 30),
// while flat: a level rule would buy again on every oversold candle after a stop-out (catching a falling knife
// repeatedly) and after a restart in the middle of an oversold stretch. The cross is taken from the indicator's
// own previous value, so it needs no memory and survives restarts. A candle that enters the zone while the
// strategy holds a position or has an entry working is not acted on later.
// Must never: read the clock, keep module-level state, or size an order.

import { Rsi, type IndicatorReading } from '../../indicators/index.js';
import { defineStrategy, type DecideInput, type Decision } from '../strategy-api.js';
import { rsiMeanReversionParams, type RsiMeanReversionParams } from './rsi-mean-reversion-params.js';

/** No memory needed: the state is an empty object. */
export type RsiMeanReversionState = Readonly<Record<string, never>>;

type Input = DecideInput<RsiMeanReversionParams, RsiMeanReversionState>;

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

function decide(input: Input): Decision<RsiMeanReversionState> {
  const { candle, position, state, params: p } = input;
  const rsi = num(input.indicators.rsi, 'value');
  if (rsi === undefined) return { intents: [], state };
  const label = `RSI(${p.period})`;
  if (position.side === 'long') {
    if (!(rsi > p.overbought)) return { intents: [], state };
    const reason = `${label} ${rsi.toFixed(2)} > overbought ${p.overbought}; exit long at market`;
    return { intents: [{ action: 'exit', symbol: candle.symbol, reason }], state };
  }
  const previous = num(input.indicators.rsi, 'previous');
  if (position.side === 'short' || position.pendingEntry || previous === undefined) return { intents: [], state };
  if (!(rsi < p.oversold && previous >= p.oversold)) return { intents: [], state };
  const stop = round4(candle.close * (1 - p.stop_loss_pct));
  const takeProfit = round4(candle.close * (1 + p.take_profit_pct));
  const reason =
    `${label} ${rsi.toFixed(2)} < oversold ${p.oversold} (previous ${previous.toFixed(2)}); buy at market from close ` +
    `${fmt(candle.close)}, stop ${fmt(stop)} (−${pct(p.stop_loss_pct)}), take-profit ${fmt(takeProfit)} (+${pct(p.take_profit_pct)})`;
  return {
    intents: [{ action: 'enter_long', symbol: candle.symbol, reason, entry: { type: 'market' }, stop, takeProfit }],
    state,
  };
}

/** The rsi_mean_reversion built-in; defaults as SPEC §5/§6, on 1-minute candles. */
export const rsiMeanReversion = defineStrategy<RsiMeanReversionParams, RsiMeanReversionState>({
  name: 'rsi_mean_reversion',
  description: 'Buy when RSI(14) drops below 30, exit when it rises above 70; stop −1.5 %, take-profit +2 %.',
  params: rsiMeanReversionParams,
  defaultTimeframe: '1Min',
  // The first RSI is at index `period` (TA-Lib lookback); the cross needs the one before it too.
  warmUp: (p) => p.period + 2,
  indicators: (p) => ({ rsi: { create: () => new Rsi(p.period), input: 'close' } }),
  initialState: () => ({}),
  decide,
});
