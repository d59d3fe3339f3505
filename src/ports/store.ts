// The Store port (SPEC §9): narrow repositories, one per table, grouped in a Store with a transaction.
// Consumers take the slice they use, e.g. `Pick<Store, 'orderIntents' | 'transaction'>` (DESIGN §3.4).
// Must never: expose SQL or the driver, accept a float for money (SPEC S9), or store a secret (SPEC S7).
// Every method is synchronous: a write returns only once it is durable (WAL, synchronous=FULL).
import type { Bar, Timeframe } from '../domain/bar.js';
import type { ClientOrderId, RunId, StrategyId, Ticker } from '../domain/ids.js';
import type { OrderState } from '../domain/order.js';
import type {
  BacktestRunRecord,
  BacktestRunResult,
  BacktestTradeRecord,
  BarRecord,
  BarSeriesSummary,
  BotStateEntry,
  BreakerChange,
  BreakerReset,
  BreakerState,
  EpochMs,
  EquityPoint,
  FillRecord,
  JsonValue,
  NewBacktestRun,
  NewFill,
  NewOrderEvent,
  NewOrderIntent,
  NewSignal,
  NewTrade,
  OrderEventRecord,
  OrderIntentPatch,
  OrderIntentRecord,
  SettingsOverrideRecord,
  SignalDecision,
  SignalRecord,
  TradeNoteRecord,
  TradeRecord,
} from './store-records.js';

export type * from './store-records.js';
export * from './store-errors.js';

/** Filters for list queries; `since`/`until` are epoch ms, `since` inclusive and `until` exclusive. */
export interface ListOptions {
  readonly since?: EpochMs;
  readonly until?: EpochMs;
  readonly strategy?: StrategyId;
  readonly symbol?: Ticker;
  /** Newest first when given; default no limit (oldest first). */
  readonly limit?: number;
}

export interface OrderIntentRepo {
  /**
   * Writes a new intent (and its `created` event) before the order is sent (SPEC S4).
   * @throws DuplicateIntentError when the client_order_id is already stored: never send it again.
   */
  insert(intent: NewOrderIntent): OrderIntentRecord;
  /**
   * Applies `patch` if the stored version is `expectedVersion`, bumps the version and appends `patch.event`
   * (from the old state to the new) in the same transaction. Does not judge transitions (core/orders does).
   * @throws VersionConflictError when the version moved; IntentNotFoundError; DuplicateBrokerEventError when
   * the event's broker id is already recorded (nothing is changed).
   */
  updateState(clientOrderId: ClientOrderId, expectedVersion: number, patch: OrderIntentPatch): OrderIntentRecord;
  get(clientOrderId: ClientOrderId): OrderIntentRecord | undefined;
  exists(clientOrderId: ClientOrderId): boolean;
  findByBrokerOrderId(brokerOrderId: string): OrderIntentRecord | undefined;
  /** Intents in any of `states`, oldest first. */
  listByState(states: readonly OrderState[]): OrderIntentRecord[];
  /** Intents that are not terminal (PENDING_SUBMIT, SUBMITTED, ACCEPTED, PARTIALLY_FILLED), oldest first. */
  listOpen(): OrderIntentRecord[];
  /** Orders attached to a parent (bracket legs, stops). */
  listChildren(parent: ClientOrderId): OrderIntentRecord[];
  /** By creation time. */
  list(options?: ListOptions): OrderIntentRecord[];
}

export interface OrderEventRepo {
  /** Appends an event; returns false (and writes nothing) when its brokerEventId is already recorded. */
  append(event: NewOrderEvent): boolean;
  /** The order's history, oldest first. */
  listFor(clientOrderId: ClientOrderId): OrderEventRecord[];
  list(options?: Pick<ListOptions, 'since' | 'until' | 'limit'>): OrderEventRecord[];
  hasBrokerEvent(brokerEventId: string): boolean;
}

export interface FillRepo {
  /** Records a fill; returns false when its execution id is already stored (a duplicate is ignored, S5). */
  insert(fill: NewFill): boolean;
  has(executionId: string): boolean;
  listFor(clientOrderId: ClientOrderId): FillRecord[];
  /** By fill time. */
  list(options?: Omit<ListOptions, 'strategy'>): FillRecord[];
}

export interface TradeRepo {
  /** Writes a completed round trip; returns its id. Trades are immutable afterwards. */
  insert(trade: NewTrade): number;
  get(id: number): TradeRecord | undefined;
  /** By exit time. */
  list(options?: ListOptions): TradeRecord[];
  addNote(tradeId: number, note: string, author: string): number;
  notes(tradeId: number): TradeNoteRecord[];
}

export interface SignalRepo {
  /** Records a strategy intent as it left the strategy; returns its id. */
  insert(signal: NewSignal): number;
  /**
   * Records the risk decision once.
   * @throws StoreNotFoundError when the signal is unknown; InvalidStoreValueError when it was already decided.
   */
  recordDecision(id: number, decision: SignalDecision): SignalRecord;
  get(id: number): SignalRecord | undefined;
  /** By creation time. */
  list(options?: ListOptions): SignalRecord[];
}

