// The engine's trading state (DESIGN §3.9), computed from the same facts and rules as the decisions:
// halted   — kill switch on, failure breaker tripped, or max drawdown hit/latched: a person must act;
// reducing — daily loss limit reached or loss-streak pause in force: entries denied, exits and stop moves
//            allowed, lifts by itself (next session);
// active   — otherwise.
// Under the kill switch and the breaker nothing is sent (exits included); under a drawdown halt exits pass.
// Must never: report active while any entry-blocking switch or limit is in force.
import type { RiskContext } from './risk-context.js';
import type { RiskDenial } from './risk-denial.js';
import { assertRiskFacts, type RiskFacts } from './risk-facts.js';
import { normalizeRiskLimits, type NormalizedRiskLimits, type RiskLimits } from './risk-limits.js';
import { checkDailyLossLimit } from './rules/daily-loss-limit.js';
import { checkFailureBreaker } from './rules/failure-breaker.js';
import { checkKillSwitch } from './rules/kill-switch.js';
import { checkLossStreakPause } from './rules/loss-streak-pause.js';
import { checkMaxDrawdown, drawdownBreached, drawdownLatched } from './rules/max-drawdown.js';

export const TRADING_STATES = ['active', 'reducing', 'halted'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export interface TradingStateReport {
  readonly state: TradingState;
  /** The causes' reasons joined, or "entries and exits allowed". */
  readonly reason: string;
  /** Every rule that currently holds the state down, halting ones first. */
  readonly causes: readonly RiskDenial[];
  /** True when the drawdown limit is breached now and not yet latched: the runtime must store drawdownHaltedAt. */
  readonly latchDrawdown: boolean;
}

type StateFacts = Pick<RiskContext, 'facts' | 'limits'>;
const HALTING = [checkKillSwitch, checkFailureBreaker, checkMaxDrawdown] as const;
const REDUCING = [checkDailyLossLimit, checkLossStreakPause] as const;

/** The trading state from already-normalized limits (the engine's form). */
export function tradingStateOf(limits: NormalizedRiskLimits, facts: RiskFacts): TradingStateReport {
  const ctx: StateFacts = { facts, limits };
  const halting = HALTING.map((check) => check(ctx)).filter((d) => d !== undefined);
  const reducing = REDUCING.map((check) => check(ctx)).filter((d) => d !== undefined);
  const causes = [...halting, ...reducing];
  const state: TradingState = halting.length > 0 ? 'halted' : reducing.length > 0 ? 'reducing' : 'active';
  return {
    state,
    reason: causes.length === 0 ? 'entries and exits allowed' : causes.map((c) => `${c.code}: ${c.reason}`).join('; '),
    causes,
    latchDrawdown: drawdownBreached(facts, limits) && !drawdownLatched(facts),
  };
}

/**
 * The trading state and why.
 * @throws RiskLimitsError when a limit is out of range; RiskFactsError when the facts are malformed
 */
export function tradingState(limits: RiskLimits, facts: RiskFacts): TradingStateReport {
  assertRiskFacts(facts);
  return tradingStateOf(normalizeRiskLimits(limits), facts);
}
