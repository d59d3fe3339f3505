// The rules in the order SPEC §6 gives them (with intent validity after the two switches, the optional
// day-trade budget after the daily trade count, and the conflicting-position check after the open-position
// count). Gate rules run first; the order rules run on the sized entry. Must never: reorder without updating
// RISK_RULE_ORDER and the ordering tests — the first refusing rule is the reason a trader reads.
import type { GateRule, OrderRule } from './risk-rule.js';
import { BUYING_POWER_RULE } from './rules/buying-power.js';
import { CONFLICTING_POSITION_RULE } from './rules/conflicting-position.js';
import { DAILY_LOSS_LIMIT_RULE } from './rules/daily-loss-limit.js';
import { DAILY_TRADE_COUNT_RULE } from './rules/daily-trade-count.js';
import { DAY_TRADE_BUDGET_RULE } from './rules/day-trade-budget.js';
import { FAILURE_BREAKER_RULE } from './rules/failure-breaker.js';
import { INTENT_VALIDITY_RULE } from './rules/intent-validity.js';
import { KILL_SWITCH_RULE } from './rules/kill-switch.js';
import { LOSS_STREAK_PAUSE_RULE } from './rules/loss-streak-pause.js';
import { MARKET_HOURS_RULE } from './rules/market-hours.js';
import { MAX_DRAWDOWN_RULE } from './rules/max-drawdown.js';
import { NOTIONAL_CAP_RULE } from './rules/notional-cap.js';
import { OPEN_POSITIONS_RULE } from './rules/open-positions.js';
import { POSITION_CAP_RULE } from './rules/position-cap.js';
import { SIZE_ZERO_RULE } from './rules/size-zero.js';

/** Rules decided before sizing, in order. */
export const GATE_RULES: readonly GateRule[] = [
  KILL_SWITCH_RULE,
  FAILURE_BREAKER_RULE,
  INTENT_VALIDITY_RULE,
  LOSS_STREAK_PAUSE_RULE,
  MARKET_HOURS_RULE,
  DAILY_TRADE_COUNT_RULE,
  DAY_TRADE_BUDGET_RULE,
  DAILY_LOSS_LIMIT_RULE,
  MAX_DRAWDOWN_RULE,
  OPEN_POSITIONS_RULE,
  CONFLICTING_POSITION_RULE,
];

/** Rules decided on the sized entry, in order. */
export const ORDER_RULES: readonly OrderRule[] = [BUYING_POWER_RULE, SIZE_ZERO_RULE, POSITION_CAP_RULE, NOTIONAL_CAP_RULE];
