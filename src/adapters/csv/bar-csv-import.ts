// Reads a bar CSV for `alpaca-bot data import` (SPEC §4): header required (timestamp, open, high, low, close,
// volume; optional vwap, trade_count, symbol; the common vendor spellings too), every problem reported with
// its line number, OHLC sanity and duplicate timestamps checked, timeframe inferred from the spacing unless
// given. It only parses: the caller writes all bars in one transaction, or none when there is any problem.
// Must never: return bars alongside problems as if the file were fine, or assume a time zone.
import { TIMEFRAME_MINUTES, type Bar, type Timeframe } from '../../domain/bar.js';
import { IdError, parseTicker } from '../../domain/ids.js';
import { mapHeader, splitCsvLine, type HeaderMap } from './csv-fields.js';
import { parseStamp } from './csv-timestamp.js';

export interface BarCsvOptions {
  /** Symbol of every row (required when the file has no symbol column). */
  readonly symbol?: string;
  /** IANA zone of naive timestamps, e.g. America/New_York. */
  readonly tz?: string;
  /** Bar size; inferred from the smallest spacing (or 1Day for dates alone) when omitted. */
  readonly timeframe?: Timeframe;
  /** Timestamps mark the END of each bar (Alpha Vantage style): shift them back one bar. */
  readonly barEnd?: boolean;
  /** For the hint when the symbol is missing. */
  readonly fileName?: string;
}

export interface BarCsvProblem {
  /** 1-based line in the file (the header is line 1). */
  readonly line: number;
  readonly message: string;
}

export interface BarCsvResult {
  /** Sorted by symbol, then time. Empty whenever `problems` is not. */
  readonly bars: Bar[];
  readonly problems: BarCsvProblem[];
  readonly timeframe: Timeframe | undefined;
  /** Things worth saying that are not errors (ignored columns, likely bar-end stamps). */
  readonly warnings: string[];
  readonly dataRows: number;
}

