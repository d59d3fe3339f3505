// Rule 4 (SPEC §6): N consecutive losing round trips (consecutive_loss_pause) pause new entries until the next
// trading day's open — calendar-aware, so a Friday streak lifts on Monday 09:30 ET (Tuesday after a Monday
// holiday), not 24 h later. The streak restarts after each pause: the next pause needs N fresh losses.
// A round trip with P&L exactly 0 is not a loss and breaks the streak. Exits and stop moves are not paused.
// Must never: lift a pause early, or read the clock (the decision time is a fact).
import { etDate, nextTradingDay, sessionOpen } from '../../../domain/calendar/index.js';
import { etTime } from '../format.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { RoundTripFact } from '../risk-facts.js';
import type { GateRule } from '../risk-rule.js';

/** The pause the recent round trips impose. `until` is undefined when the calendar cannot say (deny). */
export interface LossStreakPause {
  /** closedAt of the loss that completed the streak. */
  readonly triggeredAt: number;
  /** Next session's open after that loss's ET date; undefined outside the calendar's range. */
  readonly until: number | undefined;
  readonly losses: number;
}

/** The regular open of the first trading day after the ET date of `t`, or undefined outside 2020–2030. */
export function nextSessionStart(t: number): number | undefined {
  try {
    return sessionOpen(nextTradingDay(etDate(t)));
  } catch {
    return undefined;
  }
}

/** The latest pause triggered by `trips` (any order), or undefined when no streak ever reached `n`. */
export function latestLossStreakPause(trips: readonly RoundTripFact[], n: number): LossStreakPause | undefined {
  const sorted = [...trips].sort((a, b) => a.closedAt - b.closedAt);
  let streak = 0;
  let pause: LossStreakPause | undefined;
  for (const trip of sorted) {
    if (!trip.pnl.isNegative()) {
      streak = 0;
      continue;
    }
    streak += 1;
    if (streak >= n) {
      pause = { triggeredAt: trip.closedAt, until: nextSessionStart(trip.closedAt), losses: streak };
      streak = 0;
    }
  }
  return pause;
}

/** The pause in force at `now`, if any. */
export function activeLossStreakPause(trips: readonly RoundTripFact[], n: number, now: number): LossStreakPause | undefined {
  const pause = latestLossStreakPause(trips, n);
  return pause !== undefined && (pause.until === undefined || now < pause.until) ? pause : undefined;
}

/** Denies LOSS_STREAK_PAUSE while a losing streak's pause is in force. */
export function checkLossStreakPause(ctx: Pick<RiskContext, 'facts' | 'limits'>): RiskDenial | undefined {
  const n = ctx.limits.consecutiveLossPause;
  const pause = activeLossStreakPause(ctx.facts.recentRoundTrips, n, ctx.facts.now);
  if (pause === undefined) return undefined;
  const until = pause.until === undefined ? 'an unknown session (outside the NYSE calendar range)' : etTime(pause.until);
  return deny(
    'LOSS_STREAK_PAUSE',
    `${pause.losses} consecutive losing round trips (limit ${n}, the last closed ${etTime(pause.triggeredAt)}): new entries paused until ${until}`,
    { losses: pause.losses, limit: n, triggeredAt: pause.triggeredAt, until: pause.until ?? null },
  );
}

export const LOSS_STREAK_PAUSE_RULE: GateRule = { name: 'loss_streak_pause', appliesTo: 'entries', check: checkLossStreakPause };
