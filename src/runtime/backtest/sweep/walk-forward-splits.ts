// Walk-forward splits (issue #6): N consecutive (in-sample, out-of-sample) windows over NYSE trading sessions,
// rolling with equal windows — every in-sample window has the same length and each out-of-sample window follows
// its in-sample window directly; windows roll forward by one out-of-sample length, so the out-of-sample windows
// tile the end of the range with no gap and no overlap. docs/backtest-sweeps.md explains the choice.
// Must never: let an out-of-sample window overlap its own in-sample window or another out-of-sample window, or
// count a weekend or holiday as a session.
import { sessionsBetween, type TradingSession } from '../../../domain/calendar/index.js';
import type { DateWindow } from './data-window.js';

/** A window of whole sessions. */
export interface SessionWindow extends DateWindow {
  readonly sessions: number;
}

/** One walk-forward split. */
export interface WalkForwardSplit {
  /** 0-based, oldest first. */
  readonly index: number;
  readonly inSample: SessionWindow;
  readonly outOfSample: SessionWindow;
}

/** Options of {@link walkForwardSplits}; give lengths in sessions, or let the ratio size them. */
export interface WalkForwardOptions {
  readonly inSampleSessions?: number;
  readonly outOfSampleSessions?: number;
  /** In-sample sessions per out-of-sample session when neither length is given (default 3). */
  readonly ratio?: number;
}

/** The default in-sample : out-of-sample length ratio. */
export const DEFAULT_WALK_FORWARD_RATIO = 3;

function wholeAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`walk-forward ${name} = ${String(value)}: must be a whole number ≥ ${min}`);
  return value;
}

function lengths(total: number, n: number, options: WalkForwardOptions): { inSample: number; outOfSample: number } {
  const { inSampleSessions: is, outOfSampleSessions: oos } = options;
  if (is !== undefined) wholeAtLeast('inSampleSessions', is, 1);
  if (oos !== undefined) wholeAtLeast('outOfSampleSessions', oos, 1);
  if (is !== undefined && oos !== undefined) return { inSample: is, outOfSample: oos };
  if (is !== undefined) return { inSample: is, outOfSample: Math.floor((total - is) / n) };
  const ratio = options.ratio ?? DEFAULT_WALK_FORWARD_RATIO;
  if (!Number.isFinite(ratio) || ratio <= 0) throw new RangeError(`walk-forward ratio = ${String(ratio)}: must be a number > 0 (in-sample sessions per out-of-sample session)`);
  const outOfSample = oos ?? Math.floor(total / (n + ratio));
  return { inSample: total - n * outOfSample, outOfSample };
}

function windowOf(sessions: readonly TradingSession[], start: number, length: number): SessionWindow {
  return { from: sessions[start]?.date ?? '', to: sessions[start + length - 1]?.date ?? '', sessions: length };
}

/**
 * Splits the NYSE sessions from `from` to `to` (inclusive ET dates) into `n` rolling walk-forward splits.
 * Defaults: out-of-sample = floor(S / (n + ratio)) sessions, in-sample = the rest of the range minus n
 * out-of-sample windows (so no session is wasted). Explicit lengths that do not fill the range leave the oldest
 * sessions unused.
 * @throws RangeError naming the value for a bad date, count or length, or when the range is too short
 */
export function walkForwardSplits(from: string, to: string, n: number, options: WalkForwardOptions = {}): WalkForwardSplit[] {
  wholeAtLeast('splits', n, 1);
  const sessions = sessionsBetween(from, to);
  const total = sessions.length;
  const { inSample, outOfSample } = lengths(total, n, options);
  if (outOfSample < 1 || inSample < 1 || inSample + n * outOfSample > total) {
    throw new RangeError(`walk-forward over ${from} to ${to}: ${total} sessions cannot hold ${n} split(s) of ${inSample} in-sample + ${outOfSample} out-of-sample sessions (needs in-sample + ${n} × out-of-sample ≤ ${total}, each ≥ 1): use fewer splits or a longer range`);
  }
  const offset = total - (inSample + n * outOfSample);
  return Array.from({ length: n }, (_, k) => {
    const start = offset + k * outOfSample;
    return { index: k, inSample: windowOf(sessions, start, inSample), outOfSample: windowOf(sessions, start + inSample, outOfSample) };
  });
}
