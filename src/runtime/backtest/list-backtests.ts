// Reads stored backtest runs back (SPEC §11): the newest runs with their metrics for a listing (`backtest
// --list`, the dashboard), and one run with its trades in the same shape a fresh result has.
// Must never: write, or fail a whole listing because one stored row's metrics are from an older format (that
// run's metrics read as null instead).
import type { PerformanceMetrics } from '../../core/portfolio/metrics/index.js';
import type { BacktestRunRecord, BacktestStatus, BacktestTradeRecord, JsonObject, JsonValue, Store } from '../../ports/store.js';
import { asRunId } from '../../domain/ids.js';
import type { BacktestTrade } from './backtest-types.js';
import type { BacktestRunFacts } from './persist-backtest.js';

/** Most runs one listing returns. */
export const MAX_LIST_LIMIT = 10_000;

/** One stored run, in plain JSON-ready values. */
export interface BacktestRunSummary {
  readonly id: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly from: number;
  readonly to: number;
  readonly status: BacktestStatus;
  readonly initialEquity: string;
  readonly finalEquity: string | null;
  /** null while running, for a run that failed before it had metrics, or for a row this version cannot read. */
  readonly metrics: PerformanceMetrics | null;
  /** Bars, fills, signals and open positions at the end; null when not stored. */
  readonly run: BacktestRunFacts | null;
  /** Strategy parameters, fill model and settings as run. */
  readonly params: JsonObject;
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

export interface BacktestRunDetail {
  readonly run: BacktestRunSummary;
  readonly trades: readonly BacktestTrade[];
}

const STRING_FIELDS = ['initialEquity', 'finalEquity', 'netPnl', 'commission'] as const;
const NUMBER_FIELDS = ['totalReturnPct', 'maxDrawdownPct', 'exposurePct', 'tradeCount'] as const;
const NULLABLE_NUMBER_FIELDS = ['cagrPct', 'sharpe', 'sortino', 'winRatePct', 'profitFactor', 'averageTradePct'] as const;

const isNumber = (value: JsonValue | undefined): boolean => typeof value === 'number' && Number.isFinite(value);

/** The SPEC §11 metrics of a stored `metrics` object, or null when a field is missing or of the wrong type. */
export function parseStoredMetrics(json: JsonObject | null): PerformanceMetrics | null {
  if (json === null) return null;
  if (!STRING_FIELDS.every((key) => typeof json[key] === 'string')) return null;
  if (!NUMBER_FIELDS.every((key) => isNumber(json[key]))) return null;
  if (!NULLABLE_NUMBER_FIELDS.every((key) => json[key] === null || isNumber(json[key]))) return null;
  const averageTrade = json.averageTrade;
  if (averageTrade !== null && typeof averageTrade !== 'string') return null;
  const metrics: Record<string, JsonValue> = {};
  for (const key of [...STRING_FIELDS, ...NUMBER_FIELDS, ...NULLABLE_NUMBER_FIELDS, 'averageTrade'] as const) {
    metrics[key] = json[key] ?? null;
  }
  return metrics as unknown as PerformanceMetrics;
}

function parseFacts(json: JsonObject | null): BacktestRunFacts | null {
  const run = json?.run;
  if (typeof run !== 'object' || run === null || Array.isArray(run)) return null;
  const facts = run as JsonObject;
  if (!isNumber(facts.bars) || !isNumber(facts.elapsedMs) || !isNumber(facts.fills)) return null;
  if (typeof facts.signals !== 'object' || facts.signals === null || !Array.isArray(facts.openPositions)) return null;
  return facts as unknown as BacktestRunFacts;
}

/** A stored run as plain values. */
export function summarizeRun(record: BacktestRunRecord): BacktestRunSummary {
  return {
    id: record.id,
    strategy: record.strategy,
    symbols: [...record.symbols],
    timeframe: record.timeframe,
    from: record.startTs,
    to: record.endTs,
    status: record.status,
    initialEquity: record.initialEquity.toString(),
    finalEquity: record.finalEquity?.toString() ?? null,
    metrics: parseStoredMetrics(record.metrics),
    run: parseFacts(record.metrics),
    params: record.params,
    error: record.error,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}

/**
 * The newest stored runs first (default 100).
 * @throws RangeError naming `limit` when it is not an integer from 1 to {@link MAX_LIST_LIMIT}.
 */
export function listBacktests(store: Pick<Store, 'backtests'>, options: { readonly limit?: number } = {}): BacktestRunSummary[] {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIST_LIMIT}, got ${String(limit)}`);
  }
  return store.backtests.listRuns(limit).map(summarizeRun);
}

function toBacktestTrade(trade: BacktestTradeRecord): BacktestTrade {
  return {
    strategy: trade.strategy,
    symbol: trade.symbol,
    side: trade.side,
    qty: trade.qty.toString(),
    entryPrice: trade.entryPrice.toString(),
    exitPrice: trade.exitPrice.toString(),
    entryTs: trade.entryTs,
    exitTs: trade.exitTs,
    pnl: trade.pnl.toString(),
    pnlPct: trade.pnlPct.toString(),
    commission: trade.commission.toString(),
    exitReason: trade.exitReason,
    entryClientOrderId: trade.entryClientOrderId,
    exitClientOrderId: trade.exitClientOrderId,
  };
}

/** One stored run and its trades (oldest exit first), or undefined when there is no such run. */
export function getBacktest(store: Pick<Store, 'backtests'>, runId: string): BacktestRunDetail | undefined {
  const id = asRunId(runId);
  const record = store.backtests.getRun(id);
  if (record === undefined) return undefined;
  return { run: summarizeRun(record), trades: store.backtests.trades(id).map(toBacktestTrade) };
}
