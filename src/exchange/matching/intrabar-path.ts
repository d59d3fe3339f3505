// The conservative intrabar price path (SPEC §11, issue #3): open → nearer extreme → other extreme → close,
// walked as continuous straight segments. A position on the path is the distance travelled from the open,
// so "which order triggered first" is a comparison of two numbers.
// Must never: allocate per call (this runs for every resting order on every bar), or look past the bar.
import type { ExchangeBar } from '../contracts.js';

/** The extreme visited first: the one nearer the open (the low on a tie, the conservative side for longs). */
export function firstExtreme(bar: ExchangeBar): number {
  return bar.h - bar.o < bar.o - bar.l ? bar.h : bar.l;
}

/** The extreme visited second. */
export function secondExtreme(bar: ExchangeBar): number {
  return bar.h - bar.o < bar.o - bar.l ? bar.l : bar.h;
}

function pathPoint(bar: ExchangeBar, i: number): number {
  if (i === 0) return bar.o;
  if (i === 1) return firstExtreme(bar);
  return i === 2 ? secondExtreme(bar) : bar.c;
}

/**
 * First path position ≥ `from` where the price is at or below `level`; -1 when it never gets there.
 * When the price at `from` is already at or below, returns `from` itself (a gap through the level).
 */
export function reachDown(bar: ExchangeBar, level: number, from = 0): number {
  let d0 = 0;
  let p0 = bar.o;
  for (let i = 1; i <= 3; i++) {
    const p1 = pathPoint(bar, i);
    const d1 = d0 + Math.abs(p1 - p0);
    if (d1 >= from) {
      const entry = Math.max(from, d0);
      const pe = p0 + Math.sign(p1 - p0) * (entry - d0);
      if (pe <= level) return entry;
      if (p1 <= level) return d0 + (p0 - level);
    }
    d0 = d1;
    p0 = p1;
  }
  return -1;
}

/** Mirror of {@link reachDown}: first position ≥ `from` where the price is at or above `level`. */
export function reachUp(bar: ExchangeBar, level: number, from = 0): number {
  let d0 = 0;
  let p0 = bar.o;
  for (let i = 1; i <= 3; i++) {
    const p1 = pathPoint(bar, i);
    const d1 = d0 + Math.abs(p1 - p0);
    if (d1 >= from) {
      const entry = Math.max(from, d0);
      const pe = p0 + Math.sign(p1 - p0) * (entry - d0);
      if (pe >= level) return entry;
      if (p1 >= level) return d0 + (level - p0);
    }
    d0 = d1;
    p0 = p1;
  }
  return -1;
}

/** Result of {@link walkTrailing}; reused between calls (the matcher is synchronous). */
export interface TrailingWalk {
  /** Path position of the trigger, or -1. */
  at: number;
  /** True when the bar opened beyond the stop (fill at the open). */
  gap: boolean;
  /** The high-water (sell) / low-water (buy) mark when the walk ended (at the trigger, or at the close). */
  mark: number;
}

const walk: TrailingWalk = { at: -1, gap: false, mark: 0 };

/** The trailing stop level for a mark: sell stops trail below the high, buy stops above the low. */
export function trailingStopLevel(sell: boolean, mark: number, trailPrice: number, trailPercent: number): number {
  if (!Number.isNaN(trailPrice)) return sell ? mark - trailPrice : mark + trailPrice;
  return sell ? mark * (1 - trailPercent / 100) : mark * (1 + trailPercent / 100);
}

/**
 * Walks a trailing stop along the bar: the mark follows the price in the favourable direction and the stop
 * triggers where the path crosses `trailingStopLevel(mark)`.
 * @param mark the mark before this bar (NaN when none yet: the open starts it)
 */
export function walkTrailing(bar: ExchangeBar, sell: boolean, mark: number, trailPrice: number, trailPercent: number): TrailingWalk {
  let m = Number.isNaN(mark) ? bar.o : mark;
  walk.at = -1;
  walk.gap = false;
  const openStop = trailingStopLevel(sell, m, trailPrice, trailPercent);
  if (sell ? bar.o <= openStop : bar.o >= openStop) {
    walk.at = 0;
    walk.gap = true;
    walk.mark = m;
    return walk;
  }
  m = sell ? Math.max(m, bar.o) : Math.min(m, bar.o);
  let d0 = 0;
  let p0 = bar.o;
  for (let i = 1; i <= 3; i++) {
    const p1 = pathPoint(bar, i);
    const favourable = sell ? p1 > p0 : p1 < p0;
    if (favourable) m = sell ? Math.max(m, p1) : Math.min(m, p1);
    else if (p1 !== p0) {
      const stop = trailingStopLevel(sell, m, trailPrice, trailPercent);
      if (sell ? p1 <= stop : p1 >= stop) {
        walk.at = d0 + Math.abs(p0 - stop);
        break;
      }
    }
    d0 += Math.abs(p1 - p0);
    p0 = p1;
  }
  walk.mark = m;
  return walk;
}
