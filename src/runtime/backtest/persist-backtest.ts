// Writes a backtest run and its round trips to `backtest_runs` / `backtest_trades` (SPEC §11), so runs can be
// listed, compared and shown on the dashboard later. A run is created 'running' and finished 'completed' (with
// its final equity, metrics and trades, in one transaction) or 'failed' (with the error's message).
// Must never: overwrite an earlier run (a repeated run id gets a suffix), write a half-finished run's trades
// outside the transaction that completes it, or store anything but a run's parameters and results.
import { Decimal } from '../../domain/decimal.js';
import { asRunId, parseClientOrderId, parseStrategyId, parseTicker, type RunId } from '../../domain/ids.js';
import { parseTimeframe } from '../../domain/bar.js';
import type { BacktestRunRecord, JsonObject, NewTrade, Store } from '../../ports/store.js';
import type { BacktestData, BacktestResult, BacktestSpec, BacktestTrade, FillModel } from './backtest-types.js';

/** The part of the store a backtest is written with. */
export type BacktestStore = Pick<Store, 'backtests' | 'transaction'>;

/** Longest error message kept on a failed run. */
export const MAX_RUN_ERROR_LENGTH = 2000;

/** What a run is known by before it runs. */
export interface BacktestRunStart {
  /** Wanted id (e.g. `backtestRunId(spec)`); a suffix `-2`, `-3`… is added when it is taken. */
  readonly runId: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly from: number;
  readonly to: number;
  /** Starting cash, decimal string. */
  readonly initialEquity: string;
  /** Stored as `params`: see {@link runParams}. */
  readonly params: JsonObject;
}

/** Extra facts of a completed run, stored beside the metrics under `run`. */
export interface BacktestRunFacts {
  readonly bars: number;
  readonly elapsedMs: number;
  readonly fills: number;
  readonly signals: { readonly approved: number; readonly denied: number };
  readonly openPositions: readonly { readonly symbol: string; readonly qty: string; readonly lastPrice: string }[];
}

/** Thrown when a run cannot be written; the message names the field and the value. */
export class BacktestPersistError extends Error {
  override readonly name = 'BacktestPersistError';
}

