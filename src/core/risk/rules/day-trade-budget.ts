// Optional rule (SPEC §6, off by default): at most day_trade_budget round trips opened and closed on the same
// ET date within the rolling last 5 sessions (today included). Any new entry could become a day trade if its
// stop is hit today, so entries are refused once the budget is used up.
// Must never: apply when the budget is 0/absent, or limit exits and stop moves.
import { etDate, isTradingDay, previousTradingDay } from '../../../domain/calendar/index.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { RoundTripFact } from '../risk-facts.js';
import type { GateRule } from '../risk-rule.js';

/** Sessions in the rolling window. */
export const DAY_TRADE_WINDOW_SESSIONS = 5;

/** First and last ET dates of the 5-session window ending with the latest trading day at or before `now`. */
export function dayTradeWindow(now: number): { readonly from: string; readonly to: string } {
  const today = etDate(now);
  const to = isTradingDay(today) ? today : previousTradingDay(today);
  let from = to;
  for (let i = 1; i < DAY_TRADE_WINDOW_SESSIONS; i++) from = previousTradingDay(from);
  return { from, to };
}

/** Round trips opened and closed on the same ET date inside the window. */
export function countDayTrades(trips: readonly RoundTripFact[], window: { readonly from: string; readonly to: string }): number {
  return trips.filter((t) => {
    const date = etDate(t.closedAt);
    return etDate(t.openedAt) === date && date >= window.from && date <= window.to;
  }).length;
}

/** Denies DAY_TRADE_BUDGET when the budget is on and used up. */
export function checkDayTradeBudget(ctx: RiskContext): RiskDenial | undefined {
  const budget = ctx.limits.dayTradeBudget;
  if (budget === 0) return undefined;
  let window: { from: string; to: string };
  try {
    window = dayTradeWindow(ctx.facts.now);
  } catch (error) {
    return deny('DAY_TRADE_BUDGET', `cannot place the day-trade window: ${error instanceof Error ? error.message : String(error)}`, { budget });
  }
  const used = countDayTrades(ctx.facts.recentRoundTrips, window);
  if (used < budget) return undefined;
  return deny(
    'DAY_TRADE_BUDGET',
    `${used} day trades in the ${DAY_TRADE_WINDOW_SESSIONS} sessions ${window.from}..${window.to} used up the day-trade budget of ${budget}`,
    { used, budget, from: window.from, to: window.to },
  );
}

export const DAY_TRADE_BUDGET_RULE: GateRule = { name: 'day_trade_budget', appliesTo: 'entries', check: checkDayTradeBudget };
