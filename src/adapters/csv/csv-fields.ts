// Splits one CSV line into fields (RFC 4180 quoting within a line: "a,b" and "" escapes) and maps a header
// onto the bar columns, accepting the names real files use (datetime/date, Adj Close, transactions, ...).
// Must never: guess a column it does not recognise (unknown columns are listed back as ignored).

/** Fields of one line; quotes removed, surrounding spaces trimmed. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field.trim()); field = ''; } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

export const BAR_COLUMNS = ['timestamp', 'date', 'time', 'open', 'high', 'low', 'close', 'volume', 'vwap', 'trade_count', 'symbol'] as const;
export type BarColumn = (typeof BAR_COLUMNS)[number];

const ALIASES: Readonly<Record<string, BarColumn>> = {
  timestamp: 'timestamp', datetime: 'timestamp', date_time: 'timestamp', ts: 'timestamp', t: 'timestamp', time_stamp: 'timestamp',
  date: 'date', day: 'date',
  time: 'time',
  open: 'open', o: 'open',
  high: 'high', h: 'high',
  low: 'low', l: 'low',
  close: 'close', c: 'close',
  volume: 'volume', vol: 'volume', v: 'volume',
  vwap: 'vwap', vw: 'vwap',
  trade_count: 'trade_count', trades: 'trade_count', transactions: 'trade_count', n: 'trade_count', count: 'trade_count',
  symbol: 'symbol', ticker: 'symbol',
};

/** Where each column sits, which header names were ignored, and what is missing. */
export interface HeaderMap {
  readonly index: Partial<Record<BarColumn, number>>;
  readonly ignored: readonly string[];
  /** Problems with the header itself (missing or repeated columns). */
  readonly problems: readonly string[];
  /** Whether the timestamp is one column (`timestamp`), a date column alone, or date + time columns. */
  readonly stamp: 'timestamp' | 'date' | 'date+time' | 'none';
}

/** Maps header names (case and spacing ignored) onto bar columns. */
export function mapHeader(names: readonly string[]): HeaderMap {
  const index: Partial<Record<BarColumn, number>> = {};
  const ignored: string[] = [];
  const problems: string[] = [];
  names.forEach((raw, i) => {
    const key = raw.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
    const column = ALIASES[key];
    if (column === undefined) { ignored.push(raw); return; }
    if (index[column] !== undefined) problems.push(`column "${raw}" repeats ${column} (first at column ${index[column] + 1})`);
    else index[column] = i;
  });
  if (index.timestamp === undefined && index.date === undefined && index.time !== undefined) {
    index.timestamp = index.time; // a lone "time" column holds the whole timestamp (TradingView exports)
    delete index.time;
  }
  const stamp = index.timestamp !== undefined ? 'timestamp' : index.date !== undefined ? (index.time !== undefined ? 'date+time' : 'date') : 'none';
  if (stamp === 'none') problems.push('no timestamp column: name it timestamp (or datetime / date, with an optional time column)');
  const missing = (['open', 'high', 'low', 'close', 'volume'] as const).filter((c) => index[c] === undefined);
  if (missing.length > 0) problems.push(`missing column(s) ${missing.join(', ')}: the header must name timestamp, open, high, low, close, volume (optional vwap, trade_count, symbol)`);
  return { index, ignored, problems, stamp };
}
