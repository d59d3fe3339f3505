// Price increments accepted by US equity venues (Reg NMS sub-penny rule, as Alpaca enforces it): whole cents
// at or above $1, four decimal places below. Must never: round a protective price away from safety — callers
// say which way to round.
import { Decimal } from '../../domain/decimal.js';

export type TickRounding = 'down' | 'up' | 'nearest';

/** Decimal places allowed for `price`: 2 at or above $1, 4 below. */
export function tickDecimals(price: Decimal): 2 | 4 {
  return price.gte(1) ? 2 : 4;
}

/** The tick at `price`: 0.01 at or above $1, 0.0001 below. */
export function tickSize(price: Decimal): Decimal {
  return tickDecimals(price) === 2 ? Decimal.of('0.01') : Decimal.of('0.0001');
}

function roundUp(value: Decimal, dp: number): Decimal {
  const down = value.floor(dp);
  if (down.eq(value)) return down;
  const step = Decimal.ONE.div(Decimal.of(10 ** dp));
  return value.isNegative() ? down : down.plus(step);
}

/** Rounds a positive price to its tick, down (toward zero), up, or half-even. */
export function roundToTick(price: Decimal, mode: TickRounding): Decimal {
  const dp = tickDecimals(price);
  if (mode === 'nearest') return price.round(dp);
  if (mode === 'down') return price.floor(dp);
  const up = roundUp(price, dp);
  // Rounding up across $1 (0.99995 → 1.0000) lands on a valid cent price; keep it canonical.
  return up.decimalPlaces() > tickDecimals(up) ? up.floor(tickDecimals(up)) : up;
}