interface Row {
  readonly line: number;
  readonly symbol: string;
  readonly t: number;
  readonly dateOnly: boolean;
  readonly bar: Omit<Bar, 'symbol' | 't' | 'timeframe'>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(fields: readonly string[], header: HeaderMap, column: 'open' | 'high' | 'low' | 'close' | 'volume' | 'vwap' | 'trade_count', errors: string[]): number | undefined {
  const i = header.index[column];
  if (i === undefined) return undefined;
  const raw = fields[i] ?? '';
  if (raw === '' && (column === 'vwap' || column === 'trade_count')) return undefined;
  if (!NUMBER.test(raw)) { errors.push(`${column} "${raw}" is not a number`); return undefined; }
  return Number(raw);
}

function ohlcErrors(o: number, h: number, l: number, c: number, v: number): string[] {
  const errors: string[] = [];
  if (Math.min(o, h, l, c) <= 0) errors.push(`prices must be > 0 (open ${o}, high ${h}, low ${l}, close ${c})`);
  if (h < Math.max(o, c, l)) errors.push(`high ${h} is below open/close/low (open ${o}, low ${l}, close ${c})`);
  if (l > Math.min(o, c)) errors.push(`low ${l} is above open/close (open ${o}, close ${c})`);
  if (v < 0) errors.push(`volume ${v} is negative`);
  return errors;
}

function symbolOf(fields: readonly string[], header: HeaderMap, options: BarCsvOptions, errors: string[]): string {
  const i = header.index.symbol;
  const fromRow = i === undefined ? undefined : (fields[i] ?? '').toUpperCase();
  const chosen = options.symbol?.toUpperCase() ?? fromRow;
  if (chosen === undefined || chosen === '') { errors.push('no symbol: the file has no symbol column, pass --symbol'); return ''; }
  if (fromRow !== undefined && fromRow !== '' && options.symbol !== undefined && fromRow !== chosen) errors.push(`symbol "${fromRow}" differs from --symbol ${chosen}`);
  try {
    return parseTicker(chosen);
  } catch (error) {
    errors.push(error instanceof IdError ? error.message : `symbol "${chosen}" is not valid`);
    return '';
  }
}

function parseRow(fields: readonly string[], line: number, header: HeaderMap, options: BarCsvOptions): Row | string {
  const errors: string[] = [];
  const { index } = header;
  const stampText = header.stamp === 'date+time' ? `${fields[index.date ?? 0] ?? ''} ${fields[index.time ?? 0] ?? ''}` : fields[index.timestamp ?? index.date ?? 0] ?? '';
  const stamp = parseStamp(stampText, options.tz);
  if (!stamp.ok) errors.push(stamp.error);
  const [o, h, l, c, v] = (['open', 'high', 'low', 'close', 'volume'] as const).map((col) => num(fields, header, col, errors));
  const vwap = num(fields, header, 'vwap', errors);
  const tradeCount = num(fields, header, 'trade_count', errors);
  if (tradeCount !== undefined && (!Number.isInteger(tradeCount) || tradeCount < 0)) errors.push(`trade_count ${tradeCount} must be a whole number >= 0`);
  const symbol = symbolOf(fields, header, options, errors);
  if (o !== undefined && h !== undefined && l !== undefined && c !== undefined && v !== undefined) errors.push(...ohlcErrors(o, h, l, c, v));
  if (errors.length > 0 || !stamp.ok || o === undefined || h === undefined || l === undefined || c === undefined || v === undefined) return errors.join('; ');
  const bar = { open: o, high: h, low: l, close: c, volume: v, ...(vwap === undefined ? {} : { vwap }), ...(tradeCount === undefined ? {} : { tradeCount }) };
  return { line, symbol, t: stamp.t, dateOnly: stamp.dateOnly, bar };
}

/** The smallest spacing between bars of a symbol as a timeframe, or an explanation. */
export function inferTimeframe(rows: readonly Pick<Row, 'symbol' | 't' | 'dateOnly'>[]): { readonly timeframe: Timeframe } | { readonly error: string } {
  if (rows.length > 0 && rows.every((r) => r.dateOnly)) return { timeframe: '1Day' };
  const bySymbol = new Map<string, number[]>();
  for (const r of rows) {
    const list = bySymbol.get(r.symbol);
    if (list) list.push(r.t); else bySymbol.set(r.symbol, [r.t]);
  }
  let smallest = Infinity;
  for (const ts of bySymbol.values()) {
    ts.sort((a, b) => a - b);
    for (let i = 1; i < ts.length; i++) smallest = Math.min(smallest, (ts[i] ?? 0) - (ts[i - 1] ?? 0));
  }
  if (smallest === Infinity || smallest === 0) return { timeframe: '1Min' };
  const minutes = smallest / 60_000;
  const match = (Object.entries(TIMEFRAME_MINUTES) as [Timeframe, number][]).find(([, m]) => m === minutes);
  return match ? { timeframe: match[0] } : { error: `cannot infer the timeframe: the closest bars are ${minutes} minutes apart; pass --timeframe (1Min, 2Min, 5Min, 10Min, 15Min, 30Min, 1Hour, 1Day)` };
}

/** Parses a whole file. */
export function parseBarCsv(text: string, options: BarCsvOptions = {}): BarCsvResult {
  const lines = text.split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const header = mapHeader(splitCsvLine(headerLine));
  const empty = { bars: [], timeframe: undefined, warnings: [], dataRows: 0 };
  if (headerLine.trim() === '') return { ...empty, problems: [{ line: 1, message: 'the file is empty: a header line is required (timestamp,open,high,low,close,volume)' }] };
  if (header.problems.length > 0) return { ...empty, problems: header.problems.map((message) => ({ line: 1, message })) };
  const width = splitCsvLine(headerLine).length;
  const problems: BarCsvProblem[] = [];
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '') continue;
    const fields = splitCsvLine(text);
    if (fields.length !== width) { problems.push({ line: i + 1, message: `expected ${width} fields like the header, got ${fields.length}` }); continue; }
    const row = parseRow(fields, i + 1, header, options);
    if (typeof row === 'string') problems.push({ line: i + 1, message: row }); else rows.push(row);
  }
  const dataRows = rows.length + problems.length;
  if (dataRows === 0) problems.push({ line: 2, message: 'no data rows after the header' });
  const inferred = options.timeframe === undefined ? inferTimeframe(rows) : { timeframe: options.timeframe };
  if ('error' in inferred) problems.push({ line: 1, message: inferred.error });
  const timeframe = 'timeframe' in inferred ? inferred.timeframe : undefined;
  const shift = options.barEnd === true && timeframe !== undefined && timeframe !== '1Day' ? TIMEFRAME_MINUTES[timeframe] * 60_000 : 0;
  const seen = new Map<string, number>();
  const bars: Bar[] = [];
  for (const row of rows) {
    const key = `${row.symbol}@${row.t}`;
    const first = seen.get(key);
    if (first !== undefined) { problems.push({ line: row.line, message: `duplicate timestamp for ${row.symbol} (same as line ${first})` }); continue; }
    seen.set(key, row.line);
    if (timeframe) bars.push({ symbol: row.symbol, timeframe, t: row.t - shift, ...row.bar });
  }
  problems.sort((a, b) => a.line - b.line);
  const warnings = header.ignored.length > 0 ? [`ignored column(s): ${header.ignored.join(', ')}`] : [];
  if (problems.length > 0) return { bars: [], problems, timeframe, warnings, dataRows };
  bars.sort((a, b) => (a.symbol === b.symbol ? a.t - b.t : a.symbol < b.symbol ? -1 : 1));
  return { bars, problems, timeframe, warnings: [...warnings, ...barEndHint(bars, options)], dataRows };
}

/** Intraday bars at 16:00 ET and none at 09:30 look like bar-end stamps. */
function barEndHint(bars: readonly Bar[], options: BarCsvOptions): string[] {
  if (options.barEnd === true || bars.length === 0 || bars[0]?.timeframe === '1Day') return [];
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const times = new Set<string>();
  const seenMinutes = new Set<number>();
  for (const b of bars) {
    const utcMinuteOfDay = Math.floor(b.t / 60_000) % 1440; // ET time of day depends on it and on DST only
    if (seenMinutes.size < 5000 && !seenMinutes.has(utcMinuteOfDay)) { seenMinutes.add(utcMinuteOfDay); times.add(format.format(b.t)); }
  }
  return times.has('16:00') && !times.has('09:30') ? ['bars are stamped 16:00 ET and never 09:30: these look like bar END times (Alpha Vantage style); if so, re-import with --bar-end'] : [];
}
