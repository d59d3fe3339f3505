// The one interface every market data source of the embedded exchange implements (synthetic, CSV, arrays
// handed in by the composition root), so the replay and the Market Data REST logic never care where bars
// come from. Must never: expose mutable bars, or return bars out of time order.

import type { ExchangeBar } from '../contracts.js';

/** Where the bars come from. Anything `synthetic` must be shown as such wherever it is displayed. */
export type BarSourceKind = 'synthetic' | 'csv' | 'array';

/** A finite or unbounded store of 1-minute bars for a set of symbols. All times are epoch ms (UTC), `t` = bar start. */
export interface BarSource {
  /** Where the bars come from. */
  readonly source: BarSourceKind;
  /** Human-readable label for the server banner and the dashboard (synthetic sources always say "synthetic"). */
  readonly label: string;
  /** The symbols this source has bars for, sorted ascending. */
  symbols(): readonly string[];
  /** 1-minute bars of `symbol` on the ET date `date` ('YYYY-MM-DD'), extended hours included when present, ascending. */
  barsForSession(symbol: string, date: string): readonly ExchangeBar[];
  /** 1-minute bars of `symbol` with `from ≤ t ≤ to`, ascending. Unknown symbols give []. */
  barsBetween(symbol: string, from: number, to: number): readonly ExchangeBar[];
  /** The bar of `symbol` starting exactly at `t`, if any. */
  barAt(symbol: string, t: number): ExchangeBar | undefined;
  /** The latest bar of `symbol` with start `≤ t`, if any (searches back across sessions). */
  lastBarAtOrBefore(symbol: string, t: number): ExchangeBar | undefined;
  /** Start of the earliest bar, or undefined when the source has none. */
  firstTime(): number | undefined;
  /** Start of the latest bar; undefined when the source is unbounded (synthetic) or empty. */
  lastTime(): number | undefined;
}

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;

/** Index of the first bar with `t ≥ from` in an ascending array (binary search). */
export function lowerBound(bars: readonly ExchangeBar[], from: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid]?.t ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first bar with `t > to` in an ascending array (binary search). */
export function upperBound(bars: readonly ExchangeBar[], to: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid]?.t ?? Infinity) <= to) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
