// Rule 5 (SPEC S6, §6): no orders outside 09:30–16:00 ET on NYSE trading days (holidays, weekends and early
// closes from the calendar), unless allow_extended_hours — then 04:00–20:00 ET (17:00 on early-close days),
// and an entry outside the regular session must be a limit order (Alpaca accepts only DAY limit orders there).
// Applies to every intent: an exit sent after the close would sit queued at the broker until the next open.
// Must never: read the host clock or time zone; treat an instant outside the calendar's range as open.
import { etDate, isOpen } from '../../../domain/calendar/index.js';
import { etTime } from '../format.js';
import { isEntry, type RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

function openAt(t: number, extendedHours: boolean): boolean | string {
  try {
    return isOpen(t, { extendedHours });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Denies MARKET_CLOSED outside the allowed hours (and non-limit entries in the extended session). */
export function checkMarketHours(ctx: RiskContext): RiskDenial | undefined {
  const now = ctx.facts.now;
  const extended = ctx.limits.allowExtendedHours;
  const context = { now, date: Number.isFinite(now) ? etDate(now) : String(now), allowExtendedHours: extended };
  const regular = openAt(now, false);
  if (typeof regular === 'string') return deny('MARKET_CLOSED', `cannot tell whether the market is open: ${regular}`, context);
  if (regular) return undefined;
  const window = extended ? '04:00–20:00 ET (extended hours)' : '09:30–16:00 ET';
  const inExtended = extended && openAt(now, true) === true;
  if (!inExtended) return deny('MARKET_CLOSED', `market closed at ${etTime(now)}: orders only ${window} on NYSE trading days`, context);
  const { intent } = ctx.signal;
  if (isEntry(intent.action) && intent.entry?.type !== 'limit') {
    return deny(
      'MARKET_CLOSED',
      `${etTime(now)} is outside the regular session: an extended-hours entry must be a limit order (got ${intent.entry?.type ?? 'market'})`,
      context,
    );
  }
  return undefined;
}

export const MARKET_HOURS_RULE: GateRule = { name: 'market_hours', appliesTo: 'all', check: checkMarketHours };
