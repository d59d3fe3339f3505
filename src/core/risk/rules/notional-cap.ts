// Cap (SPEC §3, §6): one order's value must not exceed notional_max. The sizing step reduces the quantity to
// fit; this rule denies when not even one unit fits. Must never: round a quantity up past the cap.
import type { Decimal } from '../../../domain/decimal.js';
import { usd } from '../format.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { OrderRule } from '../risk-rule.js';
import type { SizedOrder } from '../sized-order.js';
import { maxQtyWithin } from '../units.js';

/** The most units notional_max buys at `price`. */
export function notionalCapQty(ctx: RiskContext, price: Decimal, dp: number): Decimal {
  return maxQtyWithin(ctx.limits.notionalMax, price, dp);
}

/** Denies NOTIONAL_CAP when notional_max does not buy one unit. */
export function checkNotionalCap(ctx: RiskContext, order: SizedOrder): RiskDenial | undefined {
  if (!order.sizedQty.isPositive() || order.notionalCapQty.isPositive()) return undefined;
  return deny('NOTIONAL_CAP', `notional_max ${usd(ctx.limits.notionalMax)} does not buy one share at ${usd(order.plan.price)}`, {
    notionalMax: ctx.limits.notionalMax.toString(), price: order.plan.price.toString(),
  });
}

export const NOTIONAL_CAP_RULE: OrderRule = { name: 'notional_cap', check: checkNotionalCap };
