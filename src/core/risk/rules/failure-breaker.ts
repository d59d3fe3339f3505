// Rule 2 (SPEC S3, §6): while the failure circuit breaker is tripped, trading halts — no order of any kind
// leaves the process until a person resets it. Exits included: the breaker trips because orders keep failing,
// and sending more would only repeat the failure; broker-side stops keep protecting the positions.
// Must never: let any intent through while the breaker is tripped.
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

/** Denies BREAKER_TRIPPED while the failure breaker is tripped. */
export function checkFailureBreaker(ctx: Pick<RiskContext, 'facts' | 'limits'>): RiskDenial | undefined {
  const { tripped, reason } = ctx.facts.breaker;
  if (!tripped) return undefined;
  const why = reason === undefined || reason === '' ? 'no reason recorded' : reason;
  return deny('BREAKER_TRIPPED', `failure circuit breaker is tripped (${why}): trading halted until \`alpaca-bot breaker reset\``, {
    reason: why,
  });
}

export const FAILURE_BREAKER_RULE: GateRule = { name: 'failure_breaker', appliesTo: 'all', check: checkFailureBreaker };