export interface EquityRepo {
  /** Records a snapshot; a second snapshot with the same ts replaces the first. */
  record(point: EquityPoint): void;
  latest(): EquityPoint | undefined;
  /** Snapshots with from <= ts < to, oldest first. */
  range(from: EpochMs, to: EpochMs): EquityPoint[];
}

export interface BotStateRepo {
  get(key: string): JsonValue | undefined;
  set(key: string, value: JsonValue): void;
  /** Returns whether the key existed. */
  delete(key: string): boolean;
  /** Entries whose key starts with `prefix` (all when omitted), by key. */
  list(prefix?: string): BotStateEntry[];
}

export interface BarRepo {
  /** Inserts or replaces (same symbol, timeframe, ts) in one transaction; returns how many were written. */
  upsertMany(bars: readonly BarRecord[]): number;
  /** The same for domain bars (number prices, written as their shortest exact decimal text); one transaction. */
  upsertBars(bars: readonly Bar[], source: string): number;
  /** Bars with from <= ts < to, oldest first, prices exact. */
  range(symbol: Ticker, timeframe: Timeframe, from: EpochMs, to: EpochMs): BarRecord[];
  /** The same range as domain bars (number prices for indicator maths; faster: no Decimal per price). */
  rangeBars(symbol: Ticker, timeframe: Timeframe, from: EpochMs, to: EpochMs): Bar[];
  latestTs(symbol: Ticker, timeframe: Timeframe): EpochMs | undefined;
  /** One line per cached (symbol, timeframe), for `alpaca-bot data list`. */
  summary(): BarSeriesSummary[];
}

export interface BacktestRepo {
  createRun(run: NewBacktestRun): BacktestRunRecord;
  /** @throws StoreNotFoundError when the run is unknown. */
  finishRun(id: RunId, result: BacktestRunResult): BacktestRunRecord;
  getRun(id: RunId): BacktestRunRecord | undefined;
  /** Newest first. */
  listRuns(limit?: number): BacktestRunRecord[];
  /** Writes a run's trades in one transaction; returns how many. */
  insertTrades(runId: RunId, trades: readonly NewTrade[]): number;
  trades(runId: RunId): BacktestTradeRecord[];
  /** Deletes a run and its trades; returns whether it existed. */
  deleteRun(id: RunId): boolean;
}

export interface SettingsOverrideRepo {
  /**
   * Records a new value for `key` (a new row; the previous value is kept on it for the audit trail).
   * @throws InvalidStoreValueError for a key that is malformed or looks like a secret.
   */
  set(key: string, value: JsonValue, changedBy: string): SettingsOverrideRecord;
  /** Removes the override (a row with value null): the configured value applies again. */
  clear(key: string, changedBy: string): SettingsOverrideRecord;
  /** The current value of one key, undefined when not overridden. */
  get(key: string): JsonValue | undefined;
  /** Every key currently overridden, with its latest value. */
  current(): ReadonlyMap<string, JsonValue>;
  /** Changes, newest first, of one key or all. */
  history(key?: string, limit?: number): SettingsOverrideRecord[];
}

/** Default thresholds of SPEC S3. */
export const BREAKER_ORDER_FAILURE_LIMIT = 5;
export const BREAKER_RECONNECT_FAILURE_LIMIT = 10;

/**
 * The failure circuit breaker (SPEC S3), persisted in bot_state under `breaker`. Each call is one
 * read-modify-write transaction, so two processes never lose a count. An unreadable row reads as tripped.
 */
export interface BreakerStateRepo {
  readBreaker(): BreakerState;
  /** Counts a submit error or rejection; trips at `limit` (default 5) consecutive ones. */
  recordOrderFailure(detail?: string, limit?: number): BreakerChange;
  /** Resets the consecutive order-failure count. */
  recordOrderSuccess(): BreakerState;
  /** Counts a failed stream reconnect; trips at `limit` (default 10) consecutive ones. */
  recordReconnectFailure(detail?: string, limit?: number): BreakerChange;
  recordReconnectSuccess(): BreakerState;
  /** Trips it now; an already tripped breaker keeps its first reason and time. */
  tripBreaker(reason: string): BreakerChange;
  /** Clears it and its counters, recording who and when (a person only: CLI, dashboard, startup flag). */
  resetBreaker(by: string): BreakerReset;
}

/** Everything the bot persists, grouped. */
export interface Store {
  /** The database file, or ':memory:'. */
  readonly path: string;
  readonly orderIntents: OrderIntentRepo;
  readonly orderEvents: OrderEventRepo;
  readonly fills: FillRepo;
  readonly trades: TradeRepo;
  readonly signals: SignalRepo;
  readonly equity: EquityRepo;
  readonly botState: BotStateRepo;
  readonly bars: BarRepo;
  readonly backtests: BacktestRepo;
  readonly settingsOverrides: SettingsOverrideRepo;
  readonly breaker: BreakerStateRepo;
  /**
   * Runs `fn` in one write transaction (nested calls become savepoints); a throw rolls everything back.
   * `fn` must be synchronous: nothing may be awaited inside a transaction.
   */
  transaction<T>(fn: () => T): T;
  /** The schema version the database is at. */
  schemaVersion(): number;
  /** Closes the database; further calls throw. */
  close(): void;
}
