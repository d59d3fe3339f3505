// DELETE /v2/positions/{symbol} for the simulated venue (PROTOCOL §3.2): turns "close all / qty / percentage"
// into the body of the liquidating market order, which then goes through normal order intake (so shares
// held by open exit orders are refused with 403 as Alpaca does).
// Must never: accept qty and percentage together, or close more than the position.
import type { ApiError, ClosePositionQuery } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import { forbidden, invalidRequest, isApiError, notFound } from '../orders/api-errors.js';
import { readPositive } from '../orders/field-readers.js';
import type { VenueCore } from '../orders/venue-core.js';

const QTY_DP = 9;
const HUNDRED = Decimal.of(100);

/** The create-order body that closes (part of) a position, or Alpaca's error. */
export function closePositionBody(core: VenueCore, symbolOrAssetId: string, query: ClosePositionQuery): Record<string, unknown> | ApiError {
  const hasQty = query.qty !== undefined && query.qty !== '';
  const hasPct = query.percentage !== undefined && query.percentage !== '';
  if (hasQty && hasPct) return invalidRequest('qty and percentage are mutually exclusive: send only one');
  const asset = core.assets.get(symbolOrAssetId);
  const position = asset === undefined ? undefined : core.ledger.position(asset.symbol);
  if (position === undefined) return notFound(`position not found: ${symbolOrAssetId}`);
  const held = position.qty.abs();
  const qty = hasQty ? readPositive({ qty: query.qty }, 'qty', 'qty', QTY_DP) : hasPct ? percentageQty(query.percentage, held) : held;
  if (isApiError(qty) || qty === undefined) return qty ?? invalidRequest('qty is required');
  if (qty.gt(held)) {
    return forbidden(`insufficient qty available for order (requested: ${qty.toString()}, available: ${held.toString()})`, { symbol: position.symbol });
  }
  return { symbol: position.symbol, qty: qty.toString(), side: position.qty.isNegative() ? 'buy' : 'sell', type: 'market', time_in_force: 'day' };
}

function percentageQty(raw: string | undefined, held: Decimal): Decimal | ApiError {
  const pct = readPositive({ percentage: raw }, 'percentage', 'percentage', QTY_DP);
  if (isApiError(pct) || pct === undefined) return pct ?? invalidRequest('percentage is required');
  if (pct.gt(HUNDRED)) return invalidRequest(`percentage must be between 0 and 100, got ${pct.toString()}`);
  const qty = held.times(pct).div(HUNDRED).floor(QTY_DP);
  return qty.isPositive() ? qty : invalidRequest(`percentage ${pct.toString()} of ${held.toString()} shares is less than the smallest tradable qty`);
}
