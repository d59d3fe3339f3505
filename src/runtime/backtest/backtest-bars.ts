// The historical feed of a backtest (SPEC §11): the bars of a run, from a CSV file, the bars cache in SQLite,
// or bars already in memory — checked, sorted and merged into one timeline of minutes (regular hours only).
// Each bar is one object that is both the bot's Bar and the exchange's ExchangeBar, made once at load time, so
// the per-bar loop hands the same object to the matching core and to the engine without allocating.
// Must never: silently drop bars (what is left out is counted and reported), or let a bar of one minute reach
// the run before the bars of an earlier minute.
import { etDate, isTradingDay, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import type { Bar } from '../../domain/bar.js';
import type { Ticker } from '../../domain/ids.js';
import type { ExchangeBar } from '../../exchange/contracts.js';
import { CsvReadError } from '../../adapters/csv/import-bar-csv-file.js';
import { parseBarCsv } from '../../adapters/csv/bar-csv-import.js';
import { openStore } from '../../adapters/sqlite/index.js';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BacktestData } from './backtest-types.js';

/** A bar the engine (Bar) and the matching core (ExchangeBar) both read. */
export type DualBar = Bar & ExchangeBar;

/** The run's bars as one timeline: `minutes[i]` holds every symbol's bar that starts at `starts[i]`. */
export interface BacktestTimeline {
  readonly symbols: readonly string[];
  readonly starts: readonly number[];
  readonly minutes: readonly (readonly DualBar[])[];
  readonly bars: number;
  /** Bars outside regular hours (the exchange does not match them; the engine does not trade them). */
  readonly skippedOutsideHours: number;
}

/** Thrown for bad backtest data: names the file or symbols and what is wrong. */
export class BacktestDataError extends Error {
  override readonly name = 'BacktestDataError';
}

const MINUTE = 60_000;

function dual(bar: Bar): DualBar {
  return {
    symbol: bar.symbol, timeframe: bar.timeframe, t: bar.t, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume,
    o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume, vw: bar.vwap ?? bar.close, n: bar.tradeCount ?? 0,
  };
}

function readCsv(data: Extract<BacktestData, { kind: 'csv' }>): Bar[] {
  let text: string;
  try {
    text = readFileSync(data.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvReadError(`cannot read ${data.path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  // US equities: a timestamp without an offset is New York time unless the caller says otherwise.
  const parsed = parseBarCsv(text, { fileName: basename(data.path), ...(data.symbol ? { symbol: data.symbol } : {}), tz: data.tz ?? 'America/New_York', ...(data.barEnd ? { barEnd: true } : {}) });
  if (parsed.problems.length > 0) {
    const shown = parsed.problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    throw new BacktestDataError(`${data.path}: ${parsed.problems.length} problem(s) — ${shown}`);
  }
  return parsed.bars;
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
      const bars = store.bars.rangeBars(symbol as Ticker, '1Min', from, to);
      if (bars.length === 0) throw new BacktestDataError(`no cached 1-minute bars for ${symbol} between ${data.from} and ${data.to}: run \`alpaca-bot data fetch\` or \`data import\` first`);
      out.push(...bars);
    }
    return out;
  } finally {
    store.close();
  }
}

function rawBars(data: BacktestData): Bar[] {
  if (data.kind === 'csv') return readCsv(data);
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
 * Loads and checks the bars of a run and builds its timeline.
 * @throws BacktestDataError (not 1-minute bars, no bars, duplicates), CsvReadError (file unreadable)
 */
export function loadTimeline(data: BacktestData, symbols?: readonly string[]): BacktestTimeline {
  const all = rawBars(data);
  const wanted = symbols && symbols.length > 0 ? new Set(symbols.map((s) => s.toUpperCase())) : undefined;
  const picked = wanted ? all.filter((b) => wanted.has(b.symbol)) : all;
  if (picked.length === 0) throw new BacktestDataError(wanted ? `no bars for ${[...wanted].join(', ')} in the data` : 'the data holds no bars');
  const wrong = picked.find((b) => b.timeframe !== '1Min');
  if (wrong) throw new BacktestDataError(`backtests replay 1-minute bars (the engine aggregates them to the strategy's timeframe); the data holds ${wrong.timeframe} bars`);
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
    list.push(dual(bar));
    byStart.set(bar.t, list);
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  if (starts.length === 0) throw new BacktestDataError('none of the bars falls in regular trading hours (09:30–16:00 New York on NYSE trading days)');
  const minutes = starts.map((t) => (byStart.get(t) ?? []).sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)));
  const syms = [...new Set(minutes.flat().map((b) => b.symbol))].sort();
  return { symbols: syms, starts, minutes, bars: picked.length - skipped, skippedOutsideHours: skipped };
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
