// Rule 1 (SPEC S2, §6): the kill switch refuses every new order, exits and stop moves included (ADR "exits
// under the kill switch and the risk limits"): a person pulled the switch to take control; broker-side stops
// already protect every position, and manual `close` / reconciliation's missing-stop placement are not intents.
// Must never: let any intent through while the switch is on.
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

/** Denies KILL_SWITCH_ON while the kill switch (env or file) is on. */
export function checkKillSwitch(ctx: Pick<RiskContext, 'facts' | 'limits'>): RiskDenial | undefined {
  const { on, reason } = ctx.facts.killSwitch;
  if (!on) return undefined;
  const why = reason === undefined || reason === '' ? 'no reason given' : reason;
  return deny('KILL_SWITCH_ON', `kill switch is on (${why}): no new orders, exits and stop moves included; broker-side stops stay in place`, {
    reason: why,
  });
}

export const KILL_SWITCH_RULE: GateRule = { name: 'kill_switch', appliesTo: 'all', check: checkKillSwitch };
