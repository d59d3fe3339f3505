// Buying power and equity buffer (SPEC §6), decided on the sized order's cost (qty × reference price):
// cost > buying power → INSUFFICIENT_BUYING_POWER; cost > buying power − equity × min_equity_buffer_pct →
// EQUITY_BUFFER. Buying power is the broker account's (intraday margin makes it the binding check; it already
// nets the holds of working orders). The buffer keeps a slice of equity unspent, which also absorbs the gap
// between the reference price and the fill. The order is denied, never squeezed into what is left.
// Must never: assume buying power, or pass an order that costs more than it.
import { pct, usd } from '../format.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { OrderRule } from '../risk-rule.js';
import type { SizedOrder } from '../sized-order.js';

/** Denies INSUFFICIENT_BUYING_POWER or EQUITY_BUFFER when the order's cost does not fit. */
export function checkBuyingPower(ctx: RiskContext, order: SizedOrder): RiskDenial | undefined {
  const { buyingPower, equity } = ctx.facts.account;
  const cost = order.notional;
  const buffer = equity.times(ctx.limits.minEquityBufferPct);
  const spendable = buyingPower.minus(buffer);
  const context = {
    cost: cost.toString(), qty: order.qty.toString(), price: order.plan.price.toString(),
    buyingPower: buyingPower.toString(), buffer: buffer.toString(), spendable: spendable.toString(),
  };
  if (cost.gt(buyingPower)) {
    return deny('INSUFFICIENT_BUYING_POWER', `order cost ${usd(cost)} (${order.qty.toString()} × ${usd(order.plan.price)}) exceeds buying power ${usd(buyingPower)}`, context);
  }
  if (cost.gt(spendable)) {
    return deny(
      'EQUITY_BUFFER',
      `order cost ${usd(cost)} exceeds buying power ${usd(buyingPower)} minus the equity buffer ${usd(buffer)} (${pct(ctx.limits.minEquityBufferPct)} of equity ${usd(equity)}) = ${usd(spendable)}`,
      context,
    );
  }
  return undefined;
}

export const BUYING_POWER_RULE: OrderRule = { name: 'buying_power', check: checkBuyingPower };
