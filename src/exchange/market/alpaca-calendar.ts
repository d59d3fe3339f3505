// The trading clock and calendar bodies (`GET /v2/clock`, `GET /v2/calendar`, PROTOCOL §3.4) computed from
// the NYSE calendar and the virtual time. Exists so the SDK's clock/calendar calls see the simulated market.
// Must never: read the host clock (the caller passes virtual now), or report an early close as 16:00.

import {
  CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, isOpen, nextClose, nextOpen, nextTradingDay, sessionsBetween, type TradingSession,
} from '../../domain/calendar/index.js';
import { fail, ok, type ApiResult } from '../contracts.js';
import { firstOf, type QueryInput } from './market-query.js';
import { rfc3339Et } from './wire.js';

/** `/v2/clock` body. */
export interface ClockBody {
  readonly timestamp: string;
  readonly is_open: boolean;
  readonly next_open: string;
  readonly next_close: string;
}

/** One `/v2/calendar` row. */
export interface CalendarRow {
  readonly date: string;
  readonly open: string;
  readonly close: string;
  readonly session_open: string;
  readonly session_close: string;
  readonly settlement_date: string;
}

/** `/v2/clock` at virtual time `now`: next_open is strictly after now, next_close the coming (or current) session's close. */
export function clockBody(now: number): ClockBody {
  return {
    timestamp: rfc3339Et(now),
    is_open: isOpen(now),
    next_open: rfc3339Et(nextOpen(now)),
    next_close: rfc3339Et(nextClose(now + 1)),
  };
}

const FIRST = `${CALENDAR_FIRST_YEAR}-01-01`;
const LAST = `${CALENDAR_LAST_YEAR}-12-31`;
/** US equities settle T+1 from this date (T+2 before). */
const T_PLUS_ONE_FROM = '2024-05-28';

function etClock(t: number): string {
  return rfc3339Et(t).slice(11, 16);
}

function addWeekdays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** Settlement date of trades on `date` (T+1 from 2024-05-28, T+2 before), counted in NYSE trading days. */
export function settlementDate(date: string): string {
  const days = date >= T_PLUS_ONE_FROM ? 1 : 2;
  try {
    let d = date;
    for (let i = 0; i < days; i++) d = nextTradingDay(d);
    return d;
  } catch {
    return addWeekdays(date, days); // past the calendar's last year
  }
}

/** One calendar row of a session. */
export function calendarRow(s: TradingSession): CalendarRow {
  return {
    date: s.date,
    open: etClock(s.open),
    close: etClock(s.close),
    session_open: etClock(s.extendedOpen).replace(':', ''),
    session_close: etClock(s.extendedClose).replace(':', ''),
    settlement_date: settlementDate(s.date),
  };
}

/** A date parameter: 'YYYY-MM-DD' or a full RFC-3339 timestamp (the SDK sends toISOString()); the date as written. */
function parseDateParam(raw: string | undefined, name: string, fallback: string): ApiResult<string> {
  if (raw === undefined || raw === '') return ok(fallback);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  const date = m?.[1];
  if (date === undefined || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return fail(400, 40010000, `invalid ${name}: ${JSON.stringify(raw)} (expected YYYY-MM-DD or an RFC-3339 timestamp)`);
  }
  return ok(date);
}

/**
 * `/v2/calendar?start&end&date_type`: sessions with dates in [start, end] (by trading date, or by settlement
 * date with date_type=SETTLEMENT). Dates outside the calendar's years are clamped to them.
 */
export function calendarRows(query: QueryInput): ApiResult<CalendarRow[]> {
  const start = parseDateParam(firstOf(query, 'start'), 'start', FIRST);
  if (!start.ok) return start;
  const end = parseDateParam(firstOf(query, 'end'), 'end', LAST);
  if (!end.ok) return end;
  const dateType = firstOf(query, 'date_type') ?? 'TRADING';
  if (dateType !== 'TRADING' && dateType !== 'SETTLEMENT') {
    return fail(400, 40010000, `invalid date_type: ${JSON.stringify(dateType)} (allowed: TRADING, SETTLEMENT)`);
  }
  const from = start.value < FIRST ? FIRST : start.value;
  const to = end.value > LAST ? LAST : end.value;
  if (from > to) return ok([]);
  if (dateType === 'TRADING') return ok(sessionsBetween(from, to).map(calendarRow));
  const back = shiftBack(from);
  const rows = sessionsBetween(back < FIRST ? FIRST : back, to).map(calendarRow);
  return ok(rows.filter((r) => r.settlement_date >= from && r.settlement_date <= to));
}

/** A few days before `date` (settlement lags trading by at most T+2 plus a long weekend). */
function shiftBack(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7);
  return d.toISOString().slice(0, 10);
}
