// The historical feed of a backtest (SPEC §11): the bars of a run, from a CSV file, the bars cache in SQLite,
// or bars already in memory — checked, sorted and merged into one timeline: of minutes (1-minute bars, regular
// hours only) or of sessions (daily bars, one per NYSE trading day). One bar size per run: a mix is refused.
// Each bar is one object that is both the bot's Bar and the exchange's ExchangeBar, made once at load time, so
// the per-bar loop hands the same object to the matching core and to the engine without allocating (daily bars
// are stamped as the data stamps them, New York midnight: the daily loop gives the venue bars of its own).
// Must never: silently drop bars (what is left out is counted and reported), let a bar of one minute (session)
// reach the run before the bars of an earlier one, or put a daily bar on a day the exchange did not trade.
import { etDate, etDateTime, isTradingDay, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import type { Bar } from '../../domain/bar.js';
import type { Ticker } from '../../domain/ids.js';
import type { ExchangeBar } from '../../exchange/contracts.js';
import { CsvReadError } from '../../adapters/csv/import-bar-csv-file.js';
import { parseBarCsv } from '../../adapters/csv/bar-csv-import.js';
import { mapHeader, splitCsvLine } from '../../adapters/csv/csv-fields.js';
import { openStore } from '../../adapters/sqlite/index.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BacktestData } from './backtest-types.js';

/** A bar the engine (Bar) and the matching core (ExchangeBar) both read. */
export type DualBar = Bar & ExchangeBar;

/**
 * The run's bars as one timeline: `minutes[i]` holds every symbol's bar that starts at `starts[i]`. For daily
 * bars an entry is a session: `starts[i]` is New York midnight of the session's date and `minutes[i]` its bars.
 */
export interface BacktestTimeline {
  readonly symbols: readonly string[];
  readonly starts: readonly number[];
  readonly minutes: readonly (readonly DualBar[])[];
  readonly bars: number;
  /** Bars outside regular hours (the exchange does not match them; the engine does not trade them). */
  readonly skippedOutsideHours: number;
  /** What the loader changed in the data (repaired rows), for the run to report as warnings. */
  readonly notes?: readonly string[];
}

/** The bar size a timeline replays: its bars' timeframe (all the same, checked at load). */
export type TimelineBarSize = '1Min' | '1Day';

/** Whether `timeline` holds 1-minute or daily bars (read from its bars, so a sliced timeline keeps it). */
export function timelineBarSize(timeline: BacktestTimeline): TimelineBarSize {
  return timeline.minutes[0]?.[0]?.timeframe === '1Day' ? '1Day' : '1Min';
}

/** Thrown for bad backtest data: names the file or symbols and what is wrong. */
export class BacktestDataError extends Error {
  override readonly name = 'BacktestDataError';
}

const MINUTE = 60_000;

/** Prices changed by rounding to 4 decimals, and the largest change. */
interface Rounding { changed: number; largest: number }

const SCALE = 10_000;

/**
 * `x` at 4 decimals, the precision of Alpaca's prices and of the engine's exact indicators (which refuse more,
 * disabling the strategy): vendor files carry float noise such as Yahoo's 146.210007 for 146.21.
 */
function round4(x: number, rounding: Rounding): number {
  const r = Math.round(x * SCALE) / SCALE;
  if (r !== x) {
    rounding.changed++;
    rounding.largest = Math.max(rounding.largest, Math.abs(r - x));
  }
  return r;
}

function dual(bar: Bar, rounding: Rounding): DualBar {
  const [open, high, low, close] = [round4(bar.open, rounding), round4(bar.high, rounding), round4(bar.low, rounding), round4(bar.close, rounding)];
  return {
    symbol: bar.symbol, timeframe: bar.timeframe, t: bar.t, open, high, low, close, volume: bar.volume,
    o: open, h: high, l: low, c: close, v: bar.volume, vw: bar.vwap === undefined ? close : round4(bar.vwap, rounding), n: bar.tradeCount ?? 0,
  };
}

/** The note for rounded prices, if any were. */
function roundingNote(rounding: Rounding): string[] {
  if (rounding.changed === 0) return [];
  return [`${rounding.changed} price(s) rounded to 4 decimals (Alpaca's precision, which the engine's exact indicators need), by at most ${rounding.largest.toFixed(6)}`];
}

function readCsv(data: Extract<BacktestData, { kind: 'csv' }>, notes: string[]): Bar[] {
  let text: string;
  try {
    text = readFileSync(data.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvReadError(`cannot read ${data.path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  // US equities: a timestamp without an offset is New York time unless the caller says otherwise.
  const options = { fileName: basename(data.path), ...(data.symbol ? { symbol: data.symbol } : {}), tz: data.tz ?? 'America/New_York', ...(data.barEnd ? { barEnd: true } : {}) };
  let parsed = parseBarCsv(text, options);
  const repairs: string[] = [];
  const repaired = repairRanges(text, parsed.problems, repairs);
  if (repaired !== undefined) parsed = parseBarCsv(repaired, options);
  if (parsed.problems.length > 0) {
    const shown = parsed.problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    throw new BacktestDataError(`${data.path}: ${parsed.problems.length} problem(s) — ${shown}`);
  }
  notes.push(...repairs.map((r) => `${basename(data.path)} ${r}`));
  return parsed.bars;
}

const RANGE_PROBLEM = /^(low \S+ is above open\/close|high \S+ is below open\/close\/low) \([^)]*\)$/;

/**
 * Vendor glitches such as Yahoo's SPY 2015-03-05 (low 209.85 above the open 209.42): rows whose only problem is
 * a low above the open/close or a high below them get the tightest range holding all four prices (low =
 * min(open, close, low), high = max(...)); each repair is described in `repairs`. @returns the repaired text,
 * or undefined when there is nothing to repair or any other problem (then the file is refused as it is)
 */
function repairRanges(text: string, problems: readonly { line: number; message: string }[], repairs: string[]): string | undefined {
  if (problems.length === 0 || !problems.every((p) => p.message.split('; ').every((m) => RANGE_PROBLEM.test(m)))) return undefined;
  const lines = text.split(/\r?\n/);
  const header = mapHeader(splitCsvLine(lines[0] ?? '')).index;
  const [io, ih, il, ic] = [header.open, header.high, header.low, header.close];
  if (io === undefined || ih === undefined || il === undefined || ic === undefined) return undefined;
  for (const problem of problems) {
    const fields = splitCsvLine(lines[problem.line - 1] ?? '');
    const [o = NaN, h = NaN, l = NaN, c = NaN] = [io, ih, il, ic].map((i) => Number(fields[i]));
    if (![o, h, l, c].every(Number.isFinite)) return undefined;
    const [low, high] = [Math.min(o, c, l), Math.max(o, c, h, l)];
    fields[il] = String(low);
    fields[ih] = String(high);
    lines[problem.line - 1] = fields.join(',');
    repairs.push(`line ${problem.line}: ${problem.message} — replayed with low ${low}, high ${high}`);
  }
  return lines.join('\n');
}

function readCache(data: Extract<BacktestData, { kind: 'cache' }>): Bar[] {
  const from = Date.parse(`${data.from}T00:00:00Z`);
  const to = Date.parse(`${data.to}T00:00:00Z`) + 86_400_000;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw new BacktestDataError(`--from ${data.from} / --to ${data.to}: dates must be YYYY-MM-DD with from ≤ to`);
  }
  const store = openStore(data.dbPath);
  try {
    const out: Bar[] = [];
    for (const symbol of data.symbols) {
      // 1-minute bars unless the run asks for daily ones; a symbol with no 1-minute bars in range falls back to its daily bars.
      let bars = data.barSize === '1Day' ? [] : store.bars.rangeBars(symbol as Ticker, '1Min', from, to);
      if (bars.length === 0 && data.barSize !== '1Min') bars = store.bars.rangeBars(symbol as Ticker, '1Day', from, to);
      const what = data.barSize === '1Day' ? 'daily' : data.barSize === '1Min' ? '1-minute' : '1-minute or daily';
      if (bars.length === 0) throw new BacktestDataError(`no cached ${what} bars for ${symbol} between ${data.from} and ${data.to}: run \`alpaca-bot data fetch\` or \`data import\` first`);
      out.push(...bars);
    }
    return out;
  } finally {
    store.close();
  }
}

function rawBars(data: BacktestData, notes: string[]): Bar[] {
  if (data.kind === 'csv') return readCsv(data, notes);
  if (data.kind === 'cache') return readCache(data);
  return Object.values(data.bars).flat();
}

const sessionCache = new Map<string, { open: number; close: number } | null>();
function regularMinute(t: number): boolean {
  const date = etDate(t);
  let s = sessionCache.get(date);
  if (s === undefined) {
    s = isTradingDay(date) ? { open: sessionOpen(date), close: sessionClose(date) } : null;
    sessionCache.set(date, s);
  }
  return s !== null && t >= s.open && t < s.close;
}

/**
 * Loads and checks the bars of a run and builds its timeline (of minutes, or of sessions for daily bars).
 * @throws BacktestDataError (neither 1-minute nor daily bars, a mix of both, no bars, duplicates, a daily bar
 *   on a day NYSE did not trade), CsvReadError (file unreadable)
 */
export function loadTimeline(data: BacktestData, symbols?: readonly string[]): BacktestTimeline {
  const notes: string[] = [];
  const all = rawBars(data, notes);
  const wanted = symbols && symbols.length > 0 ? new Set(symbols.map((s) => s.toUpperCase())) : undefined;
  const picked = wanted ? all.filter((b) => wanted.has(b.symbol)) : all;
  if (picked.length === 0) throw new BacktestDataError(wanted ? `no bars for ${[...wanted].join(', ')} in the data` : 'the data holds no bars');
  const rounding: Rounding = { changed: 0, largest: 0 };
  if (barSizeOf(picked) === '1Day') {
    const daily = dailyTimeline(picked, rounding);
    return { ...daily, notes: [...notes, ...roundingNote(rounding)] };
  }
  const byStart = new Map<number, DualBar[]>();
  const seen = new Set<string>();
  let skipped = 0;
  for (const bar of picked) {
    if (bar.t % MINUTE !== 0) throw new BacktestDataError(`bar of ${bar.symbol} at ${new Date(bar.t).toISOString()} does not start on a minute`);
    const key = `${bar.symbol}|${bar.t}`;
    if (seen.has(key)) throw new BacktestDataError(`two bars for ${bar.symbol} at ${new Date(bar.t).toISOString()}`);
    seen.add(key);
    if (!regularMinute(bar.t)) { skipped++; continue; }
    const list = byStart.get(bar.t) ?? [];
    list.push(dual(bar, rounding));
    byStart.set(bar.t, list);
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  if (starts.length === 0) throw new BacktestDataError('none of the bars falls in regular trading hours (09:30–16:00 New York on NYSE trading days)');
  const minutes = starts.map((t) => (byStart.get(t) ?? []).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)));
  const syms = [...new Set(minutes.flat().map((b) => b.symbol))].sort();
  return { symbols: syms, starts, minutes, bars: picked.length - skipped, skippedOutsideHours: skipped, notes: [...notes, ...roundingNote(rounding)] };
}

