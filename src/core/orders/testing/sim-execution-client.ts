// Test-local ExecutionClient over the in-process SimExchange (the real matching core), so reconciliation and the
// order manager are exercised end to end without sockets. Tests only; the real adapter is adapters/alpaca.
import { Decimal } from '../../../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId } from '../../../domain/ids.js';
import type { BrokerOrderStatus, CancelOutcome, ExecutionEvent, ListOrdersFilter, OrderReport, PositionReport, SubmitOrderCommand, SubmitOutcome } from '../../../ports/execution-client.js';
import type { OrderClass, OrderSide, OrderType, TimeInForce } from '../../../domain/order.js';

type Json = Readonly<Record<string, unknown>>;
/** The slice of SimExchange this client needs (structural, so the test file supplies the venue). */
export interface VenueLike {
  createOrder(body: unknown): { ok: true; value: Json } | { ok: false; error: { status: number; code: number; message: string } };
  getOrderByClientOrderId(cid: string): { ok: true; value: Json } | { ok: false; error: { status: number } };
  cancelOrder(id: string): { ok: boolean };
  listOrders(q: Record<string, string>): { ok: true; value: Json[] } | { ok: false; error: unknown };
  listPositions(): Json[];
  onTradeUpdate(listener: (u: { event: string; order: Json; execution_id?: string; price?: string; qty?: string }) => void): () => void;
}

const dec = (v: unknown): Decimal | null => (typeof v === 'string' && v !== '' ? Decimal.of(v) : null);

export function toReport(o: Json): OrderReport {
  const legs = Array.isArray(o['legs']) ? (o['legs'] as Json[]).map(toReport) : [];
  return {
    brokerOrderId: o['id'] as BrokerOrderId, clientOrderId: o['client_order_id'] as ClientOrderId, symbol: o['symbol'] as string,
    side: o['side'] as OrderSide, type: (o['type'] ?? o['order_type']) as OrderType, timeInForce: o['time_in_force'] as TimeInForce,
    orderClass: ((o['order_class'] as string | undefined) || 'simple') as OrderClass, status: o['status'] as BrokerOrderStatus,
    qty: dec(o['qty']) ?? Decimal.ZERO, filledQty: dec(o['filled_qty']) ?? Decimal.ZERO, filledAvgPrice: dec(o['filled_avg_price']),
    limitPrice: dec(o['limit_price']), stopPrice: dec(o['stop_price']), submittedAt: null, updatedAt: null, legs,
  };
}

export class SimExecutionClient {
  readonly #venue: VenueLike;
  readonly #now: () => number;

  constructor(venue: VenueLike, now: () => number) {
    this.#venue = venue;
    this.#now = now;
  }

  submit(c: SubmitOrderCommand): Promise<SubmitOutcome> {
    const body = {
      symbol: c.symbol, side: c.side, type: c.type, time_in_force: c.timeInForce, qty: c.qty.toString(), client_order_id: c.clientOrderId,
      ...(c.limitPrice ? { limit_price: c.limitPrice.toString() } : {}), ...(c.stopPrice ? { stop_price: c.stopPrice.toString() } : {}),
    };
    const r = this.#venue.createOrder(body);
    if (r.ok) return Promise.resolve({ kind: 'accepted', report: toReport(r.value) });
    if (r.error.code === 40010001) return Promise.resolve({ kind: 'duplicate', message: r.error.message });
    return Promise.resolve({ kind: 'rejected', status: r.error.status, code: r.error.code, message: r.error.message });
  }

  cancel(id: BrokerOrderId): Promise<CancelOutcome> {
    return Promise.resolve(this.#venue.cancelOrder(id).ok ? { kind: 'accepted' } : { kind: 'not_cancelable', message: 'not open' });
  }

  getByClientOrderId(cid: ClientOrderId): Promise<OrderReport | undefined> {
    const r = this.#venue.getOrderByClientOrderId(cid);
    return Promise.resolve(r.ok ? toReport(r.value) : undefined);
  }

  listOrders(f: ListOrdersFilter): Promise<readonly OrderReport[]> {
    const q: Record<string, string> = { status: f.status, nested: String(f.nested ?? false), limit: '500' };
    if (f.after !== undefined) q['after'] = new Date(f.after).toISOString();
    const r = this.#venue.listOrders(q);
    if (!r.ok) throw new Error('listOrders failed');
    return Promise.resolve(r.value.map(toReport));
  }

  getPositions(): Promise<readonly PositionReport[]> {
    return Promise.resolve(this.#venue.listPositions().map((p) => {
      const qty = Decimal.of(p['qty'] as string);
      return { symbol: p['symbol'] as string, qty: p['side'] === 'short' && qty.isPositive() ? qty.neg() : qty, avgEntryPrice: Decimal.of(p['avg_entry_price'] as string), currentPrice: dec(p['current_price']), marketValue: null, unrealizedPl: null };
    }));
  }

  onExecution(listener: (e: ExecutionEvent) => void): () => void {
    return this.#venue.onTradeUpdate((u) => {
      listener({
        event: u.event as ExecutionEvent['event'], at: this.#now(), order: toReport(u.order),
        ...(u.execution_id ? { executionId: u.execution_id } : {}), ...(u.price ? { price: Decimal.of(u.price) } : {}), ...(u.qty ? { qty: Decimal.of(u.qty) } : {}),
      });
    });
  }
}
