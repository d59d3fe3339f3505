// Order intents: written before a request leaves the process (SPEC S4, DESIGN §3.6), updated with optimistic
// concurrency, each update writing its event row in the same transaction (SPEC §7).
// Must never: let a second intent with the same client_order_id in (that would be a duplicate order), or
// change a row whose version moved underneath the caller.
import Database from 'better-sqlite3';
import { parseBrokerOrderId, parseClientOrderId, parseStrategyId, parseTicker, asCorrelationId, type ClientOrderId } from '../../domain/ids.js';
import { OPEN_STATES, ORDER_CLASSES, ORDER_ROLES, ORDER_SIDES, ORDER_STATES, ORDER_TYPES, TIME_IN_FORCE, type OrderState } from '../../domain/order.js';
import { DuplicateIntentError, IntentNotFoundError, InvalidStoreValueError, VersionConflictError } from '../../ports/store-errors.js';
import type { ListOptions, OrderIntentRepo } from '../../ports/store.js';
import type { NewOrderIntent, OrderIntentPatch, OrderIntentRecord } from '../../ports/store-records.js';
import type { SqliteOrderEventRepo } from './order-event-repo.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { decText, enumValue, jsonText, listClause, optDec, optDecText, parseJsonObject, requireEpochMs, requirePositive, toDec } from './sql-values.js';

interface IntentRow {
  client_order_id: string;
  broker_order_id: string | null;
  correlation_id: string;
  strategy: string;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string;
  order_class: string;
  qty: string;
  limit_price: string | null;
  stop_price: string | null;
  filled_qty: string;
  avg_fill_price: string | null;
  state: string;
  version: number;
  parent_client_order_id: string | null;
  role: string;
  attempts: number;
  last_error: string | null;
  signal_ts: number | null;
  extra: string | null;
  created_at: number;
  updated_at: number;
}

const INSERT = `INSERT INTO order_intents (client_order_id, broker_order_id, correlation_id, strategy, symbol, side, type,
  time_in_force, order_class, qty, limit_price, stop_price, state, parent_client_order_id, role, signal_ts, extra,
  created_at, updated_at)
VALUES (@cid, @brokerOrderId, @correlationId, @strategy, @symbol, @side, @type, @tif, @orderClass, @qty, @limitPrice,
  @stopPrice, @state, @parent, @role, @signalTs, @extra, @now, @now)`;

const UPDATE = `UPDATE order_intents SET state = @state, broker_order_id = @brokerOrderId, filled_qty = @filledQty,
  avg_fill_price = @avgFillPrice, attempts = @attempts, last_error = @lastError, extra = @extra,
  version = version + 1, updated_at = @now
WHERE client_order_id = @cid AND version = @expectedVersion`;

