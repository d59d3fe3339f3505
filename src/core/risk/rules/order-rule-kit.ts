// Test helper for the rules that decide on a sized entry: plans and sizes the signal like the engine does.
// Must never: be imported by production code.
import { planEntry } from '../entry-plan.js';
import type { RiskContext } from '../risk-context.js';
import { isDenial } from '../risk-denial.js';
import { sizeEntry } from '../sizing.js';
import type { SizedOrder } from '../sized-order.js';

/** The sized order for an entry context; throws if its intent is invalid. */
export function sizedOrderOf(ctx: RiskContext): SizedOrder {
  const action = ctx.signal.intent.action;
  if (action !== 'enter_long' && action !== 'enter_short') throw new Error(`not an entry: ${action}`);
  const plan = planEntry(ctx, action);
  if (isDenial(plan)) throw new Error(plan.reason);
  return sizeEntry(ctx, plan);
}
