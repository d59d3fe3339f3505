// The NYSE trading calendar's public queries (S6): is the market open, when does it next open/close,
// which days trade. All rules are in America/New_York; instants are epoch milliseconds (UTC).
// Must never: answer for a date outside 1999–2030 (it throws CalendarRangeError), treat a weekend or
// holiday as open, or read the host clock (callers pass the instant).

import { formatDays, parseDate } from './civil-date.js';
import { etDayNumber } from './eastern-time.js';
import type { DatedName } from './nyse-rules.js';
import { closureReason, sessionOnDay, yearEarlyCloses, yearHolidays, type TradingSession } from './session-table.js';

/** Options of {@link isOpen}. */
export interface IsOpenOptions {
  /** Count pre-market (04:00–09:30 ET) and after-hours (until 20:00, or 17:00 on early-close days) as open. Default false. */
  readonly extendedHours?: boolean;
}

function describeInstant(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

/**
 * Whether `date` is an NYSE trading day.
 * @param date ET calendar date 'YYYY-MM-DD'
 * @throws RangeError on a malformed date; CalendarRangeError outside 1999–2030
 */
export function isTradingDay(date: string): boolean {
  return sessionOnDay(parseDate(date)) !== undefined;
}

/**
 * The trading session on `date`, or undefined on weekends and holidays.
 * @throws RangeError on a malformed date; CalendarRangeError outside 1999–2030
 */
export function session(date: string): TradingSession | undefined {
  return sessionOnDay(parseDate(date));
}

function requireSession(date: string): TradingSession {
  const days = parseDate(date);
  const s = sessionOnDay(days);
  if (s === undefined) {
    throw new RangeError(`${date} is not an NYSE trading day (${closureReason(days) ?? 'closed'}): no session open/close`);
  }
  return s;
}

/**
 * Regular open (09:30 ET) of the session on `date`, epoch ms.
 * @throws RangeError naming the date when it is not a trading day; CalendarRangeError outside 1999–2030
 */
export function sessionOpen(date: string): number {
  return requireSession(date).open;
}

/**
 * Regular close (16:00 ET, 13:00 ET on early-close days) of the session on `date`, epoch ms.
 * @throws RangeError naming the date when it is not a trading day; CalendarRangeError outside 1999–2030
 */
export function sessionClose(date: string): number {
  return requireSession(date).close;
}

/**
 * Whether the market is open at instant `t`: regular hours [open, close), or with `extendedHours`
 * [extendedOpen, extendedClose). Allocation-free after the year's table is built.
 * @param t epoch milliseconds, UTC
 * @throws RangeError when `t` is not finite; CalendarRangeError when its ET date is outside 1999–2030
 */
export function isOpen(t: number, options?: IsOpenOptions): boolean {
  const s = sessionOnDay(etDayNumber(t));
  if (s === undefined) return false;
  return options?.extendedHours === true
    ? s.extendedOpen <= t && t < s.extendedClose
    : s.open <= t && t < s.close;
}

/**
 * The next regular open strictly after `t` (today's open when `t` is before it).
 * @throws CalendarRangeError when that open would fall after 2030 (or `t` is outside the range)
 */
export function nextOpen(t: number): number {
  for (let d = etDayNumber(t); ; d++) {
    const s = sessionOnDay(d, `searching the next open after ${describeInstant(t)}`);
    if (s !== undefined && s.open > t) return s.open;
  }
}

/**
 * The next regular close at or after `t` (today's close while the session is open or before it).
 * @throws CalendarRangeError when that close would fall after 2030 (or `t` is outside the range)
 */
export function nextClose(t: number): number {
  for (let d = etDayNumber(t); ; d++) {
    const s = sessionOnDay(d, `searching the next close after ${describeInstant(t)}`);
    if (s !== undefined && s.close >= t) return s.close;
  }
}

function stepTradingDay(date: string, step: 1 | -1): string {
  const start = parseDate(date);
  sessionOnDay(start); // range-check the input itself before walking
  const context = `${step === 1 ? 'next' : 'previous'} trading day from ${date}`;
  for (let d = start + step; ; d += step) {
    if (sessionOnDay(d, context) !== undefined) return formatDays(d);
  }
}

/**
 * The last trading day strictly before `date` (which need not itself be a trading day).
 * @throws CalendarRangeError when the answer would be before 1999-01-01
 */
export function previousTradingDay(date: string): string {
  return stepTradingDay(date, -1);
}

/**
 * The first trading day strictly after `date` (which need not itself be a trading day).
 * @throws CalendarRangeError when the answer would be after 2030-12-31
 */
export function nextTradingDay(date: string): string {
  return stepTradingDay(date, 1);
}

/**
 * Sessions from `from` to `to`, both inclusive, in date order.
 * @throws RangeError when a date is malformed or `from` is after `to`; CalendarRangeError outside 1999–2030
 */
export function sessionsBetween(from: string, to: string): TradingSession[] {
  const a = parseDate(from);
  const b = parseDate(to);
  if (a > b) throw new RangeError(`sessionsBetween: from ${from} is after to ${to}`);
  sessionOnDay(a);
  sessionOnDay(b);
  const out: TradingSession[] = [];
  for (let d = a; d <= b; d++) {
    const s = sessionOnDay(d);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/**
 * NYSE full-day closures of `year` (observed weekday dates, special closures included), ascending.
 * @throws CalendarRangeError when `year` is outside 1999–2030
 */
export function holidays(year: number): readonly DatedName[] {
  return yearHolidays(year);
}

/**
 * NYSE 13:00 ET early closes of `year`, ascending.
 * @throws CalendarRangeError when `year` is outside 1999–2030
 */
export function earlyCloses(year: number): readonly DatedName[] {
  return yearEarlyCloses(year);
}
