// The shape of a risk rule (DESIGN §3.9): a named pure function returning undefined (pass) or a typed denial.
// Gate rules see the signal and the facts; order rules also see the sized order (buying power, sizing, caps).
// Must never: let a rule have side effects or depend on another rule's result.
import type { RiskContext } from './risk-context.js';
import type { RiskDenial } from './risk-denial.js';
import type { SizedOrder } from './sized-order.js';

/** Rule names in the order the engine runs them (SPEC §6, with intent validity after the two switches). */
export const RISK_RULE_ORDER = [
  'kill_switch',
  'failure_breaker',
  'intent_validity',
  'loss_streak_pause',
  'market_hours',
  'daily_trade_count',
  'day_trade_budget',
  'daily_loss_limit',
  'max_drawdown',
  'open_positions',
  'conflicting_position',
  'buying_power',
  'sizing',
  'position_cap',
  'notional_cap',
] as const;
export type RiskRuleName = (typeof RISK_RULE_ORDER)[number];

/** Which intents a rule applies to: every intent, or only entries (exits and stop moves reduce risk). */
export type RuleScope = 'all' | 'entries';

/** A rule that decides before sizing. */
export interface GateRule {
  readonly name: RiskRuleName;
  readonly appliesTo: RuleScope;
  readonly check: (ctx: RiskContext) => RiskDenial | undefined;
}

/** A rule that decides on the sized entry (entries only). */
export interface OrderRule {
  readonly name: RiskRuleName;
  readonly check: (ctx: RiskContext, order: SizedOrder) => RiskDenial | undefined;
}
