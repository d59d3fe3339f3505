// Trailing-stop arithmetic on exact decimals (PROTOCOL §3.3): stop = hwm − trail_price, or
// hwm × (1 − trail_percent/100), for a sell; mirrored around the low-water mark for a buy.
// Must never: move the mark against the order (a sell's hwm only rises, a buy's only falls).
import { Decimal } from '../../domain/decimal.js';
import { priceDecimal } from '../account/buying-power.js';
import type { SimOrder } from '../orders/order-record.js';
import { maxPriceDp } from '../orders/order-rules.js';

const HUNDRED = Decimal.of(100);

/** The stop price for a mark, rounded to the price increment (2 dp at or above $1, 4 below). */
export function trailingStopPrice(order: SimOrder, mark: Decimal): Decimal {
  const sell = order.side === 'sell';
  let stop: Decimal;
  if (order.trailPrice !== null) stop = sell ? mark.minus(order.trailPrice) : mark.plus(order.trailPrice);
  else {
    const pct = (order.trailPercent ?? Decimal.ZERO).div(HUNDRED);
    stop = mark.times(sell ? Decimal.ONE.minus(pct) : Decimal.ONE.plus(pct));
  }
  return stop.round(maxPriceDp(stop));
}

/** Moves the order's mark to `mark` (if it is more favourable) and recomputes its stop price. */
export function updateTrailingMark(order: SimOrder, mark: number): void {
  const current = order.hwmNum;
  const better = Number.isNaN(current) || (order.side === 'sell' ? mark > current : mark < current);
  if (!better) return;
  order.hwmNum = mark;
  order.hwm = priceDecimal(mark);
  order.stopPrice = trailingStopPrice(order, order.hwm);
  order.stopNum = order.stopPrice.toNumber();
}
