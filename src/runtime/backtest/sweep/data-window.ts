// Narrows a backtest's data to a window of ET trading dates (walk-forward splits), and finds the dates a data
// source spans. Bars are cut at ET midnight, so a window holds whole sessions; the bars cache is narrowed by its
// own from/to dates; a CSV is loaded once (through the backtest's own loader) and then cut like in-memory bars.
// Must never: let a bar from outside the window into a run, or change anything of the spec but its data.
import { etDate, etDateTime } from '../../../domain/calendar/index.js';
import type { Bar } from '../../../domain/bar.js';
import { loadTimeline } from '../backtest-bars.js';
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

function cutBars(bars: Readonly<Record<string, readonly Bar[]>>, window: DateWindow): Record<string, Bar[]> {
  const { from, to } = windowBounds(window);
  const out: Record<string, Bar[]> = {};
  for (const [symbol, list] of Object.entries(bars)) out[symbol] = list.filter((b) => b.t >= from && b.t < to);
  return out;
}

/** A CSV's regular-hours bars by symbol, read and checked by the backtest's loader. */
export function csvBars(data: Extract<BacktestData, { kind: 'csv' }>): Record<string, Bar[]> {
  const out: Record<string, Bar[]> = {};
  for (const minute of loadTimeline(data).minutes) {
    for (const bar of minute) (out[bar.symbol] ??= []).push(bar);
  }
  return out;
}

/**
 * `data` narrowed to `window`. A CSV source needs `loadCsv` (callers memoize it: a worker reads the file once).
 * @throws what the loader throws for an unreadable or malformed CSV
 */
export function windowData(data: BacktestData, window: DateWindow, loadCsv: (data: Extract<BacktestData, { kind: 'csv' }>) => Readonly<Record<string, readonly Bar[]>> = csvBars): BacktestData {
  if (data.kind === 'cache') return { ...data, from: window.from, to: window.to };
  const bars = data.kind === 'bars' ? data.bars : loadCsv(data);
  return { kind: 'bars', bars: cutBars(bars, window) };
}

/**
 * The first and last ET dates the data holds bars on (regular hours; the cache's own from/to).
 * @throws what the backtest's loader throws for missing or malformed data
 */
export function dataDateRange(data: BacktestData): DateWindow {
  if (data.kind === 'cache') return { from: data.from, to: data.to };
  const starts = loadTimeline(data).starts;
  return { from: etDate(starts[0] ?? 0), to: etDate(starts[starts.length - 1] ?? 0) };
}
