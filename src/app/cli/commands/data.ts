// `alpaca-bot data fetch|import|list` (SPEC §4, §14): download history into the bar cache (Alpaca, or wherever
// the configured endpoints point), import a CSV all-or-nothing, and list what is cached. Thin: the work lives
// in adapters/alpaca/market-data (download) and adapters/csv (import). Exit 0 ok, 1 failure, 2 bad flags.
// Must never: print a key or secret, write part of a bad CSV, or report bars that were not written.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { DateTime } from 'luxon';
import { AlpacaHistoricalBars, CachedHistoricalBars, createStockApi, marketDataSettings, MissingCredentialsError } from '../../../adapters/alpaca/market-data/index.js';
import { downloadBars, type DownloadProgress } from '../../../adapters/alpaca/market-data/download-bars.js';
import { CsvReadError, importBarCsvFile } from '../../../adapters/csv/import-bar-csv-file.js';
import { isValidZone } from '../../../adapters/csv/csv-timestamp.js';
import { openStore } from '../../../adapters/sqlite/open-store.js';
import { ConfigError, databasePath, endpointWarnings, isAlpacaEndpoint, loadConfig, peekSettings, scrubSecrets, secretValues } from '../../../config/index.js';
import { isTimeframe, TIMEFRAMES, type Timeframe } from '../../../domain/bar.js';
import { TICKER_PATTERN } from '../../../domain/ids.js';
import type { Logger } from '../../../ports/logger.js';
import type { BarSeriesSummary } from '../../../ports/store.js';
import { StoreError } from '../../../ports/store-errors.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

/** A bad flag: printed as is, exit 2. */
class FlagError extends Error {}

const MAX_PROBLEMS_SHOWN = 50;
const ET = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const et = (t: number | undefined): string => (t === undefined ? '-' : `${ET.format(t).replace(',', '')} ET`);
const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

