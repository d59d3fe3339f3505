// Persists the order lifecycle: every transition decided by applyOrderEvent is written (state row +
// append-only event, one transaction with its fill) before the caller takes the next action (SPEC §7).
// Must never: change an order's state by any other path than applyOrderEvent, except `forceState`, which only
// reconciliation calls and which writes a `state_forced` event; must never record a fill twice (S5).
// It is the only writer of order intents in core/, so it tells its observer (the OpenEntryIndex) every record it
// committed, and re-reads a record whose write failed (the index must mirror the store, never lead it).
import { Decimal } from '../../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId } from '../../domain/ids.js';
import type { OrderState } from '../../domain/order.js';
import type { Clock } from '../../ports/clock.js';
import type { JsonObject, NewOrderIntent, OrderIntentPatch, OrderIntentRecord, Store } from '../../ports/store.js';
import { IntentNotFoundError } from '../../ports/store.js';
import { applyOrderEvent, type ApplyResult, type OrderMachineEvent } from './apply-order-event.js';

export type LedgerStore = Pick<Store, 'orderIntents' | 'fills' | 'transaction'>;

const EVENT_NAMES: Record<OrderState, string> = {
  PENDING_SUBMIT: 'pending_submit',
  SUBMITTED: 'submitted',
  ACCEPTED: 'accepted',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'canceled',
  EXPIRED: 'expired',
  REJECTED: 'rejected',
  SUBMIT_FAILED: 'submit_failed',
};

/** Where an event came from, written into its payload. */
export interface LedgerEventMeta {
  readonly at: number;
  readonly source: 'rest' | 'stream' | 'lookup' | 'reconciliation' | 'bot';
  readonly detail?: JsonObject;
}

export interface LedgerApplied {
  readonly result: ApplyResult;
  readonly record: OrderIntentRecord;
}

/** The store-backed side of the state machine. */
export class OrderLedger {
  readonly #store: LedgerStore;
  readonly #clock: Clock;
  readonly #committed: (record: OrderIntentRecord) => void;

  /** @param onCommitted called with each intent record once its write is committed (default: nothing). */
  constructor(store: LedgerStore, clock: Clock, onCommitted: (record: OrderIntentRecord) => void = () => undefined) {
    this.#store = store;
    this.#clock = clock;
    this.#committed = onCommitted;
  }

  get(clientOrderId: ClientOrderId): OrderIntentRecord | undefined {
    return this.#store.orderIntents.get(clientOrderId);
  }

  /** The orders attached to `parent` (stops, exits), oldest first, as stored. */
  children(parent: ClientOrderId): OrderIntentRecord[] {
    return this.#store.orderIntents.listChildren(parent);
  }

  /**
   * Writes a new intent (PENDING_SUBMIT unless stated) with its `created` event (SPEC S4 write-ahead).
   * @throws DuplicateIntentError when the client_order_id is already stored (never send it again).
   */
  insert(intent: NewOrderIntent): OrderIntentRecord {
    return this.#write(intent.clientOrderId, () => this.#store.orderIntents.insert(intent), (r) => r);
  }

  /**
   * Applies one lifecycle event and writes each state it passes through (implicit steps included) and the fill,
   * in one transaction. A fill whose execution id is already stored is ignored.
   * @throws OrderTransitionError when SPEC §7 forbids it (nothing is written); IntentNotFoundError.
   */
  apply(clientOrderId: ClientOrderId, event: OrderMachineEvent, meta: LedgerEventMeta): LedgerApplied {
    return this.#write(clientOrderId, () => this.#applyInTransaction(clientOrderId, event, meta), (a) => a.record);
  }

