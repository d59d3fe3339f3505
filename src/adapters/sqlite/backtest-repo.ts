// Backtest runs and their trades (SPEC §11): parameters exactly as run, metrics, and every simulated round trip.
// Must never: mix backtest trades into the live `trades` table.
import { asRunId, parseStrategyId, parseTicker, type RunId } from '../../domain/ids.js';
import type { BacktestRepo } from '../../ports/store.js';
import type { BacktestRunRecord, BacktestRunResult, BacktestStatus, BacktestTradeRecord, NewBacktestRun, NewTrade } from '../../ports/store-records.js';
import { StoreNotFoundError } from '../../ports/store-errors.js';
import { parseTimeframe } from '../../domain/bar.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { decText, enumValue, jsonText, optDec, optDecText, parseJson, parseJsonObject, requireEpochMs, toDec } from './sql-values.js';
import { TRADE_COLUMNS, TRADE_VALUES, tradeFields, tradeParams, type TradeRow } from './trade-columns.js';

interface RunRow {
  id: string;
  strategy: string;
  symbols: string;
  timeframe: string;
  start_ts: number;
  end_ts: number;
  params: string;
  initial_equity: string;
  final_equity: string | null;
  metrics: string | null;
  status: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

interface BacktestTradeRow extends TradeRow {
  run_id: string;
}

const STATUSES = ['running', 'completed', 'failed'] as const satisfies readonly BacktestStatus[];

const INSERT_RUN = `INSERT INTO backtest_runs (id, strategy, symbols, timeframe, start_ts, end_ts, params, initial_equity, status, created_at)
VALUES (@id, @strategy, @symbols, @timeframe, @startTs, @endTs, @params, @initialEquity, 'running', @now)`;
const FINISH_RUN = `UPDATE backtest_runs SET status = @status, final_equity = @finalEquity, metrics = @metrics, error = @error,
  finished_at = @now WHERE id = @id`;
const INSERT_TRADE = `INSERT INTO backtest_trades (run_id, ${TRADE_COLUMNS}) VALUES (@runId, ${TRADE_VALUES})`;

function toRun(row: RunRow): BacktestRunRecord {
  const symbols = parseJson(row.symbols);
  return {
    id: asRunId(row.id),
    strategy: parseStrategyId(row.strategy),
    symbols: (Array.isArray(symbols) ? symbols : []).map((symbol) => parseTicker(String(symbol))),
    timeframe: parseTimeframe(row.timeframe),
    startTs: row.start_ts,
    endTs: row.end_ts,
    params: parseJsonObject(row.params, 'backtest_runs.params') ?? {},
    initialEquity: toDec(row.initial_equity),
    finalEquity: optDec(row.final_equity),
    metrics: parseJsonObject(row.metrics, 'backtest_runs.metrics'),
    status: enumValue(STATUSES, row.status, 'backtest_runs.status'),
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** SQLite implementation of {@link BacktestRepo}. */
export class SqliteBacktestRepo implements BacktestRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  createRun(run: NewBacktestRun): BacktestRunRecord {
    this.#sql.get(INSERT_RUN).run({
      id: run.id,
      strategy: run.strategy,
      symbols: JSON.stringify(run.symbols),
      timeframe: run.timeframe,
      startTs: requireEpochMs(run.startTs, 'start_ts'),
      endTs: requireEpochMs(run.endTs, 'end_ts'),
      params: JSON.stringify(run.params),
      initialEquity: decText(run.initialEquity),
      now: this.#ctx.now(),
    });
    return this.#mustGet(run.id);
  }

  finishRun(id: RunId, result: BacktestRunResult): BacktestRunRecord {
    const changes = this.#sql.get(FINISH_RUN).run({
      id,
      status: enumValue(['completed', 'failed'] as const, result.status, 'status'),
      finalEquity: optDecText(result.finalEquity),
      metrics: jsonText(result.metrics),
      error: result.error ?? null,
      now: this.#ctx.now(),
    }).changes;
    if (changes !== 1) throw new StoreNotFoundError(`backtest run ${id} does not exist`);
    return this.#mustGet(id);
  }

  getRun(id: RunId): BacktestRunRecord | undefined {
    const row = this.#sql.get<RunRow>('SELECT * FROM backtest_runs WHERE id = ?').get(id);
    return row === undefined ? undefined : toRun(row);
  }

  listRuns(limit = 100): BacktestRunRecord[] {
    return this.#sql.get<RunRow>('SELECT * FROM backtest_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit).map(toRun);
  }

  insertTrades(runId: RunId, trades: readonly NewTrade[]): number {
    const params = trades.map((trade) => ({ ...tradeParams(trade), runId }));
    const statement = this.#sql.get(INSERT_TRADE);
    return this.#ctx.tx(() => {
      if (this.getRun(runId) === undefined) throw new StoreNotFoundError(`backtest run ${runId} does not exist`);
      for (const row of params) statement.run(row);
      return params.length;
    });
  }

  trades(runId: RunId): BacktestTradeRecord[] {
    const rows = this.#sql.get<BacktestTradeRow>('SELECT * FROM backtest_trades WHERE run_id = ? ORDER BY exit_ts, id').all(runId);
    return rows.map((row) => ({ id: row.id, runId: asRunId(row.run_id), ...tradeFields(row) }));
  }

  deleteRun(id: RunId): boolean {
    return this.#sql.get('DELETE FROM backtest_runs WHERE id = ?').run(id).changes === 1;
  }

  #mustGet(id: RunId): BacktestRunRecord {
    const run = this.getRun(id);
    if (run === undefined) throw new StoreNotFoundError(`backtest run ${id} does not exist`);
    return run;
  }
}
