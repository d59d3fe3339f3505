// Parses and checks `alpaca-bot backtest` flags into a BacktestSpec (SPEC §11, issue #6). Every problem names
// the flag, the bad value and what is allowed. Must never: guess a value the user did not give (defaults are
// the documented ones), or accept a flag combination that would silently ignore a flag.
import { resolve } from 'node:path';
import { isTimeframe, TIMEFRAMES } from '../../../domain/bar.js';
import type { RiskLimits } from '../../../core/risk/index.js';
import { FILL_MODELS, parseSizing, type BacktestData, type BacktestSpec, type FillModel } from '../../../runtime/backtest/index.js';

export interface BacktestFlags {
  readonly strategy?: string;
  readonly params?: string;
  readonly data?: string;
  readonly symbol?: string;
  readonly symbols?: string;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
  readonly barEnd?: boolean;
  readonly timeframe?: string;
  readonly fill: string;
  readonly cash: string;
  readonly commission: string;
  readonly commissionPerOrder: string;
  readonly slippage: string;
  readonly size?: string;
  readonly risk: string;
  readonly liquidate?: boolean;
  readonly volumeShare?: string;
}

/** A flag problem: the command prints it and exits 2. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TICKER = /^[A-Z][A-Z0-9.]{0,9}$/;

function money(flag: string, value: string, positive: boolean): string {
  if (!DECIMAL.test(value) || (positive && Number(value) <= 0)) throw new FlagError(`${flag} ${JSON.stringify(value)}: expected a decimal number ${positive ? '> 0' : '≥ 0'} (e.g. ${positive ? '100000' : '0.01'})`);
  return value;
}

function ticker(flag: string, value: string): string {
  const t = value.trim().toUpperCase();
  if (!TICKER.test(t)) throw new FlagError(`${flag} ${JSON.stringify(value)}: expected a ticker such as AAPL or BRK.B`);
  return t;
}

/** `fast=10,slow=30,mode=ema,flag=true` → { fast: 10, slow: 30, mode: 'ema', flag: true }. */
export function parseParams(text: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (text === undefined || text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(part);
    if (!m?.[1] || m[2] === undefined || m[2] === '') throw new FlagError(`--params: ${JSON.stringify(part)} is not name=value (e.g. --params fast=10,slow=30)`);
    const raw = m[2];
    out[m[1]] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw;
  }
  return out;
}

function dataOf(flags: BacktestFlags, cwd: string, dbPath: () => string): BacktestData {
  if (flags.data !== undefined) {
    if (flags.symbols !== undefined || flags.from !== undefined || flags.to !== undefined) throw new FlagError('--data reads a CSV file: use --symbol (not --symbols/--from/--to) with it');
    return { kind: 'csv', path: resolve(cwd, flags.data), ...(flags.symbol ? { symbol: ticker('--symbol', flags.symbol) } : {}), ...(flags.tz ? { tz: flags.tz } : {}), ...(flags.barEnd ? { barEnd: true } : {}) };
  }
  if (flags.symbols === undefined || flags.from === undefined || flags.to === undefined) {
    throw new FlagError('give the bars: --data FILE.csv [--symbol S], or --symbols A,B --from YYYY-MM-DD --to YYYY-MM-DD (bars cached by `alpaca-bot data fetch|import`)');
  }
  for (const [flag, v] of [['--from', flags.from], ['--to', flags.to]] as const) if (!DATE.test(v)) throw new FlagError(`${flag} ${JSON.stringify(v)}: expected a date YYYY-MM-DD`);
  if (flags.from > flags.to) throw new FlagError(`--from ${flags.from} is after --to ${flags.to}`);
  const symbols = [...new Set(flags.symbols.split(',').filter((s) => s.trim() !== '').map((s) => ticker('--symbols', s)))];
  if (symbols.length === 0) throw new FlagError('--symbols: list at least one ticker, e.g. --symbols AAPL,MSFT');
  return { kind: 'cache', dbPath: dbPath(), symbols, from: flags.from, to: flags.to };
}

/** Builds the spec. @throws FlagError */
export function specFromFlags(flags: BacktestFlags, env: { cwd: string; limits: RiskLimits; dbPath: () => string; strategiesDir: string }): BacktestSpec {
  if (flags.strategy === undefined || flags.strategy.trim() === '') throw new FlagError('--strategy NAME is required (e.g. --strategy sma_crossover)');
  if (!(FILL_MODELS as readonly string[]).includes(flags.fill)) throw new FlagError(`--fill ${JSON.stringify(flags.fill)}: allowed ${FILL_MODELS.join(', ')}`);
  if (flags.risk !== 'on' && flags.risk !== 'off') throw new FlagError(`--risk ${JSON.stringify(flags.risk)}: allowed on, off`);
  if (flags.timeframe !== undefined && !isTimeframe(flags.timeframe)) throw new FlagError(`--timeframe ${JSON.stringify(flags.timeframe)}: allowed ${TIMEFRAMES.join(', ')}`);
  let sizing;
  try {
    sizing = flags.size === undefined ? undefined : parseSizing(flags.size);
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
  const volumeShare = flags.volumeShare === undefined ? undefined : Number(flags.volumeShare);
  if (volumeShare !== undefined && !(volumeShare > 0 && volumeShare <= 1)) throw new FlagError(`--volume-share ${JSON.stringify(flags.volumeShare)}: expected a fraction in (0, 1]`);
  return {
    strategy: flags.strategy.trim(), params: parseParams(flags.params), data: dataOf(flags, env.cwd, env.dbPath),
    ...(flags.timeframe ? { timeframe: flags.timeframe } : {}), fill: flags.fill as FillModel,
    cash: money('--cash', flags.cash, true), commissionPerShare: money('--commission', flags.commission, false),
    commissionPerOrder: money('--commission-per-order', flags.commissionPerOrder, false), slippage: money('--slippage', flags.slippage, false),
    ...(sizing ? { sizing } : {}), risk: flags.risk, liquidate: flags.liquidate === true, limits: env.limits, strategiesDir: env.strategiesDir,
    ...(volumeShare !== undefined ? { volumeShare } : {}),
  };
}