/** Symbols per timeframe, as "1Min (SPY, QQQ)" for messages. */
function describeSizes(bars: readonly Bar[]): string {
  const bySize = new Map<string, Set<string>>();
  for (const bar of bars) bySize.set(bar.timeframe, (bySize.get(bar.timeframe) ?? new Set()).add(bar.symbol));
  return [...bySize].map(([size, symbols]) => `${size} (${[...symbols].sort().join(', ')})`).join(' and ');
}

/** The one bar size of the data. @throws BacktestDataError for another bar size or a mix of sizes */
function barSizeOf(bars: readonly Bar[]): TimelineBarSize {
  const first = bars[0]?.timeframe;
  const mixed = bars.some((b) => b.timeframe !== first);
  if (mixed) throw new BacktestDataError(`the data mixes bar sizes: ${describeSizes(bars)} — a backtest replays one bar size, 1-minute bars or daily bars (1Day)`);
  if (first === '1Min' || first === '1Day') return first;
  throw new BacktestDataError(`backtests replay 1-minute bars (the engine aggregates them to 1Min–1Hour candles) or daily bars (1Day candles); the data holds ${describeSizes(bars)} bars`);
}

/** Checks that a daily bar's New York date is an NYSE trading day. @returns that date */
function tradingDate(bar: Bar): string {
  const date = etDate(bar.t);
  let trading: boolean;
  try {
    trading = isTradingDay(date);
  } catch (error) {
    throw new BacktestDataError(`daily bar of ${bar.symbol} on ${date}: ${(error as Error).message}`);
  }
  if (!trading) {
    throw new BacktestDataError(`daily bar of ${bar.symbol} stamped ${new Date(bar.t).toISOString()} falls on ${date} (New York), not an NYSE trading day: daily bars are matched to sessions by their New York date (a date alone is New York midnight; a stamp at midnight UTC lands on the evening before)`);
  }
  return date;
}

