// Parses 1-minute bar CSV files (timestamp, open, high, low, close, volume[, vwap, trade_count][, symbol])
// into exchange bars. Timestamps are ISO-8601 with an offset, or naive wall times in a stated time zone.
// Exists so users can replay their own history (SPEC §4 `data import`) in the simulator.
// Must never: guess a time zone for naive timestamps, skip a bad row silently, or report an error without
// its line number, column and value.

import { DateTime, IANAZone } from 'luxon';

import type { ExchangeBar } from '../contracts.js';
import { barProblem } from './array-bar-source.js';
import { MINUTE_MS } from './bar-source.js';

/** Options of {@link parseBarCsv}. */
export interface BarCsvOptions {
  /** Symbol for every row when the file has no symbol column. */
  readonly symbol?: string;
  /** IANA time zone of naive timestamps (e.g. 'America/New_York'); required when the file has them. */
  readonly tz?: string;
  /** Whether timestamps mark the bar's start (default, Alpaca/Polygon/IBKR) or its end (Alpha Vantage). */
  readonly stamp?: 'start' | 'end';
  /** Name of the input in error messages (default "CSV"). */
  readonly name?: string;
}

/** One bad row. */
export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/** Thrown when a CSV cannot be read; lists every bad row (up to 20) with its line number. */
export class BarCsvError extends Error {
  override readonly name = 'BarCsvError';
  constructor(readonly problems: readonly CsvProblem[], name: string) {
    const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.message}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super([`${name}: ${problems.length} bad row${problems.length === 1 ? '' : 's'}`, ...shown, ...more].join('\n'));
  }
}

/** Bars plus the 1-based line each came from (for duplicate reports). */
export interface ParsedBarCsv {
  readonly bars: readonly ExchangeBar[];
  readonly lines: readonly number[];
}

const COLUMN_NAMES = {
  time: ['timestamp', 'datetime', 't', 'time', 'date'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c'],
  volume: ['volume', 'v', 'vol'],
  vwap: ['vwap', 'vw'],
  count: ['trade_count', 'transactions', 'n', 'trades', 'count'],
  symbol: ['symbol', 'ticker', 's'],
} as const;
type Column = keyof typeof COLUMN_NAMES;
const REQUIRED: readonly Column[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

const ISO_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

function splitRow(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
}

function mapColumns(header: readonly string[]): Map<Column, number> | string {
  const lower = header.map((h) => h.toLowerCase());
  const found = new Map<Column, number>();
  for (const column of Object.keys(COLUMN_NAMES) as Column[]) {
    for (const name of COLUMN_NAMES[column]) {
      const at = lower.indexOf(name);
      if (at >= 0 && ![...found.values()].includes(at)) {
        found.set(column, at);
        break;
      }
    }
  }
  const missing = REQUIRED.filter((c) => !found.has(c));
  if (missing.length === 0) return found;
  return `header ${JSON.stringify(header.join(','))} lacks ${missing.join(', ')}; expected columns ` +
    'timestamp, open, high, low, close, volume (optional: vwap, trade_count, symbol)';
}

/** UTC offset (ms) of a zone at a local date+hour, cached: offsets only change on hour boundaries. */
const offsetCache = new Map<string, number | undefined>();

function zoneOffset(tz: string, parts: readonly number[]): number | undefined {
  const [year = 0, month = 0, day = 0, hour = 0] = parts;
  const key = `${tz}|${year}-${month}-${day}-${hour}`;
  if (!offsetCache.has(key)) {
    const t = DateTime.fromObject({ year, month, day, hour }, { zone: tz });
    offsetCache.set(key, t.isValid && t.hour === hour ? t.offset * 60_000 : undefined);
    if (offsetCache.size > 100_000) offsetCache.clear();
  }
  return offsetCache.get(key);
}

/** Epoch ms of civil fields, or undefined when they are not a real date-time. */
function civilMs(parts: readonly number[]): number | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0] = parts;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day &&
    d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
  return real ? t : undefined;
}

/** Epoch ms of a timestamp cell, or an error text. */
export function parseCsvTimestamp(cell: string, tz: string | undefined): number | string {
  const iso = ISO_OFFSET.exec(cell);
  if (iso !== null) {
    const [hh = '', mm = '', ss = '00', fraction = ''] = (iso[2] ?? '').split(/[:.]/);
    const local = civilMs([...(iso[1] ?? '').split('-').map(Number), Number(hh), Number(mm), Number(ss), Number(fraction.padEnd(3, '0').slice(0, 3))]);
    const zone = (iso[3] ?? 'Z').replace(':', '');
    const offset = zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    return local === undefined ? `timestamp ${JSON.stringify(cell)} is not a real date-time` : local - offset;
  }
  const naive = NAIVE.exec(cell);
  if (naive === null) {
    return `timestamp ${JSON.stringify(cell)} is not ISO-8601 (expected e.g. 2024-02-20T09:30:00-05:00, or 2024-02-20 09:30:00 with a stated time zone)`;
  }
  if (tz === undefined) {
    return `timestamp ${JSON.stringify(cell)} has no UTC offset: state the file's time zone (tz option, e.g. America/New_York)`;
  }
  const parts = [1, 2, 3, 4, 5, 6].map((i) => Number(naive[i] ?? 0));
  const local = civilMs(parts);
  const offset = local === undefined ? undefined : zoneOffset(tz, parts);
  if (local === undefined || offset === undefined) return `timestamp ${JSON.stringify(cell)} is not a real date-time in ${tz}`;
  return local - offset;
}

