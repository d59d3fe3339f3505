// The one pure mutator of an order's lifecycle (DESIGN §3.5): given an order's snapshot and an event, the
// states it passes through and its new fill totals — or a typed error when SPEC §7's table forbids it.
// Must never: perform I/O, read a clock, or leave a terminal state (a late fill keeps the terminal state).
//
// Real-world edges, decided here and covered by apply-order-event.test.ts:
// - Missed `new`: a fill or partial fill for a SUBMITTED order goes through ACCEPTED implicitly
//   (SUBMITTED → ACCEPTED → PARTIALLY_FILLED), so the table stays exactly SPEC §7's and the event log shows
//   the implied step. Likewise a broker event for a PENDING_SUBMIT order (the stream can beat the REST
//   response) goes through SUBMITTED first.
// - A fill after a cancel/expiry ack (or after SUBMIT_FAILED/REJECTED, i.e. the broker did take it): the
//   shares are real, so the fill is recorded and the totals updated, but the terminal state is kept
//   (`lateFill: true`); the caller logs it and protects the shares.
// - A day order that expires PARTIALLY_FILLED becomes CANCELED (the table has no PARTIALLY_FILLED → EXPIRED):
//   the remainder ended unfilled, which is what CANCELED means for the bot.
// - `submitted`/`accepted` arriving after the order moved on (REST answer slower than the stream), and a
//   repeated cancel/expiry/reject ack, are stale and ignored. A fill with a known execution id is ignored.
import { Decimal } from '../../domain/decimal.js';
import type { OrderState } from '../../domain/order.js';
import { isTerminalState } from '../../domain/order.js';
import { canTransition, OrderTransitionError } from './order-transitions.js';

/** What the machine needs to know about an order. */
export interface OrderSnapshot {
  readonly state: OrderState;
  readonly qty: Decimal;
  readonly filledQty: Decimal;
  readonly avgFillPrice: Decimal | null;
  /** Execution ids already applied (the store's fills table plays this role in the manager). */
  readonly knownExecutionIds?: ReadonlySet<string>;
}

/** Lifecycle events, from the broker (REST outcome or trade update) or from the bot (submit failed). */
export type OrderMachineEvent =
  | { readonly type: 'submitted' }
  | { readonly type: 'accepted' }
  | { readonly type: 'rejected'; readonly reason: string }
  | { readonly type: 'submit_failed'; readonly reason: string }
  | { readonly type: 'fill'; readonly executionId: string; readonly qty: Decimal; readonly price: Decimal; readonly commission?: Decimal }
  | { readonly type: 'canceled' }
  | { readonly type: 'expired' };

export type ApplyResult =
  | { readonly kind: 'ignored'; readonly reason: 'duplicate_execution' | 'stale' }
  | {
      readonly kind: 'applied';
      /** Every state entered, in order (implicit steps included); empty for a late fill. */
      readonly path: readonly OrderState[];
      readonly state: OrderState;
      readonly filledQty: Decimal;
      readonly avgFillPrice: Decimal | null;
      /** A fill recorded on an order already terminal (its state is kept). */
      readonly lateFill: boolean;
    };

const STALE: ApplyResult = { kind: 'ignored', reason: 'stale' };

/**
 * Applies one event to an order snapshot.
 * @throws OrderTransitionError (INVALID_TRANSITION, OVERFILL, INVALID_FILL) when the event is not allowed.
 */
export function applyOrderEvent(order: OrderSnapshot, event: OrderMachineEvent): ApplyResult {
  switch (event.type) {
    case 'submitted':
      return order.state === 'PENDING_SUBMIT' ? moved(order, ['SUBMITTED']) : STALE;
    case 'accepted':
      if (order.state === 'PENDING_SUBMIT') return moved(order, ['SUBMITTED', 'ACCEPTED']);
      return order.state === 'SUBMITTED' ? moved(order, ['ACCEPTED']) : STALE;
    case 'rejected':
      return toTarget(order, 'REJECTED', event.type);
    case 'submit_failed':
      return toTarget(order, 'SUBMIT_FAILED', event.type);
    case 'canceled':
      return toTarget(order, 'CANCELED', event.type);
    case 'expired':
      if (order.state === 'PARTIALLY_FILLED') return moved(order, ['CANCELED']);
      if (order.state === 'CANCELED') return STALE;
      return toTarget(order, 'EXPIRED', event.type);
    case 'fill':
      return applyFill(order, event);
  }
}

function moved(order: OrderSnapshot, path: readonly OrderState[], fills?: { filledQty: Decimal; avgFillPrice: Decimal | null }): ApplyResult {
  const state = path.at(-1) ?? order.state;
  return {
    kind: 'applied',
    path,
    state,
    filledQty: fills?.filledQty ?? order.filledQty,
    avgFillPrice: fills === undefined ? order.avgFillPrice : fills.avgFillPrice,
    lateFill: false,
  };
}

function toTarget(order: OrderSnapshot, target: OrderState, eventType: string): ApplyResult {
  if (order.state === target) return STALE;
  return moved(order, pathTo(order.state, target, eventType));
}

/** The states from `from` to `target`, inserting SUBMITTED / ACCEPTED when the broker skipped them. */
export function pathTo(from: OrderState, target: OrderState, eventType: string): readonly OrderState[] {
  if (canTransition(from, target)) return [target];
  if (from === 'PENDING_SUBMIT') {
    if (canTransition('SUBMITTED', target)) return ['SUBMITTED', target];
    if (canTransition('ACCEPTED', target)) return ['SUBMITTED', 'ACCEPTED', target];
  }
  if (from === 'SUBMITTED' && canTransition('ACCEPTED', target)) return ['ACCEPTED', target];
  throw new OrderTransitionError('INVALID_TRANSITION', from, eventType, `invalid order transition: event "${eventType}" would move ${from} to ${target}, which SPEC §7 does not allow`);
}

function applyFill(order: OrderSnapshot, event: Extract<OrderMachineEvent, { type: 'fill' }>): ApplyResult {
  if (order.knownExecutionIds?.has(event.executionId) === true) return { kind: 'ignored', reason: 'duplicate_execution' };
  if (!event.qty.isPositive() || !event.price.isPositive()) {
    throw new OrderTransitionError('INVALID_FILL', order.state, 'fill', `invalid fill ${event.executionId}: qty ${event.qty.toString()} and price ${event.price.toString()} must both be > 0`);
  }
  const filledQty = order.filledQty.plus(event.qty);
  if (filledQty.gt(order.qty)) {
    throw new OrderTransitionError('OVERFILL', order.state, 'fill', `fill ${event.executionId} of ${event.qty.toString()} would take filled qty to ${filledQty.toString()}, above the order qty ${order.qty.toString()}`);
  }
  const paid = (order.avgFillPrice ?? Decimal.ZERO).times(order.filledQty).plus(event.price.times(event.qty));
  const fills = { filledQty, avgFillPrice: paid.div(filledQty) };
  if (order.state === 'FILLED') {
    throw new OrderTransitionError('INVALID_TRANSITION', order.state, 'fill', `fill ${event.executionId} on an order already FILLED`);
  }
  if (isTerminalState(order.state)) return { ...(moved(order, [], fills) as Extract<ApplyResult, { kind: 'applied' }>), lateFill: true };
  const target: OrderState = filledQty.eq(order.qty) ? 'FILLED' : 'PARTIALLY_FILLED';
  return moved(order, pathTo(order.state, target, 'fill'), fills);
}
