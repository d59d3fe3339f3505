// Test double of the ExecutionClient slice the order manager uses: a scripted broker that asserts the
// write-ahead rule (the intent must be stored PENDING_SUBMIT before submit is called). Tests only.
import { Decimal } from '../../../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId } from '../../../domain/ids.js';
import type { CancelOutcome, ExecutionEvent, OrderReport, SubmitOrderCommand, SubmitOutcome } from '../../../ports/execution-client.js';
import type { Store } from '../../../ports/store.js';

export type Script = 'accept' | 'reject' | 'ambiguous_landed' | 'ambiguous_lost' | 'duplicate' | 'throw';

export class FakeBroker {
  readonly orders = new Map<string, OrderReport>();
  readonly submits: SubmitOrderCommand[] = [];
  readonly script: Script[] = [];
  readonly cancels: string[] = [];
  #seq = 0;
  #exec = 0;

  constructor(private readonly store: Pick<Store, 'orderIntents'>) {}

  submit(cmd: SubmitOrderCommand): Promise<SubmitOutcome> {
    const stored = this.store.orderIntents.get(cmd.clientOrderId);
    if (stored?.state !== 'PENDING_SUBMIT') throw new Error(`write-ahead violated: ${cmd.clientOrderId} is ${stored?.state ?? 'not stored'}`);
    this.submits.push(cmd);
    const step = this.script.shift() ?? 'accept';
    switch (step) {
      case 'reject':
        return Promise.resolve({ kind: 'rejected', status: 403, code: 40310000, message: 'insufficient buying power' });
      case 'ambiguous_lost':
        return Promise.resolve({ kind: 'ambiguous', message: 'timeout' });
      case 'throw':
        return Promise.reject(new Error('socket hang up'));
      case 'ambiguous_landed':
        this.#create(cmd);
        return Promise.resolve({ kind: 'ambiguous', message: '503' });
      case 'duplicate':
        this.#create(cmd);
        return Promise.resolve({ kind: 'duplicate', message: 'client_order_id must be unique' });
      case 'accept':
        return Promise.resolve({ kind: 'accepted', report: this.#create(cmd) });
    }
  }

  cancel(id: BrokerOrderId): Promise<CancelOutcome> {
    this.cancels.push(id);
    for (const [cid, o] of this.orders) {
      if (o.brokerOrderId !== id) continue;
      if (o.status === 'filled' || o.status === 'canceled') return Promise.resolve({ kind: 'not_cancelable', message: o.status });
      this.orders.set(cid, { ...o, status: 'canceled' });
      return Promise.resolve({ kind: 'accepted' });
    }
    return Promise.resolve({ kind: 'not_found' });
  }

  getByClientOrderId(cid: ClientOrderId): Promise<OrderReport | undefined> {
    return Promise.resolve(this.orders.get(cid));
  }

  /** Fills `qty` of an order at `price`; returns the trade update to feed the manager. */
  fill(cid: string, qty: string, price: string, at = 1_000): ExecutionEvent {
    const o = this.orders.get(cid);
    if (o === undefined) throw new Error(`no order ${cid}`);
    const filled = o.filledQty.plus(qty);
    const avg = (o.filledAvgPrice ?? Decimal.ZERO).times(o.filledQty).plus(Decimal.of(price).times(qty)).div(filled);
    const next: OrderReport = { ...o, filledQty: filled, filledAvgPrice: avg, status: filled.eq(o.qty) ? 'filled' : 'partially_filled' };
    this.orders.set(cid, next);
    return { event: filled.eq(o.qty) ? 'fill' : 'partial_fill', at, order: next, executionId: `x${++this.#exec}`, qty: Decimal.of(qty), price: Decimal.of(price) };
  }

  /** Cancels (broker side) and returns the trade update. */
  cancelled(cid: string, at = 2_000): ExecutionEvent {
    const o = this.orders.get(cid);
    if (o === undefined) throw new Error(`no order ${cid}`);
    const next: OrderReport = { ...o, status: 'canceled' };
    this.orders.set(cid, next);
    return { event: 'canceled', at, order: next };
  }

  open(): OrderReport[] {
    return [...this.orders.values()].filter((o) => !['filled', 'canceled', 'expired', 'rejected'].includes(o.status));
  }

  #create(cmd: SubmitOrderCommand): OrderReport {
    const report: OrderReport = {
      brokerOrderId: `b-${++this.#seq}` as BrokerOrderId, clientOrderId: cmd.clientOrderId, symbol: cmd.symbol, side: cmd.side, type: cmd.type,
      timeInForce: cmd.timeInForce, orderClass: 'simple', status: 'new', qty: cmd.qty, filledQty: Decimal.ZERO, filledAvgPrice: null,
      limitPrice: cmd.limitPrice ?? null, stopPrice: cmd.stopPrice ?? null, submittedAt: 0, updatedAt: 0, legs: [],
    };
    this.orders.set(cmd.clientOrderId, report);
    return report;
  }
}
