// The account-side admission of a new order (PROTOCOL §3.3, §9): exits may not sell more than the
// position minus what other open exits already hold (403 "insufficient qty available"), a position is
// never flipped by one order, shorts need shorting enabled and a shortable whole-share order, and
// anything that opens exposure must fit in buying power (403 40310000 "insufficient buying power").
// Must never: admit an opening order without valuing it, or mutate anything.
import type { ApiError } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import { forbidden, ruleViolation } from '../orders/api-errors.js';
import type { SimOrder } from '../orders/order-record.js';
import type { VenueCore } from '../orders/venue-core.js';
import type { SimAsset } from './asset-registry.js';
import { heldForOrders, orderCost, priceDecimal } from './buying-power.js';

/** Shares an order asks for (notional orders: estimated at the reference price). */
function requestedQty(order: SimOrder, ref: number | undefined): Decimal | undefined {
  if (order.qty !== null) return order.qty;
  if (order.notional === null || ref === undefined) return undefined;
  return order.notional.div(priceDecimal(ref));
}

function insufficientQty(core: VenueCore, order: SimOrder, position: Decimal): ApiError | undefined {
  const { held, related } = heldForOrders(core.book.openOf(order.symbol), order.side);
  const available = Decimal.max(position.abs().minus(held), Decimal.ZERO);
  const requested = requestedQty(order, core.refPrice(order.symbol));
  if (requested === undefined || requested.lte(available)) return undefined;
  return forbidden(`insufficient qty available for order (requested: ${requested.toString()}, available: ${available.toString()})`, {
    symbol: order.symbol,
    existing_qty: position.abs().toString(),
    held_for_orders: held.toString(),
    related_orders: related,
  });
}

function shortRules(core: VenueCore, order: SimOrder, asset: SimAsset): ApiError | undefined {
  if (!core.settings.shortingEnabled) return forbidden(`account is not allowed to short (order would sell ${order.symbol} short)`);
  if (!asset.shortable) return forbidden(`asset ${order.symbol} is not shortable`);
  if (order.qty === null || !order.qty.isInteger()) return forbidden('fractional orders cannot be sold short');
  return undefined;
}

function buyingPowerRule(core: VenueCore, order: SimOrder): ApiError | undefined {
  const ref = core.refPrice(order.symbol);
  if (ref === undefined && order.limitPrice === null && order.stopPrice === null && order.notional === null) {
    return ruleViolation(`no market price for ${order.symbol} yet: a ${order.type} order cannot be valued; wait for the first bar or send a limit order`);
  }
  const cost = orderCost(order, ref);
  return cost.gt(core.buyingPower()) ? forbidden('insufficient buying power') : undefined;
}

/**
 * Admits `order` against the account. Returns whether it opens exposure (and so reserves buying power),
 * or the 403/422 error Alpaca would answer.
 * @param mustReduce oco orders are exits only: they must reduce an existing position
 */
export function checkAccount(core: VenueCore, order: SimOrder, asset: SimAsset, mustReduce: boolean): { opening: boolean } | ApiError {
  const position = core.ledger.qtyOf(order.symbol);
  const reducing = order.side === 'sell' ? position.isPositive() : position.isNegative();
  if (reducing || mustReduce) {
    const error = insufficientQty(core, order, reducing ? position : Decimal.ZERO);
    return error ?? { opening: false };
  }
  const error = (order.side === 'sell' ? shortRules(core, order, asset) : undefined) ?? buyingPowerRule(core, order);
  return error ?? { opening: true };
}
