// The venue's margin model (documented in docs of SimExchange): Reg-T style buying power with the account
// multiplier, reservations for open orders, and the shares already promised to open exit orders.
//   equity         = cash + long market value + short market value (short value is negative)
//   initial margin = (long value + |short value|) / multiplier
//   buying power   = max(0, (equity − initial margin) × multiplier − reserved by open opening orders)
//   an order's cost = remaining qty × (limit | stop × 1.03 | last × 1.03); shorts use max(limit, last × 1.03)
// Must never: let an order that opens exposure skip the reservation, or count one exit pair twice.
import { Decimal } from '../../domain/decimal.js';
import { exitSibling, isOpenStatus, remainingNotional, remainingQty, type Side, type SimOrder } from '../orders/order-record.js';
import type { Ledger } from './ledger.js';

/** Market and stop orders are valued 3 % through the reference price (Alpaca uses 2.5–4 %). */
export const MARKET_BUFFER = Decimal.of('1.03');

export interface Valuation {
  readonly cash: Decimal;
  readonly longValue: Decimal;
  /** Negative (or zero). */
  readonly shortValue: Decimal;
  readonly equity: Decimal;
}

/** Decimal mark of a float price (bars carry at most 4 decimals). */
export function priceDecimal(price: number): Decimal {
  return Decimal.fromNumber(price, 4);
}

/** Values the account at the last prices (positions without a price are valued at cost). */
export function valuate(ledger: Ledger, lastPrice: (symbol: string) => number | undefined): Valuation {
  let longValue = Decimal.ZERO;
  let shortValue = Decimal.ZERO;
  for (const pos of ledger.positions()) {
    const last = lastPrice(pos.symbol);
    const value = last === undefined ? pos.costBasis : pos.qty.times(priceDecimal(last));
    if (pos.qty.isNegative()) shortValue = shortValue.plus(value);
    else longValue = longValue.plus(value);
  }
  const cash = ledger.cash;
  return { cash, longValue, shortValue, equity: cash.plus(longValue).plus(shortValue) };
}

/** Initial margin of the positions for a multiplier. */
export function initialMargin(v: Valuation, multiplier: Decimal): Decimal {
  return v.longValue.plus(v.shortValue.abs()).div(multiplier);
}

/** Buying power after reservations, never negative. */
export function buyingPower(v: Valuation, multiplier: Decimal, reserved: Decimal): Decimal {
  const raw = v.equity.minus(initialMargin(v, multiplier)).times(multiplier).minus(reserved);
  return raw.isNegative() ? Decimal.ZERO : raw;
}

/** Per-share price an order is valued at for buying power. */
export function unitCost(order: SimOrder, ref: number | undefined): Decimal {
  const refBuffered = ref === undefined ? undefined : priceDecimal(ref).times(MARKET_BUFFER);
  const own = order.limitPrice ?? order.stopPrice?.times(MARKET_BUFFER);
  if (order.side === 'buy') return own ?? refBuffered ?? Decimal.ZERO;
  if (own === undefined) return refBuffered ?? Decimal.ZERO;
  return refBuffered === undefined ? own : Decimal.max(own, refBuffered);
}

/** Buying power an order needs for what is left of it. */
export function orderCost(order: SimOrder, ref: number | undefined): Decimal {
  const rest = remainingQty(order);
  if (rest === null) return remainingNotional(order);
  return rest.times(unitCost(order, ref));
}

/** Buying power an order holds now: what is left of it at its admission unit cost; 0 once closed or for exits. */
export function reservationOf(order: SimOrder): Decimal {
  if (!order.opening || !isOpenStatus(order.status)) return Decimal.ZERO;
  const rest = remainingQty(order);
  return rest === null ? remainingNotional(order) : rest.times(order.reserveUnit);
}

/** Shares of `symbol` promised to open orders on `side` that reduce the position, and those orders' ids. */
export function heldForOrders(orders: Iterable<SimOrder>, side: Side): { held: Decimal; related: string[] } {
  let held = Decimal.ZERO;
  const related: string[] = [];
  const counted = new Set<SimOrder>();
  for (const order of orders) {
    if (order.side !== side || order.opening || !isOpenStatus(order.status)) continue;
    if (order.status === 'held' && !order.working) continue;
    const rest = remainingQty(order) ?? Decimal.ZERO;
    related.push(order.id);
    const sibling = exitSibling(order);
    if (sibling !== null && counted.has(sibling)) {
      const other = remainingQty(sibling) ?? Decimal.ZERO;
      if (rest.gt(other)) held = held.plus(rest.minus(other));
    } else held = held.plus(rest);
    counted.add(order);
  }
  return { held, related };
}
