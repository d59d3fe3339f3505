// Routes trade updates into the state machine: maps the broker's event to a lifecycle event, records fills
// idempotently (by execution id, and by the order's cumulative filled qty so a fill already learned from a
// report is not counted twice), emits OrderFilled, and asks for protection / remainder handling.
// Must never: throw into the stream (errors are logged and written as `invalid_transition` events), or
// count a fill whose execution id is already stored.
import { Decimal } from '../../domain/decimal.js';
import { isTerminalState } from '../../domain/order.js';
import type { ExecutionEvent } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderIntentRecord, Store } from '../../ports/store.js';
import type { OrderMachineEvent } from './apply-order-event.js';
import type { OrderLedger } from './order-ledger.js';
import type { OrderDomainEvent } from './order-manager-types.js';
import { OrderTransitionError } from './order-transitions.js';
import { syncFromReport } from './report-sync.js';

export interface RouterHooks {
  readonly emit: (event: OrderDomainEvent) => void;
  readonly protect: (entry: OrderIntentRecord) => Promise<unknown>;
  readonly entryEnded: (entry: OrderIntentRecord) => Promise<void>;
  /** One of the entry's child orders filled or ended unfilled: trim an over-cover, restore a missing one. */
  readonly childChanged: (entry: OrderIntentRecord) => Promise<void>;
}

export class ExecutionRouter {
  readonly #ledger: OrderLedger;
  readonly #store: Pick<Store, 'orderIntents' | 'orderEvents' | 'fills' | 'breaker'>;
  readonly #log: Logger;
  readonly #hooks: RouterHooks;

  constructor(ledger: OrderLedger, store: Pick<Store, 'orderIntents' | 'orderEvents' | 'fills' | 'breaker'>, log: Logger, hooks: RouterHooks) {
    this.#ledger = ledger;
    this.#store = store;
    this.#log = log;
    this.#hooks = hooks;
  }

  async route(e: ExecutionEvent): Promise<void> {
    const known = this.#ledger.get(e.order.clientOrderId) ?? this.#store.orderIntents.findByBrokerOrderId(e.order.brokerOrderId);
    if (known === undefined) {
      this.#log.warn('trade update for an order the bot does not know (reconciliation adopts it)', { client_order_id: e.order.clientOrderId, event: e.event, symbol: e.order.symbol });
      return;
    }
    const cid = known.clientOrderId;
    try {
      this.#ledger.linkBrokerId(cid, e.order.brokerOrderId, e.at);
      const before = this.#ledger.get(cid) ?? known;
      const after = (e.event === 'fill' || e.event === 'partial_fill') ? this.#fill(before, e) : this.#status(before, e);
      if (after === undefined) return;
      if (after.role === 'entry' && after.filledQty.isPositive()) await this.#hooks.protect(after);
      if (after.role === 'entry' && isTerminalState(after.state) && !isTerminalState(before.state)) await this.#hooks.entryEnded(after);
      const endedUnfilled = isTerminalState(after.state) && after.state !== 'FILLED';
      if (after.role !== 'entry' && after.parentClientOrderId !== null && (endedUnfilled || after.filledQty.gt(before.filledQty))) {
        // A stop cancelled or an exit rejected elsewhere: restore cover; an exit that filled late: trim the stops.
        const parent = this.#ledger.get(after.parentClientOrderId);
        if (parent !== undefined) await this.#hooks.childChanged(parent);
      }
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      this.#log.error('trade update could not be applied; reconciliation will resolve it', { client_order_id: cid, event: e.event, error: msg });
      if (error instanceof OrderTransitionError) this.#store.orderEvents.append({ clientOrderId: cid, type: 'invalid_transition', payload: { event: e.event, error: msg }, ts: e.at });
    }
  }

  /** Emits OrderFilled for a recorded fill. */
  emitFill(record: OrderIntentRecord, executionId: string, qty: Decimal, price: Decimal, at: number, synthetic: boolean, commission: Decimal = Decimal.ZERO): void {
    this.#hooks.emit({
      type: 'OrderFilled', clientOrderId: record.clientOrderId, symbol: record.symbol, side: record.side, qty, price, executionId, at,
      role: record.role, strategy: record.strategy, parentClientOrderId: record.parentClientOrderId, synthetic, commission,
    });
  }

  #fill(before: OrderIntentRecord, e: ExecutionEvent): OrderIntentRecord | undefined {
    if (e.executionId === undefined || e.qty === undefined || e.price === undefined) {
      const synced = syncFromReport(this.#ledger, before.clientOrderId, e.order, { at: e.at, source: 'stream' });
      if (synced.fill) this.emitFill(synced.record, synced.fill.executionId, synced.fill.qty, synced.fill.price, e.at, true);
      return synced.record;
    }
    if (this.#store.fills.has(e.executionId)) return undefined;
    // The order's cumulative total says how much of this execution we have not counted yet (a report sync may
    // have recorded it as a synthetic fill already).
    const gap = e.order.filledQty.minus(before.filledQty);
    if (!gap.isPositive()) {
      this.#log.info('fill already accounted for by a reconciled total; not counted again', { client_order_id: before.clientOrderId, execution_id: e.executionId });
      return undefined;
    }
    const qty = Decimal.min(e.qty, gap);
    const event: OrderMachineEvent = { type: 'fill', executionId: e.executionId, qty, price: e.price, ...(e.commission ? { commission: e.commission } : {}) };
    const applied = this.#ledger.apply(before.clientOrderId, event, { at: e.at, source: 'stream' });
    if (applied.result.kind !== 'applied') return undefined;
    if (applied.result.lateFill) this.#log.error('fill on an order already terminal: recorded, shares protected', { client_order_id: before.clientOrderId, state: before.state, execution_id: e.executionId });
    this.emitFill(applied.record, e.executionId, qty, e.price, e.at, false, e.commission);
    return applied.record;
  }

  #status(before: OrderIntentRecord, e: ExecutionEvent): OrderIntentRecord | undefined {
    const event = statusEvent(e);
    if (event === undefined) return undefined;
    const applied = this.#ledger.apply(before.clientOrderId, event, { at: e.at, source: 'stream', detail: { broker_status: e.order.status } });
    if (event.type === 'rejected' && applied.result.kind === 'applied') {
      const change = this.#store.breaker.recordOrderFailure(`${before.clientOrderId}: rejected on the stream`);
      if (change.trippedNow) this.#hooks.emit({ type: 'BreakerTripped', reason: change.state.reason ?? 'order failures' });
    }
    return applied.record;
  }
}

function statusEvent(e: ExecutionEvent): OrderMachineEvent | undefined {
  switch (e.event) {
    case 'pending_new':
      return { type: 'submitted' };
    case 'new':
    case 'accepted':
      return { type: 'accepted' };
    case 'canceled':
    case 'replaced':
      return { type: 'canceled' };
    case 'expired':
      return { type: 'expired' };
    case 'rejected':
      return { type: 'rejected', reason: 'rejected by the broker (trade update)' };
    default:
      return undefined;
  }
}


