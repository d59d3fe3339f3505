// Every status change of a venue order, and the trade_updates event each one emits (PROTOCOL §6):
// activation (accepted → new), fills (partial_fill / fill with execution_id, price, qty, position_qty),
// cancel (pending_cancel → canceled), expiry, rejection, replacement, and the group rules of
// bracket/oco/oto (legs activate on the entry's complete fill; one exit filling cancels or resizes the other;
// canceling one order cancels the group).
// Must never: fill an order that is not open, or change cash/positions other than through the ledger.
import type { AlpacaTradeUpdate } from '../contracts.js';
import type { Decimal } from '../../domain/decimal.js';
import { commissionOf } from '../matching/fill-costs.js';
import { scheduleOrder } from '../matching/order-schedule.js';
import { updateTrailingMark } from '../matching/trailing-stop.js';
import { orderJson, rfc3339 } from './order-json.js';
import { exitSibling, groupMembers, isOpenStatus, remainingQty, type SimOrder } from './order-record.js';
import type { VenueCore } from './venue-core.js';

type Extra = Pick<AlpacaTradeUpdate, 'execution_id' | 'price' | 'qty' | 'position_qty' | 'commission'>;

export class OrderLifecycle {
  readonly #core: VenueCore;
  #nextDue = Number.POSITIVE_INFINITY;

  constructor(core: VenueCore) {
    this.#core = core;
  }

  #emit(event: string, order: SimOrder, extra?: Extra): void {
    if (!this.#core.bus.active) return;
    const update: AlpacaTradeUpdate = { event, timestamp: rfc3339(this.#core.now()), ...extra, order: orderJson(order, true) };
    this.#core.bus.publish(update);
  }

  #touch(order: SimOrder): number {
    const now = this.#core.now();
    order.updatedAt = now;
    return now;
  }

  /** Registers an order's timed events (queued activation, expiry). */
  watch(order: SimOrder): void {
    const due = Math.min(order.status === 'accepted' ? order.activateAt : Number.POSITIVE_INFINITY, order.expireAt);
    if (due < this.#nextDue) this.#nextDue = due;
  }

  /** accepted → new: the order starts working (emits `new`). */
  activate(order: SimOrder): void {
    order.status = 'new';
    this.#touch(order);
    if (order.type === 'trailing_stop') {
      const mark = this.#core.refPrice(order.symbol);
      if (mark !== undefined) updateTrailingMark(order, mark);
    }
    this.#core.book.startWorking(order, this.#core.barSeq);
    this.#emit('new', order);
  }

  /** A working bracket stop-loss shown as `held` is released to the market when it triggers (emits `new`). */
  release(order: SimOrder): void {
    if (order.status !== 'held') return;
    order.status = 'new';
    order.submittedAt ??= this.#touch(order);
    this.#emit('new', order);
  }

  /**
   * Books one execution of `qty` at `price` (slippage already applied) and charges its commission to cash.
   * `complete` ends a notional order whatever its remainder.
   */
  fill(order: SimOrder, qty: Decimal, price: Decimal, complete = false): void {
    const core = this.#core;
    const now = this.#touch(order);
    const commission = commissionOf(order, qty, core.settings);
    const positionQty = core.ledger.applyFill(order.symbol, order.assetId, order.side, qty, price);
    core.ledger.charge(commission);
    core.ledgerChanged();
    order.filledQty = order.filledQty.plus(qty);
    order.filledValue = order.filledValue.plus(qty.times(price));
    const done = complete || (order.qty !== null && order.filledQty.gte(order.qty));
    order.status = done ? 'filled' : 'partially_filled';
    if (done) order.filledAt = now;
    core.book.refresh(order);
    core.hold(order);
    const executionId = core.newId();
    const extra = { execution_id: executionId, price: price.toString(), qty: qty.toString(), position_qty: positionQty.toString() };
    const commissionText = commission.toString();
    core.fills.push({
      execution_id: extra.execution_id,
      price: extra.price,
      qty: extra.qty,
      position_qty: extra.position_qty,
      commission: commissionText,
      order_id: order.id,
      client_order_id: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      timestamp: rfc3339(now),
      at: now,
    });
    // Alpaca's trade update has no commission field: it is added only when this venue charges commission.
    this.#emit(done ? 'fill' : 'partial_fill', order, core.settings.chargesCommission ? { ...extra, commission: commissionText } : extra);
    this.#afterFill(order, done);
  }

  #afterFill(order: SimOrder, done: boolean): void {
    const group = order.group;
    if (group === null) return;
    if (group.entry === order) {
      if (done) for (const leg of groupMembers(group)) if (leg !== order && leg.status === 'held') this.#activateLeg(leg);
      return;
    }
    const sibling = exitSibling(order);
    if (sibling === null || !isOpenStatus(sibling.status)) return;
    if (done) this.#finish(sibling, 'canceled');
    else sibling.qty = sibling.filledQty.plus(remainingQty(order) ?? sibling.filledQty);
  }

  /** A leg becomes live after its entry filled: take-profits (and oto legs) go `new`; a bracket stop-loss keeps `held` but works. */
  #activateLeg(leg: SimOrder): void {
    const now = this.#touch(leg);
    leg.submittedAt = now;
    scheduleOrder(this.#core.hours, leg, now);
    leg.activateAt = Number.NEGATIVE_INFINITY;
    this.watch(leg);
    const group = leg.group;
    if (group?.cls === 'bracket' && group.stopLoss === leg) this.#core.book.startWorking(leg, this.#core.barSeq);
    else this.activate(leg);
  }

  #finish(order: SimOrder, status: 'canceled' | 'expired'): void {
    const now = this.#touch(order);
    order.status = status;
    if (status === 'canceled') order.canceledAt = now;
    else order.expiredAt = now;
    this.#core.book.refresh(order);
    this.#core.hold(order);
    this.#emit(status, order);
  }

