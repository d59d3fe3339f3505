// Rule 6 (SPEC §6): at most max_trades_per_day entries per ET session date. The runtime counts entries sent
// today (working or filled; denied signals do not count) and resets the count at the session date change.
// Must never: limit exits or stop moves.
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

/** Denies DAILY_TRADE_LIMIT once today's entries reach max_trades_per_day. */
export function checkDailyTradeCount(ctx: RiskContext): RiskDenial | undefined {
  const count = ctx.facts.entriesToday;
  const max = ctx.limits.maxTradesPerDay;
  if (count < max) return undefined;
  return deny('DAILY_TRADE_LIMIT', `${count} entries today reached max_trades_per_day ${max}: no new entries until the next session`, {
    entriesToday: count, max,
  });
}

export const DAILY_TRADE_COUNT_RULE: GateRule = { name: 'daily_trade_count', appliesTo: 'entries', check: checkDailyTradeCount };
