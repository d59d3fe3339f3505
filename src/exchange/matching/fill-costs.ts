// The costs of one execution beyond the matched price (issue #6): per-share slippage, always against the taker,
// and commission per share and per order. Exists apart from the matcher so every fill path (intrabar, auction,
// fill-on-submit) prices and charges the same way.
// Must never: move a fill past its order's limit price, produce a non-positive price, or round money.
import { Decimal } from '../../domain/decimal.js';
import type { SimOrder } from '../orders/order-record.js';
import type { VenueSettings } from '../orders/venue-core.js';

/** The smallest price the venue quotes (4 decimals, sub-dollar tick): a slipped sell never goes below it. */
const MIN_PRICE = Decimal.of('0.0001');

/**
 * `price` moved against the taker by the venue's slippage: a buy pays more, a sell receives less. An order
 * with a limit price (limit, stop_limit, limit legs, limit auctions) is never moved past its limit: a limit
 * guarantees its price. Market, stop and trailing-stop orders (and market auctions) take the full slippage.
 */
export function slippedPrice(order: SimOrder, price: Decimal, slippage: Decimal): Decimal {
  if (slippage.isZero()) return price;
  const limit = order.limitPrice;
  if (order.side === 'buy') {
    const worse = price.plus(slippage);
    return limit === null || worse.lte(limit) ? worse : Decimal.max(limit, price);
  }
  const worse = Decimal.max(price.minus(slippage), Decimal.min(MIN_PRICE, price));
  return limit === null || worse.gte(limit) ? worse : Decimal.min(limit, price);
}

/** Commission of one execution of `qty`: per share × qty, plus the per-order fee when it is the order's first. */
export function commissionOf(order: SimOrder, qty: Decimal, settings: VenueSettings): Decimal {
  if (!settings.chargesCommission) return Decimal.ZERO;
  const perShare = settings.commissionPerShare.isZero() ? Decimal.ZERO : settings.commissionPerShare.times(qty);
  return order.filledQty.isZero() ? perShare.plus(settings.commissionPerOrder) : perShare;
}
