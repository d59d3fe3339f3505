// The idempotent order manager (SPEC S4, S5, §6 protective exits, §7): turns approved entries into
// write-ahead intents and broker orders, routes trade updates through the state machine, keeps every filled
// share covered by a broker-side stop (PositionExits), and exits/cancels on demand. All work runs one task at a
// time. Per-bar questions ("which entries of this symbol are active?") are answered from the OpenEntryIndex,
// which the ledger keeps in step with every committed write and which is rebuilt from the store at construction.
// Must never: send an order whose intent is not committed first, send a client_order_id twice, lower a long's
// stop (raise a short's), place a second exit for shares an open exit holds, or read a clock other than Clock.
import { Decimal } from '../../domain/decimal.js';
import { deriveClientOrderId } from '../../domain/client-order-id.js';
import { asCorrelationId, parseStrategyId, parseTicker, type ClientOrderId } from '../../domain/ids.js';
import { isTerminalState, type OrderRole } from '../../domain/order.js';
import type { Clock } from '../../ports/clock.js';
import type { ExecutionClient, ExecutionEvent, OrderReport, SubmitOrderCommand } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { NewOrderIntent, OrderIntentRecord, Store } from '../../ports/store.js';
import { DuplicateIntentError } from '../../ports/store.js';
import { decodeExtra, encodeExtra, type EntryExtra } from './entry-extra.js';
import { ExecutionRouter } from './execution-router.js';
import { OpenEntryIndex } from './open-entry-index.js';
import { OrderCanceller } from './order-canceller.js';
import { OrderLedger } from './order-ledger.js';
import type { ApprovedOrder, ExitResult, OrderDomainEvent, OrderManagerOptions, SubmitResult } from './order-manager-types.js';
import { OrderSubmitter } from './order-submitter.js';
import { PositionExits } from './position-exits.js';
import { syncFromReport, type SyncedFill } from './report-sync.js';

export type { ExitResult } from './order-manager-types.js';

export type OrderManagerStore = Pick<Store, 'orderIntents' | 'orderEvents' | 'fills' | 'breaker' | 'transaction'>;
export type OrderManagerClient = Pick<ExecutionClient, 'submit' | 'cancel' | 'getByClientOrderId'>;

export interface OrderManagerDeps {
  readonly store: OrderManagerStore;
  readonly client: OrderManagerClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly options?: OrderManagerOptions;
}

