// Cap (SPEC §6): the position's value — what the symbol already holds (position + working entries) plus this
// order — must not exceed equity × max_position_pct. The sizing step reduces the quantity to fit; this rule
// denies when not even one unit fits. Must never: ignore existing exposure in the symbol.
import type { Decimal } from '../../../domain/decimal.js';
import { pct, usd } from '../format.js';
import { signalSymbol, type RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { OrderRule } from '../risk-rule.js';
import type { SizedOrder } from '../sized-order.js';
import { maxQtyWithin } from '../units.js';

/** Dollars left under the position cap in the symbol, and the most units they buy at `price`. */
export function positionCapQty(ctx: RiskContext, price: Decimal, existing: Decimal, dp: number): { readonly budget: Decimal; readonly qty: Decimal } {
  const budget = ctx.facts.account.equity.times(ctx.limits.maxPositionPct).minus(existing);
  return { budget, qty: maxQtyWithin(budget, price, dp) };
}

/** Denies POSITION_CAP when the cap leaves no room for one unit. */
export function checkPositionCap(ctx: RiskContext, order: SizedOrder): RiskDenial | undefined {
  if (!order.sizedQty.isPositive() || order.positionCapQty.isPositive()) return undefined;
  const equity = ctx.facts.account.equity;
  const cap = equity.times(ctx.limits.maxPositionPct);
  const symbol = signalSymbol(ctx);
  return deny(
    'POSITION_CAP',
    `position cap ${usd(cap)} (${pct(ctx.limits.maxPositionPct)} of equity ${usd(equity)}) minus ${usd(order.existingExposure)} already in ${symbol} leaves ${usd(order.positionBudget)}: not one share at ${usd(order.plan.price)}`,
    { cap: cap.toString(), existing: order.existingExposure.toString(), room: order.positionBudget.toString(), price: order.plan.price.toString(), symbol },
  );
}

export const POSITION_CAP_RULE: OrderRule = { name: 'position_cap', check: checkPositionCap };