function numberCell(cells: readonly string[], at: number | undefined, label: string): number | string | undefined {
  if (at === undefined) return undefined;
  const cell = cells[at] ?? '';
  if (cell === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) ? value : `${label} ${JSON.stringify(cell)} is not a number`;
}

interface RowContext {
  readonly columns: ReadonlyMap<Column, number>;
  readonly options: BarCsvOptions;
}

function parseRow(cells: readonly string[], ctx: RowContext): ExchangeBar | string {
  const { columns, options } = ctx;
  const symbolAt = columns.get('symbol');
  // parseBarCsv refuses a file with neither a symbol column nor the symbol option, so one of the two is set.
  const symbol = symbolAt === undefined ? (options.symbol ?? '') : (cells[symbolAt] ?? '');
  if (!/^[A-Za-z0-9./-]{1,20}$/.test(symbol)) return `symbol ${JSON.stringify(symbol)} is not a ticker (1–20 of A-Z 0-9 . / -)`;
  const t = parseCsvTimestamp(cells[columns.get('time') ?? -1] ?? '', options.tz);
  if (typeof t === 'string') return t;
  const values: Record<string, number> = {};
  for (const [column, label] of [['open', 'open'], ['high', 'high'], ['low', 'low'], ['close', 'close'], ['volume', 'volume']] as const) {
    const value = numberCell(cells, columns.get(column), label);
    if (value === undefined) return `${label} is empty`;
    if (typeof value === 'string') return value;
    values[label] = value;
  }
  const { open: o = 0, high: h = 0, low: l = 0, close: c = 0, volume = 0 } = values;
  const vwap = numberCell(cells, columns.get('vwap'), 'vwap');
  const count = numberCell(cells, columns.get('count'), 'trade_count');
  if (typeof vwap === 'string') return vwap;
  if (typeof count === 'string') return count;
  const start = options.stamp === 'end' ? t - MINUTE_MS : t;
  const vw = vwap ?? Math.round(((h + l + c) / 3) * 10_000) / 10_000;
  const bar: ExchangeBar = { symbol: symbol.toUpperCase(), t: start, o, h, l, c, v: Math.round(volume), vw, n: Math.round(count ?? 0) };
  return barProblem(bar) ?? bar;
}

/**
 * Parses a bar CSV. Blank lines and lines starting with '#' are skipped. Missing vwap is approximated by the
 * typical price (h+l+c)/3; a missing trade count is 0. Volumes are rounded to whole shares.
 * @throws BarCsvError listing each bad row with its line number; RangeError for an unknown `tz`
 */
export function parseBarCsv(text: string, options: BarCsvOptions = {}): ParsedBarCsv {
  const name = options.name ?? 'CSV';
  if (options.tz !== undefined && !IANAZone.isValidZone(options.tz)) {
    throw new RangeError(`${name}: unknown time zone ${JSON.stringify(options.tz)} (tz must be an IANA zone such as America/New_York)`);
  }
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (headerAt < 0) throw new BarCsvError([{ line: 1, message: 'file is empty (expected a header row)' }], name);
  const columns = mapColumns(splitRow(lines[headerAt] ?? ''));
  if (typeof columns === 'string') throw new BarCsvError([{ line: headerAt + 1, message: columns }], name);
  if (!columns.has('symbol') && options.symbol === undefined) {
    throw new BarCsvError([{ line: headerAt + 1, message: 'the file has no symbol column: name the symbol (e.g. --symbols SPY)' }], name);
  }
  const bars: ExchangeBar[] = [];
  const lineNumbers: number[] = [];
  const problems: CsvProblem[] = [];
  const ctx: RowContext = { columns, options };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const parsed = parseRow(splitRow(raw), ctx);
    if (typeof parsed === 'string') problems.push({ line: i + 1, message: parsed });
    else {
      bars.push(parsed);
      lineNumbers.push(i + 1);
    }
  }
  if (problems.length > 0) throw new BarCsvError(problems, name);
  return { bars, lines: lineNumbers };
}