function toJsonObject(value: unknown, field: string): JsonObject {
  let text: unknown;
  try {
    text = JSON.stringify(value); // undefined for undefined, a function or a symbol, whatever the typing says
  } catch (error) {
    throw new BacktestPersistError(`${field} is not JSON-serialisable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BacktestPersistError(`${field} must be a JSON object, got ${typeof text === 'string' ? text : String(value)}`);
  }
  return parsed as JsonObject;
}

/** The data source as stored: bars handed in memory are named by their symbols only. */
function dataSummary(data: BacktestData): JsonObject {
  if (data.kind === 'bars') return { kind: 'bars', symbols: Object.keys(data.bars) };
  return toJsonObject(data, 'spec.data');
}

/**
 * The `params` column: the strategy's parameters and the fill model, plus — when the spec is given — every
 * other setting it ran with (cash, commission, slippage, sizing, risk, limits, data source…), so a stored run
 * can be repeated exactly.
 */
export function runParams(strategyParams: Readonly<Record<string, unknown>>, fill: FillModel, spec?: BacktestSpec): JsonObject {
  const base = { strategy: toJsonObject(strategyParams, 'params'), fill };
  if (spec === undefined) return base;
  const { data, params: _params, strategy: _strategy, ...settings } = spec;
  return { ...toJsonObject(settings, 'spec'), data: dataSummary(data), ...base };
}

/** What {@link startBacktestRun} needs, taken from a finished result (and its spec, for the full parameters). */
export function runStartOf(result: BacktestResult, spec?: BacktestSpec): BacktestRunStart {
  return {
    runId: result.runId,
    strategy: result.strategy,
    symbols: result.symbols,
    timeframe: result.timeframe,
    from: result.from,
    to: Math.max(result.from, result.to),
    initialEquity: result.metrics.initialEquity,
    params: runParams(result.params, result.fill, spec),
  };
}

function freeRunId(store: BacktestStore, wanted: string): RunId {
  const base = asRunId(wanted);
  if (store.backtests.getRun(base) === undefined) return base;
  for (let n = 2; ; n++) {
    const candidate = asRunId(`${wanted}-${n}`);
    if (store.backtests.getRun(candidate) === undefined) return candidate;
  }
}

/**
 * Creates the run as 'running' under a free id (the wanted one, or it with `-2`, `-3`…). Returns the record:
 * use its `id` to finish the run.
 * @throws IdError / RangeError / InvalidStoreValueError naming a malformed strategy, symbol, timeframe or time.
 */
export function startBacktestRun(store: BacktestStore, start: BacktestRunStart): BacktestRunRecord {
  const strategy = parseStrategyId(start.strategy);
  const symbols = start.symbols.map((symbol) => parseTicker(symbol));
  const timeframe = parseTimeframe(start.timeframe);
  const initialEquity = Decimal.of(start.initialEquity);
  return store.transaction(() =>
    store.backtests.createRun({
      id: freeRunId(store, start.runId),
      strategy,
      symbols,
      timeframe,
      startTs: start.from,
      endTs: start.to,
      params: start.params,
      initialEquity,
    }),
  );
}

const optCid = (value: string | null) => (value === null ? null : parseClientOrderId(value));

/** A result's round trip as the store takes it. */
export function toNewTrade(trade: BacktestTrade): NewTrade {
  return {
    strategy: parseStrategyId(trade.strategy),
    symbol: parseTicker(trade.symbol),
    side: trade.side,
    qty: Decimal.of(trade.qty),
    entryPrice: Decimal.of(trade.entryPrice),
    exitPrice: Decimal.of(trade.exitPrice),
    entryTs: trade.entryTs,
    exitTs: trade.exitTs,
    pnl: Decimal.of(trade.pnl),
    pnlPct: Decimal.of(trade.pnlPct),
    commission: Decimal.of(trade.commission),
    entryClientOrderId: optCid(trade.entryClientOrderId),
    exitClientOrderId: optCid(trade.exitClientOrderId),
    exitReason: trade.exitReason,
  };
}

function factsOf(result: BacktestResult): BacktestRunFacts {
  return {
    bars: result.bars,
    elapsedMs: Math.round(result.elapsedMs),
    fills: result.fills.length,
    signals: { approved: result.signals.approved, denied: result.signals.denied },
    openPositions: result.openPositions.map((p) => ({ symbol: p.symbol, qty: p.qty, lastPrice: p.lastPrice })),
  };
}

/** The `metrics` column: the SPEC §11 metrics, plus the run's facts under `run`. */
export function metricsJson(result: BacktestResult): JsonObject {
  return toJsonObject({ ...result.metrics, run: factsOf(result) }, 'metrics');
}

/**
 * Finishes a run as 'completed': its trades, final equity and metrics, in one transaction (all or nothing).
 * @throws StoreNotFoundError for an unknown run; IdError / DecimalError / InvalidStoreValueError for a bad trade.
 */
export function completeBacktestRun(store: BacktestStore, runId: string, result: BacktestResult): BacktestRunRecord {
  const id = asRunId(runId);
  const trades = result.trades.map(toNewTrade);
  const finalEquity = Decimal.of(result.metrics.finalEquity);
  const metrics = metricsJson(result);
  return store.transaction(() => {
    store.backtests.insertTrades(id, trades);
    return store.backtests.finishRun(id, { status: 'completed', finalEquity, metrics });
  });
}

/** The message kept for a failed run: the error's message, at most {@link MAX_RUN_ERROR_LENGTH} characters. */
export function runErrorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_RUN_ERROR_LENGTH ? `${text.slice(0, MAX_RUN_ERROR_LENGTH - 1)}…` : text;
}

/**
 * Finishes a run as 'failed' with the error's message (no stack, no trades).
 * @throws StoreNotFoundError for an unknown run.
 */
export function failBacktestRun(store: BacktestStore, runId: string, error: unknown): BacktestRunRecord {
  return store.backtests.finishRun(asRunId(runId), { status: 'failed', error: runErrorText(error) });
}

export interface PersistBacktestOptions {
  /** The spec the result came from: stored in `params` so the run can be repeated. */
  readonly spec?: BacktestSpec;
  /** Default 'completed'. 'failed' keeps the result's metrics and trades and records `error`. */
  readonly status?: 'completed' | 'failed';
  readonly error?: unknown;
}

/**
 * Writes a finished result in one transaction: the run (under a free id), its trades, its metrics. Returns the
 * stored run; its `id` may carry a suffix when the result's run id was already taken.
 */
export function persistBacktest(store: BacktestStore, result: BacktestResult, options: PersistBacktestOptions = {}): BacktestRunRecord {
  const start = runStartOf(result, options.spec);
  return store.transaction(() => {
    const run = startBacktestRun(store, start);
    const completed = completeBacktestRun(store, run.id, result);
    if (options.status !== 'failed') return completed;
    return store.backtests.finishRun(run.id, {
      status: 'failed',
      finalEquity: completed.finalEquity,
      metrics: completed.metrics,
      error: runErrorText(options.error ?? 'failed'),
    });
  });
}
