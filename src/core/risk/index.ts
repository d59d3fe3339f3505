// Public surface of the risk engine (SPEC §6, DESIGN §3.9). Import from here.
// Must never: export the rule internals' helpers that are not part of the contract.
export { evaluateRisk } from './evaluate-risk.js';
export type {
  EntryApproval, ExitApproval, MoveStopApproval, RiskApproval, RiskCheck, RiskDecision, RiskDenied, RiskInput,
} from './risk-decision.js';
export { RISK_CODES, type RiskCode, type RiskDenial, type RiskDenialContext } from './risk-denial.js';
export {
  assertRiskFacts, RiskFactsError, type PendingEntryFact, type PositionFact, type PositionSide, type RiskFacts, type RoundTripFact,
} from './risk-facts.js';
export {
  DEFAULT_RISK_LIMITS, normalizeRiskLimits, RISK_LIMIT_BOUNDS, RISK_SIZING_MODES, RiskLimitsError,
  type NormalizedRiskLimits, type RiskLimits, type RiskSizingMode,
} from './risk-limits.js';
export { RISK_RULE_ORDER, type RiskRuleName } from './risk-rule.js';
export type { TrailPlan } from './entry-plan.js';
export { toSignalDecision } from './signal-decision.js';
export { TRADING_STATES, tradingState, type TradingState, type TradingStateReport } from './trading-state.js';
export { activeLossStreakPause, nextSessionStart, type LossStreakPause } from './rules/loss-streak-pause.js';
export { drawdownBreached } from './rules/max-drawdown.js';
export { roundToTick, tickSize, type TickRounding } from './tick.js';
