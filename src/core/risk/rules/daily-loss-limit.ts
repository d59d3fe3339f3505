// Rule 7 (SPEC §6): once today's P&L (realized + unrealized) reaches −max_daily_loss_pct of the start-of-day
// equity, no new entries today. Open positions are left to their stops; exits and stop moves still pass.
// Must never: flatten anything, or compare against current equity (the limit is fixed at the session start).
import type { Decimal } from '../../../domain/decimal.js';
import { pct, usd } from '../format.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { RiskFacts } from '../risk-facts.js';
import type { GateRule } from '../risk-rule.js';
import type { NormalizedRiskLimits } from '../risk-limits.js';

/** The (negative) P&L at which today's entries stop: −startOfDayEquity × max_daily_loss_pct. */
export function dailyLossFloor(facts: RiskFacts, limits: NormalizedRiskLimits): Decimal {
  return facts.startOfDayEquity.times(limits.maxDailyLossPct).neg();
}

/** True when today's P&L has reached the floor. */
export function dailyLossReached(facts: RiskFacts, limits: NormalizedRiskLimits): boolean {
  return facts.pnlToday.lte(dailyLossFloor(facts, limits));
}

/** Denies DAILY_LOSS_LIMIT once today's loss reaches the limit. */
export function checkDailyLossLimit(ctx: Pick<RiskContext, 'facts' | 'limits'>): RiskDenial | undefined {
  const { facts, limits } = ctx;
  if (!dailyLossReached(facts, limits)) return undefined;
  const floor = dailyLossFloor(facts, limits);
  const start = facts.startOfDayEquity;
  const share = start.isPositive() ? ` (${pct(facts.pnlToday.div(start))})` : '';
  return deny(
    'DAILY_LOSS_LIMIT',
    `today's P&L ${usd(facts.pnlToday)}${share} reached the daily loss limit ${usd(floor)} (${pct(limits.maxDailyLossPct)} of start-of-day equity ${usd(start)}): no new entries today, open positions keep their stops`,
    { pnlToday: facts.pnlToday.toString(), floor: floor.toString(), startOfDayEquity: start.toString(), maxDailyLossPct: limits.maxDailyLossPct.toString() },
  );
}

export const DAILY_LOSS_LIMIT_RULE: GateRule = { name: 'daily_loss_limit', appliesTo: 'entries', check: checkDailyLossLimit };

