// The simulated venue's internal order record: one mutable object per order the venue ever accepted.
// Exists so the matching loop works on plain fields (numeric mirrors of the prices for the per-bar path)
// while everything the wire sees is built from the exact Decimal fields.
// Must never: be handed out to callers (they get wire JSON), or hold a float where money is meant.
import { Decimal } from '../../domain/decimal.js';

export type Side = 'buy' | 'sell';
export type SimOrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type SimTimeInForce = 'day' | 'gtc' | 'ioc' | 'fok' | 'opg' | 'cls';
/** Wire order_class: "" is a simple order. */
export type WireOrderClass = '' | 'bracket' | 'oco' | 'oto';
export type SimOrderStatus =
  | 'accepted'
  | 'new'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'pending_cancel'
  | 'rejected'
  | 'held';

export const ORDER_TYPES: readonly SimOrderType[] = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'];
export const TIME_IN_FORCES: readonly SimTimeInForce[] = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'];
export const SIDES: readonly Side[] = ['buy', 'sell'];

/** Statuses from which an order can still trade or be canceled. */
const OPEN_STATUSES: ReadonlySet<SimOrderStatus> = new Set(['accepted', 'new', 'partially_filled', 'held', 'pending_cancel']);

/** Orders of a bracket/oco/oto share one group; replacing a member swaps the reference here. */
export interface OrderGroup {
  readonly cls: 'bracket' | 'oco' | 'oto';
  /** The entry (bracket/oto); null for oco, whose parent is the take-profit. */
  entry: SimOrder | null;
  takeProfit: SimOrder | null;
  stopLoss: SimOrder | null;
}

export interface SimOrder {
  readonly seq: number;
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly assetId: string;
  readonly side: Side;
  readonly type: SimOrderType;
  tif: SimTimeInForce;
  readonly orderClass: WireOrderClass;
  readonly extendedHours: boolean;
  readonly positionIntent: string | null;
  /** Ordered quantity; null for notional orders. */
  qty: Decimal | null;
  readonly notional: Decimal | null;
  filledQty: Decimal;
  /** Σ price × qty of this order's executions (for the average and for notional orders). */
  filledValue: Decimal;
  limitPrice: Decimal | null;
  stopPrice: Decimal | null;
  trailPrice: Decimal | null;
  trailPercent: Decimal | null;
  /** High-water mark (sell) / low-water mark (buy) of a trailing stop. */
  hwm: Decimal | null;
  /** Numeric mirrors for the per-bar path; NaN when unset. */
  limitNum: number;
  stopNum: number;
  hwmNum: number;
  /** trail_price or trail_percent as a number (whichever is set); NaN otherwise. */
  trailNum: number;
  status: SimOrderStatus;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  filledAt: number | null;
  canceledAt: number | null;
  /** When a client asked to cancel (pending_cancel). */
  cancelRequestedAt: number | null;
  expiredAt: number | null;
  failedAt: number | null;
  replacedAt: number | null;
  replacedBy: string | null;
  replaces: string | null;
  group: OrderGroup | null;
  /** Eligible for matching (in the per-symbol working index). A bracket stop-loss can work while `held`. */
  working: boolean;
  /** The bar sequence number at which the order started working; it matches only on later bars. */
  workingSinceBar: number;
  /** stop_limit whose stop has triggered: it now behaves as a limit order. */
  triggered: boolean;
  /** Queued (status accepted) until this instant; -Infinity when active at once. */
  activateAt: number;
  /** Expires at this instant (day orders: the session close); Infinity when it never expires. */
  expireAt: number;
  /** opg: the target session open; cls: the target session close; NaN otherwise. */
  auctionAt: number;
  /** True when the order opens or increases exposure (it reserves buying power). */
  opening: boolean;
  /** Per-share price the order's buying-power hold is valued at (fixed at admission, as Alpaca does). */
  reserveUnit: Decimal;
  /** Buying power currently held for this order (kept in step by VenueCore.hold). */
  reserved: Decimal;
  /** ioc/fok: the first eligible bar has been seen. */
  sawEligibleBar: boolean;
}

export function isOpenStatus(status: SimOrderStatus): boolean {
  return OPEN_STATUSES.has(status);
}

/** Quantity still to fill; null for notional orders (see {@link remainingNotional}). */
export function remainingQty(order: SimOrder): Decimal | null {
  return order.qty === null ? null : order.qty.minus(order.filledQty);
}

/** Dollar amount still to fill of a notional order. */
export function remainingNotional(order: SimOrder): Decimal {
  return order.notional === null ? Decimal.ZERO : order.notional.minus(order.filledValue);
}

/** The order shown as the parent of its group (entry, or the take-profit of an oco). */
export function groupParent(group: OrderGroup): SimOrder | null {
  return group.cls === 'oco' ? group.takeProfit : group.entry;
}

/** The exit legs of a group as the wire lists them (take-profit first). */
export function groupLegs(group: OrderGroup): SimOrder[] {
  const legs: SimOrder[] = [];
  if (group.cls !== 'oco' && group.takeProfit !== null) legs.push(group.takeProfit);
  if (group.stopLoss !== null) legs.push(group.stopLoss);
  return legs;
}

/** True when the order is a leg (not the parent) of its group. */
export function isLeg(order: SimOrder): boolean {
  return order.group !== null && groupParent(order.group) !== order;
}

/** The other exit of an exit pair (take-profit ↔ stop-loss), if any. */
export function exitSibling(order: SimOrder): SimOrder | null {
  const g = order.group;
  if (g === null || g.entry === order) return null;
  if (g.takeProfit === order) return g.stopLoss;
  if (g.stopLoss === order) return g.takeProfit;
  return null;
}

/** Every order of the group, parent first. */
export function groupMembers(group: OrderGroup): SimOrder[] {
  const parent = groupParent(group);
  const members = parent === null ? [] : [parent];
  for (const leg of groupLegs(group)) members.push(leg);
  return members;
}