  #applyInTransaction(clientOrderId: ClientOrderId, event: OrderMachineEvent, meta: LedgerEventMeta): LedgerApplied {
    return this.#store.transaction(() => {
      const current = this.#require(clientOrderId);
      const known = event.type === 'fill' && this.#store.fills.has(event.executionId) ? new Set([event.executionId]) : undefined;
      const result = applyOrderEvent({ ...current, knownExecutionIds: known }, event);
      if (result.kind === 'ignored') return { result, record: current };
      let record = current;
      const payload = { source: meta.source, ...(meta.detail ?? {}) };
      const steps: (OrderState | undefined)[] = result.path.length === 0 ? [undefined] : [...result.path];
      steps.forEach((state, i) => {
        const last = i === steps.length - 1;
        const isFillStep = last && event.type === 'fill';
        record = this.#store.orderIntents.updateState(clientOrderId, record.version, {
          ...(state === undefined ? {} : { state }),
          ...(last ? { filledQty: result.filledQty, avgFillPrice: result.avgFillPrice } : {}),
          ...(last && (event.type === 'rejected' || event.type === 'submit_failed') ? { lastError: event.reason } : {}),
          event: {
            type: state === undefined ? 'late_fill' : EVENT_NAMES[state],
            payload: last ? { ...payload, ...eventPayload(event) } : { ...payload, implicit: true },
            brokerEventId: isFillStep ? event.executionId : null,
            ts: meta.at,
          },
        });
      });
      if (event.type === 'fill') this.#recordFill(record, event, meta.at);
      return { result, record };
    });
  }

  /** Links the broker's order id once it is known (the REST answer or the first stream event). */
  linkBrokerId(clientOrderId: ClientOrderId, brokerOrderId: BrokerOrderId, at: number): OrderIntentRecord {
    const current = this.#require(clientOrderId);
    if (current.brokerOrderId === brokerOrderId) return current;
    return this.#update(clientOrderId, current.version, {
      brokerOrderId,
      event: { type: 'broker_id_linked', payload: { broker_order_id: brokerOrderId, previous: current.brokerOrderId }, ts: at },
    });
  }

  /** Replaces the intent's `extra` (protective parameters, candle counters), with an event saying why. */
  updateExtra(clientOrderId: ClientOrderId, extra: JsonObject, eventType: string, payload: JsonObject = {}): OrderIntentRecord {
    const current = this.#require(clientOrderId);
    return this.#update(clientOrderId, current.version, { extra, event: { type: eventType, payload, ts: this.#clock.now() } });
  }

  /** Counts a submission attempt (ambiguous lookups) and remembers the last error. */
  noteAttempt(clientOrderId: ClientOrderId, error: string): OrderIntentRecord {
    const current = this.#require(clientOrderId);
    return this.#update(clientOrderId, current.version, {
      attempts: current.attempts + 1,
      lastError: error,
      event: { type: 'submit_ambiguous', payload: { error }, ts: this.#clock.now() },
    });
  }

  /**
   * Reconciliation only: sets a state the table may not allow (the broker is the truth), writing a
   * `state_forced` event with the reason.
   */
  forceState(clientOrderId: ClientOrderId, state: OrderState, reason: string, fills?: { filledQty: Decimal; avgFillPrice: Decimal | null }): OrderIntentRecord {
    const current = this.#require(clientOrderId);
    return this.#update(clientOrderId, current.version, {
      state,
      ...(fills ?? {}),
      event: { type: 'state_forced', payload: { reason, from: current.state, to: state }, ts: this.#clock.now() },
    });
  }

  #update(clientOrderId: ClientOrderId, version: number, patch: OrderIntentPatch): OrderIntentRecord {
    return this.#write(clientOrderId, () => this.#store.orderIntents.updateState(clientOrderId, version, patch), (r) => r);
  }

  /** Runs one committed write and tells the observer its record; after a failed write, the stored record. */
  #write<T>(clientOrderId: ClientOrderId, fn: () => T, recordOf: (result: T) => OrderIntentRecord): T {
    let result: T;
    try {
      result = fn();
    } catch (error) {
      const stored = this.#store.orderIntents.get(clientOrderId);
      if (stored !== undefined) this.#committed(stored);
      throw error;
    }
    this.#committed(recordOf(result));
    return result;
  }

  #recordFill(record: OrderIntentRecord, event: Extract<OrderMachineEvent, { type: 'fill' }>, at: number): void {
    this.#store.fills.insert({
      executionId: event.executionId,
      clientOrderId: record.clientOrderId,
      brokerOrderId: record.brokerOrderId,
      symbol: record.symbol,
      side: record.side,
      qty: event.qty,
      price: event.price,
      ...(event.commission ? { commission: event.commission } : {}),
      ts: at,
    });
  }

  #require(clientOrderId: ClientOrderId): OrderIntentRecord {
    const record = this.#store.orderIntents.get(clientOrderId);
    if (record === undefined) throw new IntentNotFoundError(clientOrderId);
    return record;
  }
}

function eventPayload(event: OrderMachineEvent): JsonObject {
  switch (event.type) {
    case 'fill':
      return { execution_id: event.executionId, qty: event.qty.toString(), price: event.price.toString() };
    case 'rejected':
    case 'submit_failed':
      return { reason: event.reason };
    default:
      return {};
  }
}

/** The execution id of a fill the bot learned from an order's totals (reconciliation), idempotent by totals. */
export function syntheticExecutionId(brokerOrderId: string, filledQty: Decimal): string {
  return `recon:${brokerOrderId}:${filledQty.toString()}`;
}
