// Every strategy intent with the risk decision and its reason (SPEC §6: "every decision is recorded").
// A signal is written when it leaves the strategy and decided once; a trigger freezes it after the decision.
// Must never: change a decision once recorded, or drop a denied signal (denials are part of the record).
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import type { ListOptions, SignalRepo } from '../../ports/store.js';
import type { NewSignal, RiskDecision, SignalDecision, SignalRecord } from '../../ports/store-records.js';
import { InvalidStoreValueError, StoreNotFoundError } from '../../ports/store-errors.js';
import { parseTimeframe } from '../../domain/bar.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { enumValue, listClause, optDec, optDecText, optEnumValue, requireEpochMs } from './sql-values.js';

interface SignalRow {
  id: number;
  correlation_id: string;
  strategy: string;
  symbol: string;
  timeframe: string;
  signal_ts: number;
  action: string;
  reason: string;
  confidence: number | null;
  stop: string | null;
  take_profit: string | null;
  size_fraction: number | null;
  risk_decision: string | null;
  risk_code: string | null;
  risk_reason: string | null;
  qty: string | null;
  client_order_id: string | null;
  created_at: number;
}

const RISK_DECISIONS = ['approved', 'denied'] as const satisfies readonly RiskDecision[];

const INSERT = `INSERT INTO signals (correlation_id, strategy, symbol, timeframe, signal_ts, action, reason, confidence, stop,
  take_profit, size_fraction, created_at)
VALUES (@correlationId, @strategy, @symbol, @timeframe, @signalTs, @action, @reason, @confidence, @stop, @takeProfit,
  @sizeFraction, @now)`;

const DECIDE = `UPDATE signals SET risk_decision = @decision, risk_code = @code, risk_reason = @reason, qty = @qty,
  client_order_id = @cid WHERE id = @id AND risk_decision IS NULL`;

function toRecord(row: SignalRow): SignalRecord {
  return {
    id: row.id,
    correlationId: asCorrelationId(row.correlation_id),
    strategy: parseStrategyId(row.strategy),
    symbol: parseTicker(row.symbol),
    timeframe: parseTimeframe(row.timeframe),
    signalTs: row.signal_ts,
    action: row.action,
    reason: row.reason,
    confidence: row.confidence,
    stop: optDec(row.stop),
    takeProfit: optDec(row.take_profit),
    sizeFraction: row.size_fraction,
    riskDecision: optEnumValue(RISK_DECISIONS, row.risk_decision, 'signals.risk_decision'),
    riskCode: row.risk_code,
    riskReason: row.risk_reason,
    qty: optDec(row.qty),
    clientOrderId: row.client_order_id === null ? null : parseClientOrderId(row.client_order_id),
    createdAt: row.created_at,
  };
}

function checkFraction(value: number | null | undefined, field: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new InvalidStoreValueError(`${field} must be between 0 and 1, got ${String(value)}`);
  return value;
}

/** SQLite implementation of {@link SignalRepo}. */
export class SqliteSignalRepo implements SignalRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  insert(signal: NewSignal): number {
    const result = this.#sql.get(INSERT).run({
      correlationId: signal.correlationId,
      strategy: signal.strategy,
      symbol: signal.symbol,
      timeframe: signal.timeframe,
      signalTs: requireEpochMs(signal.signalTs, 'signal_ts'),
      action: signal.action,
      reason: signal.reason,
      confidence: checkFraction(signal.confidence, 'confidence'),
      stop: optDecText(signal.stop),
      takeProfit: optDecText(signal.takeProfit),
      sizeFraction: checkFraction(signal.sizeFraction, 'size_fraction'),
      now: this.#ctx.now(),
    });
    return Number(result.lastInsertRowid);
  }

  recordDecision(id: number, decision: SignalDecision): SignalRecord {
    const kind = enumValue(RISK_DECISIONS, decision.decision, 'risk_decision');
    return this.#ctx.tx(() => {
      const existing = this.get(id);
      if (existing === undefined) throw new StoreNotFoundError(`signal ${String(id)} does not exist`);
      if (existing.riskDecision !== null) {
        throw new InvalidStoreValueError(`signal ${String(id)} was already ${existing.riskDecision}; a decision is recorded once`);
      }
      this.#sql.get(DECIDE).run({
        id,
        decision: kind,
        code: decision.code ?? null,
        reason: decision.reason ?? null,
        qty: optDecText(decision.qty),
        cid: decision.clientOrderId ?? null,
      });
      return this.get(id) ?? existing;
    });
  }

  get(id: number): SignalRecord | undefined {
    const row = this.#sql.get<SignalRow>('SELECT * FROM signals WHERE id = ?').get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  list(options: ListOptions = {}): SignalRecord[] {
    const clause = listClause(options, 'created_at');
    return this.#sql.get<SignalRow>(`SELECT * FROM signals ${clause.where} ${clause.order}`).all(clause.params).map(toRecord);
  }
}