/** One entry per session with daily bars, in date order, each session's bars sorted by symbol. */
function dailyTimeline(bars: readonly Bar[], rounding: Rounding): BacktestTimeline {
  const byDate = new Map<string, DualBar[]>();
  const seen = new Set<string>();
  for (const bar of bars) {
    const date = tradingDate(bar);
    const key = `${bar.symbol}|${date}`;
    if (seen.has(key)) throw new BacktestDataError(`two daily bars for ${bar.symbol} on ${date}`);
    seen.add(key);
    const list = byDate.get(date) ?? [];
    list.push(dual(bar, rounding));
    byDate.set(date, list);
  }
  const dates = [...byDate.keys()].sort();
  const minutes = dates.map((d) => (byDate.get(d) ?? []).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)));
  const symbols = [...new Set(bars.map((b) => b.symbol))].sort();
  return { symbols, starts: dates.map((d) => etDateTime(d, '00:00')), minutes, bars: bars.length, skippedOutsideHours: 0 };
}

/** Splits a timeline at `startAt`: earlier bars (by symbol) for warm-up, the rest to trade. */
export function splitAtStart(timeline: BacktestTimeline, startAt: number | undefined): { warmUp: Map<string, Bar[]>; trade: BacktestTimeline } {
  const warmUp = new Map<string, Bar[]>();
  if (startAt === undefined) return { warmUp, trade: timeline };
  let k = 0;
  while (k < timeline.starts.length && (timeline.starts[k] ?? 0) < startAt) {
    for (const bar of timeline.minutes[k] ?? []) {
      const list = warmUp.get(bar.symbol) ?? [];
      list.push(bar);
      warmUp.set(bar.symbol, list);
    }
    k++;
  }
  const minutes = timeline.minutes.slice(k);
  const bars = minutes.reduce((n, m) => n + m.length, 0);
  if (bars === 0) throw new BacktestDataError(`no bars at or after the start ${new Date(startAt).toISOString()}`);
  return { warmUp, trade: { ...timeline, starts: timeline.starts.slice(k), minutes, bars } };
}