export class OrderManager {
  readonly #store: OrderManagerStore;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #index: OpenEntryIndex;
  readonly #ledger: OrderLedger;
  readonly #submitter: OrderSubmitter;
  readonly #canceller: OrderCanceller;
  readonly #router: ExecutionRouter;
  readonly #exits: PositionExits;
  readonly #dryRun: boolean;
  readonly #priceDp: number;
  readonly #listeners = new Set<(event: OrderDomainEvent) => void>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: OrderManagerDeps) {
    const o = deps.options ?? {};
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#log = deps.logger.child({ component: 'orders' });
    this.#index = new OpenEntryIndex(deps.store.orderIntents);
    this.#ledger = new OrderLedger(deps.store, deps.clock, (record) => { this.#index.note(record); });
    this.#dryRun = o.dryRun ?? false;
    this.#priceDp = o.priceDp ?? 2;
    this.#submitter = new OrderSubmitter({
      ledger: this.#ledger, client: deps.client, breaker: deps.store.breaker, clock: deps.clock, logger: this.#log,
      lookup: o.lookup ?? { attempts: 3, delayMs: 1000 }, breakerLimit: o.breakerLimit ?? 5,
    });
    this.#canceller = new OrderCanceller(this.#ledger, deps.client, deps.clock, this.#log, (record, fills) => this.#afterFills(record, fills));
    this.#exits = new PositionExits({
      ledger: this.#ledger, index: this.#index, canceller: this.#canceller, log: this.#log, priceDp: this.#priceDp,
      minPartial: Decimal.of(o.minPartialShares ?? 5), emit: (event) => { this.#emit(event); }, place: (command, parent, role, onWritten) => this.#placeChild(command, parent, role, onWritten),
    });
    this.#router = new ExecutionRouter(this.#ledger, deps.store, this.#log, {
      emit: (event) => { this.#emit(event); },
      protect: (entry) => this.#exits.protect(entry),
      entryEnded: (entry) => this.#exits.entryEnded(entry),
      childChanged: (entry) => this.#exits.rebalance(entry),
    });
  }

  /** Subscribes to OrderFilled and other order events; returns the unsubscribe function. */
  subscribe(listener: (event: OrderDomainEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The ledger (reconciliation uses it to force states); not for other callers. */
  get ledger(): OrderLedger {
    return this.#ledger;
  }

  /**
   * Submits an approved entry once: the deterministic client_order_id (role entry) is written PENDING_SUBMIT
   * before the request leaves; an id already stored is never sent again ("duplicate prevented").
   */
  submitEntry(approved: ApprovedOrder): Promise<SubmitResult> {
    return this.#run(async () => {
      const { context: ctx, intent } = approved;
      if (intent.action !== 'enter_long' && intent.action !== 'enter_short') throw new Error(`submitEntry takes enter_long or enter_short, got ${intent.action}`);
      if (!approved.qty.isPositive()) throw new Error(`submitEntry: qty must be > 0, got ${approved.qty.toString()}`);
      const side = intent.action === 'enter_long' ? 'buy' : 'sell';
      const cid = deriveClientOrderId({ strategy: ctx.strategy, symbol: ctx.symbol, timeframe: ctx.timeframe, signalTs: ctx.signalTs, side, role: 'entry' });
      const command = entryCommand(cid, approved, side, this.#priceDp);
      const log = this.#log.withCorrelation(ctx.correlationId);
      if (this.#dryRun) {
        log.info('dry run: order decided, not sent', { client_order_id: cid, symbol: ctx.symbol, side, type: command.type, qty: command.qty.toString(), stop: approved.stop.toString() });
        return { kind: 'dry_run', clientOrderId: cid, command };
      }
      const extra: EntryExtra = {
        timeframe: ctx.timeframe, stop: approved.stop, takeProfit: approved.takeProfit ?? null,
        trailActivationPct: approved.trail?.activationPct ?? null, trailPct: approved.trail?.trailPct ?? null,
        entryType: command.type, expiresAfterCandles: intent.entry?.type === 'stop' ? (intent.entry.expiresAfterCandles ?? null) : null,
        candlesSeen: 0, lastCandleTs: null, exiting: false,
      };
      const inserted = this.#insert(command, { correlationId: ctx.correlationId, strategy: ctx.strategy, role: 'entry', parent: null, signalTs: ctx.signalTs, extra });
      if (inserted.kind === 'duplicate_prevented') return inserted;
      log.info('entry intent written, sending', { client_order_id: cid, symbol: ctx.symbol, side, qty: command.qty.toString() });
      return this.#send(command);
    });
  }

  /** Routes one trade update (wire `client.onExecution((e) => void manager.onExecution(e))`). */
  onExecution(event: ExecutionEvent): Promise<void> {
    return this.#run(() => this.#router.route(event));
  }

  /**
   * Called by the engine once per closed candle of `symbol`: buy-/sell-stop entries with expiresAfterCandles
   * are cancelled once that many candles after the signal have closed unfilled.
   */
  onCandle(symbol: string, candleTs: number): Promise<void> {
    return this.#run(async () => {
      for (const entry of this.#index.active(symbol)) {
        if (isTerminalState(entry.state)) continue;
        const x = decodeExtra(entry);
        if (x.expiresAfterCandles === null || candleTs <= (entry.signalTs ?? -Infinity) || candleTs <= (x.lastCandleTs ?? -Infinity)) continue;
        const seen = x.candlesSeen + 1;
        const updated = this.#ledger.updateExtra(entry.clientOrderId, encodeExtra({ ...x, candlesSeen: seen, lastCandleTs: candleTs }), 'candle_counted', { candle_ts: candleTs, seen });
        if (seen < x.expiresAfterCandles) continue;
        this.#log.info('stop entry expired unfilled: cancelling', { client_order_id: entry.clientOrderId, symbol, candles: seen });
        const after = await this.#canceller.cancelAndConfirm(updated);
        if (isTerminalState(after.state)) await this.#exits.entryEnded(after);
      }
    });
  }

  /**
   * Bot-side take-profit and trailing stop (see ADR in the report): at each price (e.g. a candle close), an
   * entry past its take-profit is exited, and one past its trailing activation has its stop raised.
   */
  onPrice(symbol: string, price: Decimal): Promise<void> {
    return this.#run(() => this.#exits.onPrice(symbol, price));
  }

  /** Moves the stop of every open position in `symbol`; never lowers a long's stop nor raises a short's. */
  moveStop(symbol: string, newStop: Decimal): Promise<{ readonly moved: number; readonly refused: number }> {
    return this.#run(() => this.#exits.moveStop(symbol, newStop));
  }

  /** Exits every position of `symbol`: cancels the entry remainder and its stops (confirmed), then a market exit. */
  exitPosition(symbol: string, reason: string): Promise<ExitResult> {
    return this.#run(() => this.#exits.exitSymbol(symbol, reason));
  }

  /** Exits every open position the bot knows. */
  closeAll(reason: string): Promise<readonly ExitResult[]> {
    return this.#run(async () => {
      const symbols = [...new Set(this.#index.active().map((e) => e.symbol))];
      const results: ExitResult[] = [];
      for (const symbol of symbols) results.push(await this.#exits.exitSymbol(symbol, reason));
      return results;
    });
  }

  /**
   * Cancels open orders and confirms each by status. Default: unfilled/remaining entries only, so positions
   * keep their stops (shutdown); `includeProtective` cancels stops and exits too (leaving positions naked).
   */
  cancelAll(options: { readonly includeProtective?: boolean } = {}): Promise<readonly OrderIntentRecord[]> {
    return this.#run(async () => {
      const done: OrderIntentRecord[] = [];
      for (const order of this.#store.orderIntents.listOpen()) {
        if (order.role !== 'entry' && options.includeProtective !== true) continue;
        if (options.includeProtective === true) this.#leaveUnprotected(order);
        const after = await this.#canceller.cancelAndConfirm(order);
        done.push(after);
        if (order.role === 'entry' && isTerminalState(after.state)) await this.#exits.entryEnded(after);
      }
      return done;
    });
  }

  /**
   * Places (or tops up) the broker-side stop of an entry now (reconciliation, shutdown): for the shares no working
   * stop or exit holds, whatever an interrupted exit left behind; lifts a cancelAll({ includeProtective }) hold.
   */
  ensureProtection(entryCid: ClientOrderId): Promise<readonly SubmitResult[]> {
    return this.#run(async () => {
      const entry = this.#ledger.get(entryCid);
      return entry === undefined ? [] : this.#exits.ensureProtection(entry);
    });
  }

  /**
   * Reconciliation: applies a broker report to a local intent (forcing the state when the table refuses),
   * records the fill gap as an idempotent synthetic fill, emits it and protects the entry.
   */
  applyReport(cid: ClientOrderId, report: OrderReport): Promise<OrderIntentRecord> {
    return this.#run(async () => {
      const synced = syncFromReport(this.#ledger, cid, report, { at: this.#clock.now(), source: 'reconciliation', force: true });
      await this.#afterFills(synced.record, synced.fill ? [synced.fill] : []);
      return this.#ledger.get(cid) ?? synced.record;
    });
  }

  /**
   * Reconciliation: a broker position the bot does not know becomes a FILLED entry of strategy
   * `reconciliation` (deterministic id per symbol and adoption time) with the default stop; returns its id.
   */
  adoptPosition(p: { readonly symbol: string; readonly qty: Decimal; readonly avgEntryPrice: Decimal; readonly stop: Decimal }): Promise<ClientOrderId> {
    return this.#run(() => {
      const now = this.#clock.now();
      const side = p.qty.isPositive() ? 'buy' : 'sell';
      const cid = deriveClientOrderId({ strategy: 'reconciliation', symbol: p.symbol, timeframe: 'adopted', signalTs: now, side, role: 'entry' });
      const extra: EntryExtra = { timeframe: 'adopted', stop: p.stop, takeProfit: null, trailActivationPct: null, trailPct: null, entryType: 'market', expiresAfterCandles: null, candlesSeen: 0, lastCandleTs: null, exiting: false };
      const command: SubmitOrderCommand = { clientOrderId: cid, symbol: p.symbol, side, type: 'market', timeInForce: 'day', qty: p.qty.abs() };
      const inserted = this.#insert(command, { correlationId: `adopt-${p.symbol}-${now}`, strategy: 'reconciliation', role: 'entry', parent: null, signalTs: now, extra });
      if (inserted.kind === 'inserted') {
        this.#ledger.forceState(cid, 'FILLED', 'adopted a broker position unknown to the bot', { filledQty: p.qty.abs(), avgFillPrice: p.avgEntryPrice });
      }
      return Promise.resolve(cid);
    });
  }

  /** Reconciliation: the broker no longer holds `symbol`; the bot's entries for it stop counting as held. */
  closeLocally(symbol: string, reason: string): Promise<readonly ClientOrderId[]> {
    return this.#run(() => {
      const closed: ClientOrderId[] = [];
      for (const entry of this.#index.active(symbol)) {
        if (!isTerminalState(entry.state)) continue;
        this.#ledger.updateExtra(entry.clientOrderId, { ...encodeExtra({ ...decodeExtra(entry), exiting: true }), closed_externally: true }, 'position_closed_externally', { reason });
        closed.push(entry.clientOrderId);
      }
      return Promise.resolve(closed);
    });
  }

  /** Entries that still hold shares (or may: open), optionally for one symbol. */
  activeEntries(symbol?: string): OrderIntentRecord[] {
    return this.#index.active(symbol);
  }

  // ---- internals ----------------------------------------------------------------------------------------

  #run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #emit(event: OrderDomainEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error('order event listener threw', { event: event.type, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  #insert(command: SubmitOrderCommand, m: { correlationId: string; strategy: string; role: OrderRole; parent: ClientOrderId | null; signalTs: number | null; extra: EntryExtra | null }): { kind: 'inserted' } | Extract<SubmitResult, { kind: 'duplicate_prevented' }> {
    const intent: NewOrderIntent = {
      clientOrderId: command.clientOrderId, correlationId: asCorrelationId(m.correlationId), strategy: parseStrategyId(m.strategy),
      symbol: parseTicker(command.symbol), side: command.side, type: command.type, timeInForce: command.timeInForce, qty: command.qty,
      limitPrice: command.limitPrice ?? null, stopPrice: command.stopPrice ?? null, role: m.role, parentClientOrderId: m.parent,
      signalTs: m.signalTs, extra: m.extra === null ? null : encodeExtra(m.extra),
    };
    try {
      this.#ledger.insert(intent);
      return { kind: 'inserted' };
    } catch (error) {
      if (!(error instanceof DuplicateIntentError)) throw error;
      const existing = this.#ledger.get(command.clientOrderId);
      this.#log.warn('duplicate prevented: this client_order_id is already stored and is never sent again', { client_order_id: command.clientOrderId, state: existing?.state });
      return { kind: 'duplicate_prevented', clientOrderId: command.clientOrderId, state: existing?.state ?? 'PENDING_SUBMIT' };
    }
  }

  /** cancelAll with protective orders: the order's entry is left without a stop in this process, on purpose. */
  #leaveUnprotected(order: OrderIntentRecord): void {
    const entry = order.role === 'entry' ? order : order.parentClientOrderId === null ? undefined : this.#ledger.get(order.parentClientOrderId);
    if (entry?.role === 'entry') this.#exits.leaveUnprotected(entry);
  }

  /** The write-ahead path of a child order (stop, exit, close) of `parent`. */
  async #placeChild(command: SubmitOrderCommand, parent: OrderIntentRecord, role: 'stop' | 'exit' | 'close', onWritten: () => void): Promise<SubmitResult> {
    const inserted = this.#insert(command, { correlationId: parent.correlationId, strategy: parent.strategy, role, parent: parent.clientOrderId, signalTs: parent.signalTs, extra: null });
    if (inserted.kind === 'duplicate_prevented') return inserted;
    onWritten();
    return this.#send(command);
  }

  async #send(command: SubmitOrderCommand): Promise<SubmitResult> {
    const { result, fills } = await this.#submitter.send(command);
    if (result.kind === 'rejected' || result.kind === 'submit_failed') {
      if (result.breakerTripped) this.#emit({ type: 'BreakerTripped', reason: result.reason });
    }
    const record = this.#ledger.get(command.clientOrderId);
    if (record !== undefined) await this.#afterFills(record, fills);
    return result;
  }

  /** Emits synthetic fills learned from an adopted report and protects an entry that has any. */
  async #afterFills(record: OrderIntentRecord, fills: readonly SyncedFill[]): Promise<void> {
    for (const f of fills) this.#router.emitFill(record, f.executionId, f.qty, f.price, this.#clock.now(), true);
    if (record.role === 'entry' && record.filledQty.isPositive()) await this.#exits.protect(record);
    if (record.role === 'entry' && isTerminalState(record.state)) await this.#exits.entryEnded(record);
  }
}

function entryCommand(cid: ClientOrderId, a: ApprovedOrder, side: 'buy' | 'sell', dp: number): SubmitOrderCommand {
  const base = { clientOrderId: cid, symbol: a.context.symbol, side, timeInForce: 'day', qty: a.qty } as const;
  const entry = a.intent.entry ?? { type: 'market' as const };
  switch (entry.type) {
    case 'market':
      return { ...base, type: 'market' };
    case 'limit':
      return { ...base, type: 'limit', limitPrice: Decimal.fromNumber(entry.price, dp) };
    case 'stop':
      return { ...base, type: 'stop', stopPrice: Decimal.fromNumber(entry.price, dp) };
  }
}