function timeframeFlag(raw: string | undefined): Timeframe | undefined {
  if (raw === undefined) return undefined;
  if (!isTimeframe(raw)) throw new FlagError(`--timeframe: must be one of ${TIMEFRAMES.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}

function symbolFlag(flag: string, raw: string): string {
  const symbol = raw.trim().toUpperCase();
  if (!TICKER_PATTERN.test(symbol)) throw new FlagError(`${flag}: ${JSON.stringify(raw)} is not a ticker (1-5 letters, optional .X class, e.g. SPY, BRK.B)`);
  return symbol;
}

/** A date (New York day: from its 00:00, to the end of that day) or an ISO time with an offset. */
function instantFlag(flag: '--from' | '--to', raw: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const day = DateTime.fromISO(raw, { zone: 'America/New_York' });
    if (day.isValid) return (flag === '--to' ? day.plus({ days: 1 }) : day).toMillis();
  } else if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/i.test(raw) && !Number.isNaN(Date.parse(raw))) return Date.parse(raw);
  throw new FlagError(`${flag}: must be a date YYYY-MM-DD (a New York day; --to includes that day) or an ISO time with an offset, got ${JSON.stringify(raw)}`);
}

/** Warnings and errors to stderr (secrets scrubbed); the rest is dropped: a CLI run is short. */
function stderrLogger(ctx: CliContext, secrets: readonly string[]): Logger {
  const line = (level: string) => (msg: string, fields?: object): void => {
    ctx.stderr(`${scrubSecrets(`${level}: ${msg}${fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}`, secrets)}\n`);
  };
  const quiet = (): void => undefined;
  const logger: Logger = {
    trace: quiet, debug: quiet, info: quiet, warn: line('warning'), error: line('error'), critical: line('critical'), fatal: line('fatal'),
    child: () => logger, withCorrelation: () => logger, setLevel: quiet,
  };
  return logger;
}

function databaseFor(ctx: CliContext): string {
  const dataDir = peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['paths.data_dir'])['paths.data_dir']?.value;
  if (typeof dataDir !== 'string') throw new Error('DATA_DIR could not be determined');
  return databasePath({ paths: { data_dir: resolve(ctx.cwd, dataDir) } });
}

/** Progress on a terminal (cli-progress on stderr), plain lines otherwise; nothing with --json. */
function progressReporter(ctx: CliContext, json: boolean, total: number): { page: (bars: number) => void; update: (p: DownloadProgress) => void; stop: () => void } {
  if (json) return { page: () => undefined, update: () => undefined, stop: () => undefined };
  if (!ctx.isTTY) {
    return { page: () => undefined, update: (p) => { if (p.done) ctx.stdout(`${p.symbol}: ${p.bars} bars (${p.completed}/${p.total})\n`); }, stop: () => undefined };
  }
  const stream = { isTTY: true, columns: 100, write: (text: string): boolean => { ctx.stderr(text); return true; } };
  const bar = new SingleBar({ stream: stream as unknown as NodeJS.WritableStream, format: 'fetching {symbol} [{bar}] {value}/{total} symbols | {bars} bars', hideCursor: true, clearOnComplete: false });
  bar.start(total, 0, { symbol: '', bars: 0 });
  return {
    page: (bars) => { bar.update({ bars }); },
    update: (p) => { bar.update(p.completed, { symbol: p.symbol, bars: p.bars }); },
    stop: () => { bar.stop(); },
  };
}

interface FetchFlags { readonly symbols: string; readonly from: string; readonly to: string; readonly timeframe: string; readonly json?: boolean }

async function runFetch(ctx: CliContext, flags: FetchFlags): Promise<number> {
  const symbols = [...new Set(flags.symbols.split(',').filter((s) => s.trim() !== '').map((s) => symbolFlag('--symbols', s)))];
  if (symbols.length === 0) throw new FlagError('--symbols: list at least one ticker, e.g. --symbols AAPL,MSFT');
  const timeframe = timeframeFlag(flags.timeframe) ?? '1Min';
  const [from, to] = [instantFlag('--from', flags.from), instantFlag('--to', flags.to)];
  if (!(from < to)) throw new FlagError(`--from (${flags.from}) must be before --to (${flags.to})`);
  const config = loadConfig({ env: ctx.env, cwd: ctx.cwd }).values;
  const settings = marketDataSettings(config);
  const logger = stderrLogger(ctx, secretValues(config));
  for (const w of endpointWarnings(config).filter((x) => x.startsWith('ALPACA_DATA_'))) logger.warn(w);
  const store = openStore(databasePath(config));
  const progress = progressReporter(ctx, flags.json === true, symbols.length);
  try {
    const rest = new AlpacaHistoricalBars({ api: createStockApi(settings), feed: settings.feed, logger, onPage: (counts) => { progress.page([...counts.values()].reduce((a, b) => a + b, 0)); } });
    const source = isAlpacaEndpoint(settings.restBaseUrl) ? 'alpaca' : `rest:${new URL(settings.restBaseUrl).host}`;
    const history = new CachedHistoricalBars({ inner: rest, store, clock: { now: Date.now }, source });
    const result = await downloadBars({ history, symbols, timeframe, from, to, onProgress: (p) => { progress.update(p); } });
    progress.stop();
    if (flags.json === true) {
      ctx.stdout(`${JSON.stringify({ database: store.path, timeframe, series: result.series.map((s) => ({ ...s, first: iso(s.first), last: iso(s.last) })), failed: result.failed })}\n`);
    } else {
      for (const s of result.series) ctx.stdout(`${s.symbol} ${timeframe}: ${s.bars} bars cached${s.bars > 0 ? `, ${et(s.first)} → ${et(s.last)}` : ''}\n`);
      for (const f of result.failed) ctx.stderr(`${f.symbol}: not fetched after ${f.attempts} attempt(s): ${f.reason}\n`);
      ctx.stdout(`database: ${store.path}\n`);
    }
    return result.failed.length > 0 ? EXIT.FAILURE : EXIT.OK;
  } finally {
    progress.stop();
    store.close();
  }
}

interface ImportFlags { readonly symbol?: string; readonly tz?: string; readonly timeframe?: string; readonly barEnd?: boolean; readonly json?: boolean }

function runImport(ctx: CliContext, file: string, flags: ImportFlags): number {
  if (flags.tz !== undefined && !isValidZone(flags.tz)) throw new FlagError(`--tz: ${JSON.stringify(flags.tz)} is not an IANA time zone (e.g. America/New_York, UTC)`);
  const timeframe = timeframeFlag(flags.timeframe);
  const options = {
    ...(flags.symbol === undefined ? {} : { symbol: symbolFlag('--symbol', flags.symbol) }), ...(flags.tz === undefined ? {} : { tz: flags.tz }),
    ...(timeframe === undefined ? {} : { timeframe }), barEnd: flags.barEnd === true,
  };
  const database = databaseFor(ctx);
  // The database is opened only to write a clean file: a bad file leaves no trace, not even an empty database.
  const result = importBarCsvFile(resolve(ctx.cwd, file), options, { upsertBars: (bars, source) => withStore(database, (s) => s.bars.upsertBars(bars, source)) });
  for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
  if (result.problems.length > 0) {
    const shown = result.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  ${file}:${p.line}: ${p.message}`);
    const more = result.problems.length - shown.length;
    ctx.stderr(`alpaca-bot data import: ${result.problems.length} problem(s) in ${file}; nothing was imported:\n${shown.join('\n')}\n${more > 0 ? `  ... and ${more} more\n` : ''}`);
    return EXIT.FAILURE;
  }
  const series = summarize(result.bars);
  if (flags.json === true) ctx.stdout(`${JSON.stringify({ database, imported: result.written, source: result.source, timeframe: result.timeframe, series: series.map(seriesJson) })}\n`);
  else ctx.stdout(`imported ${result.written} bars from ${file} (one transaction; existing bars at the same times were replaced)\n${series.map(seriesLine).join('')}database: ${database}\n`);
  return EXIT.OK;
}

