// Exact "how many units fit in a budget" for sizing and caps. Exists because Decimal division keeps 12 places
// rounded half-even, which can round a quotient up across a whole number; sizing must never exceed a budget.
// Must never: return a quantity whose cost exceeds the budget, or a negative quantity.
import { Decimal } from '../../domain/decimal.js';

/** Decimal places of a quantity: 0 for whole shares, this many for fractional shares. */
export const FRACTIONAL_QTY_DP = 4;

/**
 * The largest multiple of 10^-dp whose cost (qty × unitCost) stays within `budget`; zero when the budget or
 * the unit cost is not positive.
 */
export function maxQtyWithin(budget: Decimal, unitCost: Decimal, dp: number): Decimal {
  if (!budget.isPositive() || !unitCost.isPositive()) return Decimal.ZERO;
  const step = dp === 0 ? Decimal.ONE : Decimal.ONE.div(Decimal.of(10 ** dp));
  let qty = budget.div(unitCost).floor(dp);
  while (qty.isPositive() && qty.times(unitCost).gt(budget)) qty = qty.minus(step);
  return Decimal.max(qty, Decimal.ZERO);
}

/** Floors a quantity to `dp` places, never below zero. */
export function floorQty(qty: Decimal, dp: number): Decimal {
  return Decimal.max(qty.floor(dp), Decimal.ZERO);
}
