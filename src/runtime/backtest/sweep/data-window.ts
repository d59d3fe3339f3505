// Narrows a backtest's loaded timeline to a window of ET trading dates (walk-forward splits), and finds the dates
// a data source spans. Windows are cut at ET midnight, so a window holds whole sessions. A worker loads the data
// once and slices it per job, so a CSV or the bars cache is read once per thread, not once per run.
// Must never: let a bar from outside the window into a run, or hand a run an empty window.
import { etDate, etDateTime } from '../../../domain/calendar/index.js';
import { loadTimeline, type BacktestTimeline } from '../backtest-bars.js';
import type { BacktestData } from '../backtest-types.js';

/** A span of whole ET trading dates, both inclusive ('YYYY-MM-DD'). */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The window as epoch ms [from, to): ET midnight of its first date to ET midnight after its last. */
export function windowBounds(window: DateWindow): { readonly from: number; readonly to: number } {
  return { from: etDateTime(window.from, '00:00'), to: etDateTime(dayAfter(window.to), '00:00') };
}

function firstAtOrAfter(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The minutes of `timeline` inside `window` (a new timeline sharing the bar objects).
 * @throws RangeError naming the window when it holds no bars
 */
export function sliceTimeline(timeline: BacktestTimeline, window: DateWindow): BacktestTimeline {
  const { from, to } = windowBounds(window);
  const a = firstAtOrAfter(timeline.starts, from);
  const b = firstAtOrAfter(timeline.starts, to);
  if (b <= a) throw new RangeError(`no bars in the window ${window.from} to ${window.to} (the data spans ${describeSpan(timeline)})`);
  const minutes = timeline.minutes.slice(a, b);
  const symbols = [...new Set(minutes.flatMap((m) => m.map((bar) => bar.symbol)))].sort();
  return { symbols, starts: timeline.starts.slice(a, b), minutes, bars: minutes.reduce((n, m) => n + m.length, 0), skippedOutsideHours: 0 };
}

function describeSpan(timeline: BacktestTimeline): string {
  const starts = timeline.starts;
  return starts.length === 0 ? 'no dates' : `${etDate(starts[0] ?? 0)} to ${etDate(starts[starts.length - 1] ?? 0)}`;
}

/**
 * The first and last ET dates the data holds regular-hours bars on (the cache's own from/to, unread).
 * @throws what the backtest's loader throws for missing or malformed data
 */
export function dataDateRange(data: BacktestData): DateWindow {
  if (data.kind === 'cache') return { from: data.from, to: data.to };
  const starts = loadTimeline(data).starts;
  return { from: etDate(starts[0] ?? 0), to: etDate(starts[starts.length - 1] ?? 0) };
}
