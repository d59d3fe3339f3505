// The `velez` built-in (SPEC §5): SMA 20/200 convergence, a strong bullish candle with divergence, a buy-stop at
// its high that lives one candle, a stop under its low, a pullback-and-continuation trailing stop, and flat
// before the close. Long only. Rules of the entry: velez-signal.ts; of the trailing stop: velez-trail.ts.
// When "flat before the close" happens: on the first candle whose END is within
// max(flat_minutes_before_close, candle minutes) minutes of the session close (default 5: the 2-minute candle
// 15:54–15:56 on a normal day, 12:54–12:56 on an early close), or on the last candle of the session, whichever
// comes first; the exit intent is repeated on each later candle while the position is still open. No new
// buy-stop is placed when its life (entry_expiry_candles) would reach that window.
// Must never: read the clock, keep module-level state, size an order, or lower a stop.

import { TIMEFRAME_MINUTES, type Bar } from '../../../domain/bar.js';
import type { Intent } from '../../../domain/intent.js';
import { Sma } from '../../indicators/index.js';
import { defineStrategy, type DecideInput, type Decision, type SessionView } from '../strategy-api.js';
import { candleShape } from './candle-shape.js';
import { velezParams, type VelezParams } from './velez-params.js';
import { fmtPrice, velezSignal } from './velez-signal.js';
import { trailStep, type TrailState } from './velez-trail.js';

/** velez's memory between candles (plain JSON). */
export interface VelezState {
  /** The working buy-stop this strategy asked for, until it fills or expires. */
  readonly pending: { readonly signalTs: number; readonly signalBar: number; readonly entry: number; readonly stop: number } | null;
  /** Trailing memory of the open position. */
  readonly trade: TrailState | null;
}

/** How many dojis a run of greens may contain and still be counted whole (sizes `lookback`). */
const MAX_DOJIS_IN_RUN = 20;
const FLAT: VelezState = { pending: null, trade: null };
/** Candle sizes velez accepts (SPEC §5). */
export const VELEZ_TIMEFRAMES = ['1Min', '2Min', '5Min', '10Min'] as const;

function candleMinutes(bar: Bar): number {
  const tf = bar.timeframe;
  if (tf === '1Min' || tf === '2Min' || tf === '5Min' || tf === '10Min') return TIMEFRAME_MINUTES[tf];
  throw new RangeError(`velez: invalid timeframe ${JSON.stringify(tf)}: allowed ${VELEZ_TIMEFRAMES.join(', ')}`);
}

function flatWindow(params: VelezParams, minutes: number): number {
  return Math.max(params.flat_minutes_before_close, minutes);
}

function mustBeFlat(session: SessionView, window: number): boolean {
  return session.isLastCandle || session.minutesToClose <= window;
}

function decide(input: DecideInput<VelezParams, VelezState>): Decision<VelezState> {
  const { candle, position, session, params } = input;
  const minutes = candleMinutes(candle);
  const window = flatWindow(params, minutes);
  if (position.side === 'long') return manageLong(input, window);
  const state = forgetExpired(input);
  if (state.pending !== null || position.side === 'short' || position.pendingEntry) return { intents: [], state };
  if (input.state.pending !== null) return { intents: [], state }; // the candle that expired a buy-stop opens none
  if (session.isLastCandle || session.minutesToClose - params.entry_expiry_candles * minutes <= window) {
    return { intents: [], state };
  }
  const { fast, slow } = input.indicators;
  if (fast === undefined || slow === undefined) return { intents: [], state };
  const signal = velezSignal(input.candles, fast, slow, params);
  if (signal === undefined) return { intents: [], state };
  const intent: Intent = {
    action: 'enter_long',
    symbol: candle.symbol,
    reason: signal.reason,
    entry: { type: 'stop', price: signal.entry, expiresAfterCandles: params.entry_expiry_candles },
    stop: signal.stop,
  };
  const pending = { signalTs: candle.t, signalBar: input.barCount, entry: signal.entry, stop: signal.stop };
  return { intents: [intent], state: { pending, trade: null } };
}

/** Flat: a buy-stop whose life is over is forgotten (the order manager cancels it from expiresAfterCandles). */
function forgetExpired(input: DecideInput<VelezParams, VelezState>): VelezState {
  const pending = input.state.pending;
  if (pending === null) return FLAT;
  const alive = input.barCount < pending.signalBar + input.params.entry_expiry_candles;
  return alive ? { pending, trade: null } : FLAT;
}

function manageLong(input: DecideInput<VelezParams, VelezState>, window: number): Decision<VelezState> {
  const { candle, position, session, params, state } = input;
  if (mustBeFlat(session, window)) {
    const reason =
      `flat before the close: candle ends ${session.minutesToClose} min before the session close ` +
      `(window ${window} min); exit long at market`;
    return { intents: [{ action: 'exit', symbol: candle.symbol, reason }], state: FLAT };
  }
  const start: TrailState = state.trade ?? { stop: state.pending?.stop ?? position.stop ?? null, pullbackLow: null, greens: 0 };
  const { colour } = candleShape(candle, params.doji_body_pct, params.strong_body_pct);
  const step = trailStep(start, candle, colour, params.continuation_candles, position.stop);
  const next: VelezState = { pending: null, trade: step.trail };
  if (step.raiseTo === undefined) return { intents: [], state: next };
  const from = step.raiseTo.previous === null ? 'none' : fmtPrice(step.raiseTo.previous);
  const reason =
    `pullback low ${fmtPrice(step.raiseTo.stop)} followed by ${params.continuation_candles} continuation candles ` +
    `(close ${fmtPrice(candle.close)}); raise stop ${from} -> ${fmtPrice(step.raiseTo.stop)}`;
  return { intents: [{ action: 'move_stop', symbol: candle.symbol, reason, stop: step.raiseTo.stop }], state: next };
}

/** The velez built-in; defaults as SPEC §5, on 2-minute candles. */
export const velez = defineStrategy<VelezParams, VelezState>({
  name: 'velez',
  description:
    'SMA 20/200 convergence, then a strong bullish candle with divergence: buy-stop at its high (1 candle), stop ' +
    'under its low, stop raised to each pullback low after 2 continuation candles, flat before the close.',
  params: velezParams,
  defaultTimeframe: '2Min',
  warmUp: (params) => params.slow + 1,
  lookback: (params) => params.max_run_candles + 1 + MAX_DOJIS_IN_RUN,
  indicators: (params) => ({
    fast: { create: () => new Sma(params.fast), input: 'close' },
    slow: { create: () => new Sma(params.slow), input: 'close' },
  }),
  initialState: () => FLAT,
  decide,
});