function toRecord(row: IntentRow): OrderIntentRecord {
  return {
    clientOrderId: parseClientOrderId(row.client_order_id),
    brokerOrderId: row.broker_order_id === null ? null : parseBrokerOrderId(row.broker_order_id),
    correlationId: asCorrelationId(row.correlation_id),
    strategy: parseStrategyId(row.strategy),
    symbol: parseTicker(row.symbol),
    side: enumValue(ORDER_SIDES, row.side, 'order_intents.side'),
    type: enumValue(ORDER_TYPES, row.type, 'order_intents.type'),
    timeInForce: enumValue(TIME_IN_FORCE, row.time_in_force, 'order_intents.time_in_force'),
    orderClass: enumValue(ORDER_CLASSES, row.order_class, 'order_intents.order_class'),
    qty: toDec(row.qty),
    limitPrice: optDec(row.limit_price),
    stopPrice: optDec(row.stop_price),
    filledQty: toDec(row.filled_qty),
    avgFillPrice: optDec(row.avg_fill_price),
    state: enumValue(ORDER_STATES, row.state, 'order_intents.state'),
    version: row.version,
    parentClientOrderId: row.parent_client_order_id === null ? null : parseClientOrderId(row.parent_client_order_id),
    role: enumValue(ORDER_ROLES, row.role, 'order_intents.role'),
    attempts: row.attempts,
    lastError: row.last_error,
    signalTs: row.signal_ts,
    extra: parseJsonObject(row.extra, 'order_intents.extra'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface InsertParams {
  readonly cid: string;
  readonly brokerOrderId: string | null;
  readonly correlationId: string;
  readonly strategy: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly tif: string;
  readonly orderClass: string;
  readonly qty: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly state: string;
  readonly parent: string | null;
  readonly role: string;
  readonly signalTs: number | null;
  readonly extra: string | null;
  readonly now: number;
}

interface UpdateParams {
  readonly cid: string;
  readonly expectedVersion: number;
  readonly state: string;
  readonly brokerOrderId: string | null;
  readonly filledQty: string;
  readonly avgFillPrice: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly extra: string | null;
  readonly now: number;
}

/** The row INSERT just wrote (the columns it does not set take their schema defaults). */
function insertedRow(p: InsertParams): IntentRow {
  return {
    client_order_id: p.cid, broker_order_id: p.brokerOrderId, correlation_id: p.correlationId, strategy: p.strategy, symbol: p.symbol,
    side: p.side, type: p.type, time_in_force: p.tif, order_class: p.orderClass, qty: p.qty, limit_price: p.limitPrice, stop_price: p.stopPrice,
    filled_qty: '0', avg_fill_price: null, state: p.state, version: 0, parent_client_order_id: p.parent, role: p.role, attempts: 0,
    last_error: null, signal_ts: p.signalTs, extra: p.extra, created_at: p.now, updated_at: p.now,
  };
}

/** The row UPDATE just wrote over `before`. */
function updatedRow(before: IntentRow, p: UpdateParams): IntentRow {
  return {
    ...before, state: p.state, broker_order_id: p.brokerOrderId, filled_qty: p.filledQty, avg_fill_price: p.avgFillPrice, attempts: p.attempts,
    last_error: p.lastError, extra: p.extra, version: before.version + 1, updated_at: p.now,
  };
}

function insertParams(intent: NewOrderIntent, now: number): InsertParams {
  if (!(ORDER_ROLES as readonly string[]).includes(intent.role)) {
    throw new InvalidStoreValueError(`order role ${JSON.stringify(intent.role)} is not one of ${ORDER_ROLES.join(', ')}`);
  }
  return {
    cid: intent.clientOrderId,
    brokerOrderId: intent.brokerOrderId ?? null,
    correlationId: intent.correlationId,
    strategy: intent.strategy,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    tif: intent.timeInForce,
    orderClass: intent.orderClass ?? 'simple',
    qty: decText(requirePositive(intent.qty, 'qty')),
    limitPrice: intent.limitPrice == null ? null : decText(requirePositive(intent.limitPrice, 'limit_price')),
    stopPrice: intent.stopPrice == null ? null : decText(requirePositive(intent.stopPrice, 'stop_price')),
    state: intent.state ?? 'PENDING_SUBMIT',
    parent: intent.parentClientOrderId ?? null,
    role: intent.role,
    signalTs: intent.signalTs == null ? null : requireEpochMs(intent.signalTs, 'signal_ts'),
    extra: jsonText(intent.extra),
    now,
  };
}

function updateParams(current: OrderIntentRecord, patch: OrderIntentPatch, now: number): UpdateParams {
  if (patch.attempts !== undefined && (!Number.isSafeInteger(patch.attempts) || patch.attempts < 0)) {
    throw new InvalidStoreValueError(`attempts must be a non-negative integer, got ${String(patch.attempts)}`);
  }
  if (patch.filledQty?.isNegative() === true) throw new InvalidStoreValueError(`filled_qty must not be negative, got ${patch.filledQty.toString()}`);
  return {
    cid: current.clientOrderId,
    expectedVersion: current.version,
    state: patch.state ?? current.state,
    brokerOrderId: patch.brokerOrderId === undefined ? current.brokerOrderId : patch.brokerOrderId,
    filledQty: decText(patch.filledQty ?? current.filledQty),
    avgFillPrice: optDecText(patch.avgFillPrice === undefined ? current.avgFillPrice : patch.avgFillPrice),
    attempts: patch.attempts ?? current.attempts,
    lastError: patch.lastError === undefined ? current.lastError : patch.lastError,
    extra: jsonText(patch.extra === undefined ? current.extra : patch.extra),
    now,
  };
}

/** Cached intents at most (then the cache starts over: a long backtest keeps every order in the table only). */
const MAX_CACHED = 10_000;

/** A cached intent: the row as stored and its record (frozen: every reader shares it). */
interface Cached {
  readonly row: IntentRow;
  readonly record: OrderIntentRecord;
}

function cached(row: IntentRow): Cached {
  const record = toRecord(row);
  if (record.extra !== null) deepFreeze(record.extra);
  return { row, record: Object.freeze(record) };
}

function deepFreeze(value: object): void {
  for (const item of Object.values(value)) if (typeof item === 'object' && item !== null) deepFreeze(item as object);
  Object.freeze(value);
}

/**
 * SQLite implementation of {@link OrderIntentRepo}. With `ctx.cacheRecords` (a ':memory:' store) every row it
 * read or wrote is kept with its frozen record, by client_order_id, and `get` answers from memory; a write
 * builds the row it wrote (no re-read); any rollback empties the cache (a write inside a rolled-back
 * transaction never happened). Without it, every read is a query and a write re-reads its row.
 */
export class SqliteOrderIntentRepo implements OrderIntentRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;
  readonly #events: SqliteOrderEventRepo;
  readonly #cache: Map<string, Cached> | undefined;

  constructor(ctx: SqliteContext, events: SqliteOrderEventRepo) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
    this.#events = events;
    if (ctx.cacheRecords) {
      const cache = new Map<string, Cached>();
      this.#cache = cache;
      ctx.onRollback(() => { cache.clear(); });
    }
  }

  insert(intent: NewOrderIntent): OrderIntentRecord {
    const now = this.#ctx.now();
    const params = insertParams(intent, now);
    return this.#ctx.tx(() => {
      const parent = intent.parentClientOrderId;
      if (parent != null && !this.exists(parent)) {
        throw new InvalidStoreValueError(`parent_client_order_id ${parent} of ${intent.clientOrderId} is not in the store; write the parent first`);
      }
      try {
        this.#sql.get(INSERT).run(params);
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new DuplicateIntentError(intent.clientOrderId);
        }
        throw error;
      }
      const state = intent.state ?? 'PENDING_SUBMIT';
      this.#events.appendOrThrow({ clientOrderId: intent.clientOrderId, type: 'created', fromState: null, toState: state, ts: now });
      return this.#written(intent.clientOrderId, insertedRow(params));
    });
  }

  updateState(clientOrderId: ClientOrderId, expectedVersion: number, patch: OrderIntentPatch): OrderIntentRecord {
    return this.#ctx.tx(() => {
      const before = this.#cache?.get(clientOrderId);
      const current = before?.record ?? this.#mustGet(clientOrderId);
      if (current.version !== expectedVersion) throw new VersionConflictError(clientOrderId, expectedVersion, current.version);
      const now = this.#ctx.now();
      const params = updateParams(current, patch, now);
      if (this.#sql.get(UPDATE).run(params).changes !== 1) {
        throw new VersionConflictError(clientOrderId, expectedVersion, this.#reread(clientOrderId).version);
      }
      const { type, payload, brokerEventId, ts } = patch.event;
      this.#events.appendOrThrow({ clientOrderId, type, payload, brokerEventId, ts: ts ?? now, fromState: current.state, toState: params.state as OrderState });
      const row = before?.row ?? this.#cache?.get(clientOrderId)?.row;
      return row === undefined ? this.#reread(clientOrderId) : this.#written(clientOrderId, updatedRow(row, params));
    });
  }

  get(clientOrderId: ClientOrderId): OrderIntentRecord | undefined {
    const hit = this.#cache?.get(clientOrderId);
    if (hit !== undefined) return hit.record;
    return this.#select(clientOrderId);
  }

  #select(clientOrderId: ClientOrderId): OrderIntentRecord | undefined {
    const row = this.#sql.get<IntentRow>('SELECT * FROM order_intents WHERE client_order_id = ?').get(clientOrderId);
    if (row === undefined) return undefined;
    if (this.#cache === undefined) return toRecord(row);
    return this.#keep(clientOrderId, row);
  }

  /** The record of a row just written: cached (cache mode), else read back from the table. */
  #written(clientOrderId: ClientOrderId, row: IntentRow): OrderIntentRecord {
    if (this.#cache === undefined) return this.#reread(clientOrderId);
    return this.#keep(clientOrderId, row);
  }

  #keep(clientOrderId: ClientOrderId, row: IntentRow): OrderIntentRecord {
    const cache = this.#cache;
    const entry = cached(row);
    if (cache === undefined) return entry.record;
    if (cache.size >= MAX_CACHED && !cache.has(clientOrderId)) cache.clear();
    cache.set(clientOrderId, entry);
    return entry.record;
  }

  /** The row as stored now (after a write), never from the cache. */
  #reread(clientOrderId: ClientOrderId): OrderIntentRecord {
    const record = this.#select(clientOrderId);
    if (record === undefined) throw new IntentNotFoundError(clientOrderId);
    return record;
  }

  exists(clientOrderId: ClientOrderId): boolean {
    return this.#sql.get('SELECT 1 FROM order_intents WHERE client_order_id = ?').get(clientOrderId) !== undefined;
  }

  findByBrokerOrderId(brokerOrderId: string): OrderIntentRecord | undefined {
    const row = this.#sql.get<IntentRow>('SELECT * FROM order_intents WHERE broker_order_id = ?').get(brokerOrderId);
    return row === undefined ? undefined : toRecord(row);
  }

  listByState(states: readonly OrderState[]): OrderIntentRecord[] {
    if (states.length === 0) return [];
    const sql = `SELECT * FROM order_intents WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`;
    return this.#sql.get<IntentRow>(sql).all(JSON.stringify(states)).map(toRecord);
  }

  listOpen(): OrderIntentRecord[] {
    return this.listByState(OPEN_STATES);
  }

  listChildren(parent: ClientOrderId): OrderIntentRecord[] {
    return this.#sql.get<IntentRow>('SELECT * FROM order_intents WHERE parent_client_order_id = ? ORDER BY created_at, rowid').all(parent).map(toRecord);
  }

  list(options: ListOptions = {}): OrderIntentRecord[] {
    const clause = listClause(options, 'created_at');
    return this.#sql.get<IntentRow>(`SELECT * FROM order_intents ${clause.where} ${clause.order}`).all(clause.params).map(toRecord);
  }

  #mustGet(clientOrderId: ClientOrderId): OrderIntentRecord {
    const record = this.get(clientOrderId);
    if (record === undefined) throw new IntentNotFoundError(clientOrderId);
    return record;
  }
}
