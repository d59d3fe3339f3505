// Sizing (SPEC §6): the quantity the sizing mode gives, scaled by the strategy's size fraction and floored to
// whole shares (or 4 places when fractional), must be at least one unit. Must never: round a size up.
import { Decimal } from '../../../domain/decimal.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { OrderRule } from '../risk-rule.js';
import type { SizedOrder } from '../sized-order.js';

/** Denies SIZE_ZERO when sizing (with the size fraction) gives no shares. */
export function checkSizeZero(ctx: RiskContext, order: SizedOrder): RiskDenial | undefined {
  if (order.sizedQty.isPositive()) return undefined;
  const scaled = order.sizeFraction.eq(Decimal.ONE) ? '' : ` × size fraction ${order.sizeFraction.toString()} = ${order.modeQty.times(order.sizeFraction).toString()}`;
  return deny('SIZE_ZERO', `${ctx.limits.sizingMode} sizing gives 0 shares: ${order.modeBasis}${scaled}`, {
    sizingMode: ctx.limits.sizingMode, modeQty: order.modeQty.toString(), sizeFraction: order.sizeFraction.toString(),
    price: order.plan.price.toString(), stop: order.plan.stop.toString(),
  });
}

export const SIZE_ZERO_RULE: OrderRule = { name: 'sizing', check: checkSizeZero };
