// NYSE holiday and early-close rules (NYSE Rule 7.2 and NYSE's published calendars), computed per year.
// Exists so holidays come from the rules rather than a hand-typed list that silently runs out; the
// tests cross-check every year 2020–2030 against an explicit table copied from NYSE's announcements.
// Must never: be asked about a year outside the supported range (callers check), or read the clock.

import { daysFromCivil, formatDays, isWeekend, parseDate, weekday } from './civil-date.js';

/** A calendar date with the reason it is special. */
export interface DatedName {
  /** ET calendar date, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly name: string;
}

/** A rule-computed date as a day number (days since 1970-01-01). */
export interface RuleDay {
  readonly days: number;
  readonly name: string;
}

/** One-off full-day closures announced by NYSE (not derivable from rules). */
export const NYSE_SPECIAL_CLOSURES: readonly DatedName[] = Object.freeze([
  Object.freeze({ date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' }),
]);

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

/** Easter Sunday (Gregorian) by the anonymous Meeus/Jones/Butcher algorithm, as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/** The `n`-th (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
}

/** The last given weekday of a month. */
function lastWeekday(year: number, month: number, wd: number): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** Fixed-date holiday as observed: Saturday moves to Friday, Sunday to Monday. */
function observed(days: number): number {
  const wd = weekday(days);
  if (wd === SATURDAY) return days - 1;
  if (wd === SUNDAY) return days + 1;
  return days;
}

/**
 * New Year's Day: Sunday moves to Monday, but a Saturday Jan 1 is not observed at all (NYSE Rule 7.2:
 * the exchange does not close on the Friday that ends a yearly accounting period), e.g. 2022, 2028.
 */
function newYearsDay(year: number): number | undefined {
  const jan1 = daysFromCivil(year, 1, 1);
  const wd = weekday(jan1);
  if (wd === SATURDAY) return undefined;
  return wd === SUNDAY ? jan1 + 1 : jan1;
}

/** Full-day NYSE closures of a year (observed dates, weekdays only), ascending. */
export function holidayRuleDays(year: number): RuleDay[] {
  const out: RuleDay[] = [];
  const add = (days: number | undefined, name: string): void => {
    if (days !== undefined) out.push({ days, name });
  };
  add(newYearsDay(year), "New Year's Day");
  add(nthWeekday(year, 1, MONDAY, 3), 'Martin Luther King, Jr. Day');
  add(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday");
  add(easterSunday(year) - 2, 'Good Friday');
  add(lastWeekday(year, 5, MONDAY), 'Memorial Day');
  if (year >= 2022) add(observed(daysFromCivil(year, 6, 19)), 'Juneteenth National Independence Day');
  add(observed(daysFromCivil(year, 7, 4)), 'Independence Day');
  add(nthWeekday(year, 9, MONDAY, 1), 'Labor Day');
  add(nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day');
  add(observed(daysFromCivil(year, 12, 25)), 'Christmas Day');
  for (const special of NYSE_SPECIAL_CLOSURES) {
    if (special.date.startsWith(`${year}-`)) add(parseDate(special.date), special.name);
  }
  return out.sort((x, y) => x.days - y.days);
}

/**
 * 13:00 ET early closes of a year, ascending: July 3 and December 24 when they are trading days
 * (so none when the holiday itself is observed on that day or it falls on a weekend), and the day
 * after Thanksgiving.
 * @param closed the year's full-day closures as day numbers
 */
export function earlyCloseRuleDays(year: number, closed: ReadonlySet<number>): RuleDay[] {
  const isTrading = (days: number): boolean => !isWeekend(days) && !closed.has(days);
  const candidates: RuleDay[] = [
    { days: daysFromCivil(year, 7, 3), name: 'Day before Independence Day' },
    { days: nthWeekday(year, 11, THURSDAY, 4) + 1, name: 'Day after Thanksgiving' },
    { days: daysFromCivil(year, 12, 24), name: 'Christmas Eve' },
  ];
  return candidates.filter((c) => isTrading(c.days));
}

/** Converts rule days to frozen public records. */
export function toDatedNames(days: readonly RuleDay[]): readonly DatedName[] {
  return Object.freeze(days.map((d) => Object.freeze({ date: formatDays(d.days), name: d.name })));
}