  /** Cancels an order and the rest of its group. `requested` (a client cancel) emits `pending_cancel` first. */
  cancel(order: SimOrder, requested: boolean): void {
    if (requested) {
      order.status = 'pending_cancel';
      order.cancelRequestedAt = this.#touch(order);
      this.#emit('pending_cancel', order);
    }
    this.#finish(order, 'canceled');
    if (order.group === null) return;
    for (const member of groupMembers(order.group)) if (isOpenStatus(member.status)) this.#finish(member, 'canceled');
  }

  /** Expires an order (day orders at the close); legs that never activated are canceled with it. */
  expire(order: SimOrder): void {
    this.#finish(order, 'expired');
    if (order.group === null) return;
    for (const member of groupMembers(order.group)) {
      if (member.status === 'held' && !member.working) this.#finish(member, 'canceled');
    }
  }

  /** An accepted order the venue refuses after all (fault injection): status rejected, event `rejected`. */
  reject(order: SimOrder): void {
    const now = this.#touch(order);
    order.status = 'rejected';
    order.failedAt = now;
    this.#core.book.refresh(order);
    this.#core.hold(order);
    this.#emit('rejected', order);
  }

  /** `old` becomes `replaced` by `next` (already built and stored): emits `replaced`, then `new` for `next`. */
  replace(old: SimOrder, next: SimOrder): void {
    const now = this.#touch(old);
    const wasHeld = old.status === 'held';
    const wasWorking = old.working;
    old.status = 'replaced';
    old.replacedAt = now;
    old.replacedBy = next.id;
    this.#core.book.refresh(old);
    this.#core.hold(old);
    this.#core.hold(next);
    const group = old.group;
    if (group !== null) {
      if (group.takeProfit === old) group.takeProfit = next;
      if (group.stopLoss === old) group.stopLoss = next;
      if (group.entry === old) {
        group.entry = next;
        // exits not yet live follow the entry's new size: what was filled before plus the replacement's qty
        const total = next.qty?.plus(old.filledQty);
        for (const leg of groupMembers(group)) if (leg !== next && leg.status === 'held' && !leg.working && total !== undefined) leg.qty = total;
      }
    }
    this.#emit('replaced', old);
    this.watch(next);
    if (!wasHeld) this.activate(next);
    else if (wasWorking) this.#core.book.startWorking(next, this.#core.barSeq);
  }

  /** Clock-driven events up to `t`: queued orders activate, day orders expire. Cheap when nothing is due. */
  processTime(t: number): void {
    if (t < this.#nextDue) return;
    let next = Number.POSITIVE_INFINITY;
    for (const order of this.#core.book.openOrders()) {
      if (order.status === 'accepted' && order.activateAt <= t) this.activate(order);
      if (isOpenStatus(order.status) && order.expireAt <= t) this.expire(order);
      if (!isOpenStatus(order.status)) continue;
      if (order.status === 'accepted') next = Math.min(next, order.activateAt);
      next = Math.min(next, order.expireAt);
    }
    this.#nextDue = next;
  }
}
