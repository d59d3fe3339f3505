// The velez trailing rule (SPEC §5): after a pullback (one or more red candles) followed by
// `continuation_candles` green candles, the stop rises to the pullback's low — never lower, and never to or
// above the current close (a stop there would fill at once). Dojis count as neither red nor green: they
// neither start a pullback nor count as a continuation. A red candle after some (but not enough) greens starts
// a new pullback with its own low; consecutive reds form one pullback whose low is the lowest of them.
// Must never: lower the stop, or keep state outside the plain object it returns.

import type { Bar } from '../../../domain/bar.js';
import type { CandleColour } from './candle-shape.js';

/** Per-trade trailing memory, JSON-serializable. */
export interface TrailState {
  /** The stop this strategy last set (entry stop or a raised one); null when unknown. */
  readonly stop: number | null;
  /** Low of the current pullback; null when none is open. */
  readonly pullbackLow: number | null;
  /** Green candles since the pullback. */
  readonly greens: number;
}

export interface TrailStep {
  readonly trail: TrailState;
  /** The raised stop, when this candle completes a pullback + continuation above the current stop. */
  readonly raiseTo?: { readonly stop: number; readonly previous: number | null };
}

/** Advances the trailing memory by one completed candle of colour `colour`. */
export function trailStep(
  trail: TrailState,
  candle: Pick<Bar, 'low' | 'close'>,
  colour: CandleColour,
  continuation: number,
  brokerStop: number | undefined,
): TrailStep {
  if (colour === 'doji') return { trail };
  if (colour === 'red') {
    const low = trail.pullbackLow !== null && trail.greens === 0 ? Math.min(trail.pullbackLow, candle.low) : candle.low;
    return { trail: { ...trail, pullbackLow: low, greens: 0 } };
  }
  if (trail.pullbackLow === null) return { trail };
  const greens = trail.greens + 1;
  if (greens < continuation) return { trail: { ...trail, greens } };
  const candidate = trail.pullbackLow;
  const done: TrailState = { ...trail, pullbackLow: null, greens: 0 };
  const current = Math.max(trail.stop ?? -Infinity, brokerStop ?? -Infinity);
  if (candidate > current && candidate < candle.close) {
    return {
      trail: { ...done, stop: candidate },
      raiseTo: { stop: candidate, previous: Number.isFinite(current) ? current : null },
    };
  }
  return { trail: done };
}