function summarize(bars: readonly { symbol: string; timeframe: Timeframe; t: number }[]): BarSeriesSummary[] {
  const map = new Map<string, { symbol: string; timeframe: Timeframe; count: number; firstTs: number; lastTs: number }>();
  for (const b of bars) {
    const key = `${b.symbol}/${b.timeframe}`;
    const s = map.get(key);
    if (s) { s.count++; s.firstTs = Math.min(s.firstTs, b.t); s.lastTs = Math.max(s.lastTs, b.t); } else map.set(key, { symbol: b.symbol, timeframe: b.timeframe, count: 1, firstTs: b.t, lastTs: b.t });
  }
  return [...map.values()] as BarSeriesSummary[];
}

const seriesLine = (s: BarSeriesSummary): string => `${s.symbol.padEnd(7)} ${s.timeframe.padEnd(6)} ${String(s.count).padStart(9)} bars  ${et(s.firstTs)} → ${et(s.lastTs)}\n`;
const seriesJson = (s: BarSeriesSummary) => ({ symbol: s.symbol, timeframe: s.timeframe, count: s.count, first: iso(s.firstTs), last: iso(s.lastTs) });

function runList(ctx: CliContext, flags: { readonly json?: boolean }): number {
  const database = databaseFor(ctx);
  const series = existsSync(database) ? withStore(database, (s) => s.bars.summary()) : [];
  if (flags.json === true) ctx.stdout(`${JSON.stringify({ database, series: series.map(seriesJson) })}\n`);
  else if (series.length === 0) ctx.stdout(`no bars cached yet (${database}); use alpaca-bot data fetch or data import\n`);
  else ctx.stdout(`${'SYMBOL'.padEnd(7)} ${'TF'.padEnd(6)} ${'COUNT'.padStart(9)} bars  FIRST → LAST\n${series.map(seriesLine).join('')}database: ${database}\n`);
  return EXIT.OK;
}

function withStore<T>(database: string, fn: (store: ReturnType<typeof openStore>) => T): T {
  const store = openStore(database);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Runs one subcommand, turning known errors into a message and an exit code. */
async function guarded(ctx: CliContext, name: string, fn: () => number | Promise<number>): Promise<void> {
  try {
    ctx.exitCode = await fn();
  } catch (error) {
    const message = error instanceof ConfigError ? error.issues.map((i) => i.message).join('\n  ') : error instanceof Error ? error.message : String(error);
    ctx.stderr(`alpaca-bot data ${name}: ${message}\n`);
    const known = error instanceof ConfigError || error instanceof MissingCredentialsError || error instanceof CsvReadError || error instanceof StoreError;
    if (!known && !(error instanceof FlagError)) throw error;
    ctx.exitCode = error instanceof FlagError ? EXIT.USAGE : EXIT.FAILURE;
  }
}

export const register: RegisterCommand = (program, ctx) => {
  const data = program.command('data').description('fetch, import and list cached market data (bars)');
  data.command('fetch')
    .description('download bars from Alpaca (or the configured ALPACA_DATA_BASE_URL) into the bar cache; needs API keys')
    .requiredOption('--symbols <list>', 'comma-separated tickers, e.g. AAPL,MSFT')
    .requiredOption('--from <date>', 'first New York day YYYY-MM-DD (or an ISO time with offset)')
    .requiredOption('--to <date>', 'last New York day YYYY-MM-DD, included (or an exclusive ISO time with offset)')
    .option('--timeframe <tf>', `bar size: ${TIMEFRAMES.join(', ')}`, '1Min')
    .option('--json', 'print JSON (no progress output)')
    .action(async (flags: FetchFlags) => { await guarded(ctx, 'fetch', () => runFetch(ctx, flags)); });
  data.command('import')
    .description('load a CSV (timestamp,open,high,low,close,volume[,vwap,trade_count,symbol]) into the bar cache, all rows or none')
    .argument('<file>', 'CSV file with a header line')
    .option('--symbol <ticker>', 'symbol of every row (needed when the file has no symbol column)')
    .option('--tz <zone>', 'IANA time zone of timestamps without an offset, e.g. America/New_York')
    .option('--timeframe <tf>', `bar size (default: inferred from the spacing): ${TIMEFRAMES.join(', ')}`)
    .option('--bar-end', 'timestamps mark the END of each bar (e.g. Alpha Vantage): shift them back one bar')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: ImportFlags) => { await guarded(ctx, 'import', () => runImport(ctx, file, flags)); });
  data.command('list')
    .description('list the cached bar series: symbol, timeframe, count, first and last bar')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => { await guarded(ctx, 'list', () => runList(ctx, flags)); });
};
