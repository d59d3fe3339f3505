// Rule 3: the intent must be usable before any limit is weighed — its symbol matches the signal, its size
// fraction is in 0..1, its prices are positive, an entry's stop lies on the protective side of the entry, an
// exit or stop move has something to act on. A malformed intent is a strategy bug, reported with its own code.
// Must never: pass a stop the broker would reject or a price that would break sizing (≤ 0, NaN).
import { INTENT_ACTIONS } from '../../../domain/intent.js';
import { planEntry } from '../entry-plan.js';
import { planHolding } from '../position-plan.js';
import { isEntry, type RiskContext } from '../risk-context.js';
import { deny, isDenial, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

function checkShape(ctx: RiskContext): RiskDenial | undefined {
  const { intent, context } = ctx.signal;
  if (!INTENT_ACTIONS.includes(intent.action)) {
    return deny('INVALID_INTENT', `action ${JSON.stringify(intent.action)} is not one of ${INTENT_ACTIONS.join(', ')}`, { action: intent.action });
  }
  if (intent.symbol !== context.symbol) {
    return deny('INVALID_INTENT', `intent symbol ${intent.symbol} differs from the signal's ${context.symbol}`, {
      intentSymbol: intent.symbol, signalSymbol: context.symbol,
    });
  }
  const f = intent.sizeFraction;
  if (f !== undefined && !(Number.isFinite(f) && f >= 0 && f <= 1)) {
    return deny('INVALID_INTENT', `sizeFraction ${String(f)} is outside 0..1`, { sizeFraction: String(f) });
  }
  return undefined;
}

/** Denies INVALID_INTENT / INVALID_STOP / NO_POSITION for an intent that cannot be acted on. */
export function checkIntentValidity(ctx: RiskContext): RiskDenial | undefined {
  const shape = checkShape(ctx);
  if (shape !== undefined) return shape;
  const action = ctx.signal.intent.action;
  const plan = isEntry(action) ? planEntry(ctx, action) : planHolding(ctx, action);
  return isDenial(plan) ? plan : undefined;
}

export const INTENT_VALIDITY_RULE: GateRule = { name: 'intent_validity', appliesTo: 'all', check: checkIntentValidity };
