// The velez entry rule (SPEC §5): on the candle BEFORE the signal the fast and slow SMAs are converged
// (|fast − slow| / close ≤ tightness), then the signal candle is a strong bullish candle (close > open, body ≥
// strong_body_pct of the range) on which the fast SMA rises and the fast − slow gap widens upward (fast above
// slow and the gap larger than on the previous candle), ending a run of at most max_run_candles greens.
// Entry: buy-stop at the signal candle's high; stop at its low − max(stop_buffer_pct × buy-stop, stop_buffer_min).
// Must never: read anything but its arguments, or return an entry whose stop is not below the buy-stop.

import type { Bar } from '../../../domain/bar.js';
import type { IndicatorReading } from '../../indicators/index.js';
import { candleShape, greenRun } from './candle-shape.js';
import type { VelezParams } from './velez-params.js';

export interface VelezSignal {
  /** Buy-stop price: the signal candle's high. */
  readonly entry: number;
  /** Protective stop: low − buffer, rounded to 4 decimals. */
  readonly stop: number;
  readonly reason: string;
}

/** Rounds to 4 decimals (prices as Alpaca quotes them): removes floating-point noise, not a tick rounding. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** 2 decimals at least, up to 4 when the price has them. */
export function fmtPrice(x: number): string {
  const text = String(round4(x));
  return (text.split('.')[1]?.length ?? 0) <= 2 ? round4(x).toFixed(2) : text;
}

export function fmtPct(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

interface Averages {
  readonly fast: number;
  readonly slow: number;
  readonly fastPrev: number;
  readonly slowPrev: number;
}

function averages(fast: IndicatorReading<unknown>, slow: IndicatorReading<unknown>): Averages | undefined {
  const values = [fast.value, slow.value, fast.previous, slow.previous];
  if (!values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) return undefined;
  const [f, s, fp, sp] = values as [number, number, number, number];
  return { fast: f, slow: s, fastPrev: fp, slowPrev: sp };
}

/** The stop for a buy-stop at `entry` over a signal candle whose low is `low`. */
export function velezStop(low: number, entry: number, params: VelezParams): number {
  return round4(low - Math.max(params.stop_buffer_pct * entry, params.stop_buffer_min));
}

/**
 * The entry this candle signals, or undefined. `candles` ends with the signal candle (at least 2 needed).
 */
export function velezSignal(
  candles: readonly Bar[],
  fast: IndicatorReading<unknown>,
  slow: IndicatorReading<unknown>,
  params: VelezParams,
): VelezSignal | undefined {
  const candle = candles.at(-1);
  const before = candles.at(-2);
  const a = averages(fast, slow);
  if (candle === undefined || before === undefined || a === undefined) return undefined;
  const shape = candleShape(candle, params.doji_body_pct, params.strong_body_pct);
  if (shape.colour !== 'green' || !shape.strongBody) return undefined;
  const gapBefore = Math.abs(a.fastPrev - a.slowPrev) / before.close;
  if (!(gapBefore <= params.tightness_pct)) return undefined;
  const diff = a.fast - a.slow;
  const diffBefore = a.fastPrev - a.slowPrev;
  if (!(a.fast > a.fastPrev && diff > 0 && diff > diffBefore)) return undefined;
  const run = greenRun(candles, params.doji_body_pct);
  if (run > params.max_run_candles) return undefined;
  const entry = candle.high;
  const stop = velezStop(candle.low, entry, params);
  if (!(stop < entry)) return undefined;
  const f = `SMA${params.fast}`;
  const s = `SMA${params.slow}`;
  const reason =
    `${f} ${fmtPrice(a.fastPrev)} within ${fmtPct(gapBefore)} of ${s} ${fmtPrice(a.slowPrev)}; ` +
    `strong candle body ${Math.round(shape.bodyRatio * 100)}%; ` +
    `divergence widening (${f} ${fmtPrice(a.fast)} rising, gap ${fmtPrice(diffBefore)} -> ${fmtPrice(diff)}); ` +
    `green run ${run}/${params.max_run_candles}; buy-stop at ${fmtPrice(entry)}, stop ${fmtPrice(stop)}`;
  return { entry, stop, reason };
}
