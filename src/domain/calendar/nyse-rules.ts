// NYSE holiday and early-close rules (NYSE Rule 7.2 and NYSE's published calendars), computed per year.
// Exists so holidays come from the rules rather than a hand-typed list that silently runs out; the
// tests cross-check every year 1999–2030 against explicit tables (NYSE's announcements for 2020–2028;
// NYSE's historical closings list, as transcribed by exchange_calendars/pandas_market_calendars, for
// 1999–2019) and against real daily bars. Unscheduled intraday events (a 09:32 open after a moment of
// silence, the 15:56 halt of 2005-06-01) are not sessions and are not modelled.
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

const freezeAll = (list: readonly DatedName[]): readonly DatedName[] => Object.freeze(list.map((d) => Object.freeze({ ...d })));

/** One-off full-day closures announced by NYSE (not derivable from rules), ascending. */
export const NYSE_SPECIAL_CLOSURES: readonly DatedName[] = freezeAll([
  { date: '2001-09-11', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-12', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-13', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-14', name: 'Closed after the September 11 attacks' },
  { date: '2004-06-11', name: 'National Day of Mourning for President Ronald Reagan' },
  { date: '2007-01-02', name: 'National Day of Mourning for President Gerald R. Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'National Day of Mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' },
]);

/**
 * One-off 13:00 ET early closes announced by NYSE (not derivable from the rules below), ascending.
 * 1999-12-31: the board closed at 1 p.m. to prepare for the year-2000 changeover. 2003-12-26: the
 * Friday after a Thursday Christmas (not repeated in 2008 or 2014, which traded a full day).
 */
export const NYSE_SPECIAL_EARLY_CLOSES: readonly DatedName[] = freezeAll([
  { date: '1999-12-31', name: "New Year's Eve (year-2000 changeover)" },
  { date: '2003-12-26', name: 'Day after Christmas' },
]);

/** NYSE first closed for Martin Luther King, Jr. Day in 1998. */
const MLK_DAY_FROM = 1998;
/** Juneteenth became an NYSE holiday in 2022. */
const JUNETEENTH_FROM = 2022;
/**
 * Up to this year, when July 4 fell on a Thursday NYSE closed early on Friday July 5 (2002) rather
 * than on Wednesday July 3; from 2013 on the early close is July 3 (2013, 2019, 2024).
 */
const JULY_FIFTH_EARLY_CLOSE_UNTIL = 2012;

const SUNDAY = 0;
const MONDAY = 1;
const WEDNESDAY = 3;
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
  if (year >= MLK_DAY_FROM) add(nthWeekday(year, 1, MONDAY, 3), 'Martin Luther King, Jr. Day');
  add(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday");
  add(easterSunday(year) - 2, 'Good Friday');
  add(lastWeekday(year, 5, MONDAY), 'Memorial Day');
  if (year >= JUNETEENTH_FROM) add(observed(daysFromCivil(year, 6, 19)), 'Juneteenth National Independence Day');
  add(observed(daysFromCivil(year, 7, 4)), 'Independence Day');
  add(nthWeekday(year, 9, MONDAY, 1), 'Labor Day');
  add(nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day');
  add(observed(daysFromCivil(year, 12, 25)), 'Christmas Day');
  for (const special of NYSE_SPECIAL_CLOSURES) {
    if (special.date.startsWith(`${year}-`)) add(parseDate(special.date), special.name);
  }
  return out.sort((x, y) => x.days - y.days);
}

/** The Independence Day early close: July 3, except Friday July 5 when July 4 was a Thursday up to 2012. */
function independenceDayEarlyClose(year: number): RuleDay {
  const july3 = daysFromCivil(year, 7, 3);
  if (year <= JULY_FIFTH_EARLY_CLOSE_UNTIL && weekday(july3) === WEDNESDAY) {
    return { days: july3 + 2, name: 'Day after Independence Day' };
  }
  return { days: july3, name: 'Day before Independence Day' };
}

/**
 * 13:00 ET early closes of a year, ascending: the Independence Day one (see
 * {@link independenceDayEarlyClose}) and December 24 when they are trading days (so none when the
 * holiday itself is observed on that day or it falls on a weekend), the day after Thanksgiving, and
 * the one-off {@link NYSE_SPECIAL_EARLY_CLOSES}.
 * @param closed the year's full-day closures as day numbers
 */
export function earlyCloseRuleDays(year: number, closed: ReadonlySet<number>): RuleDay[] {
  const isTrading = (days: number): boolean => !isWeekend(days) && !closed.has(days);
  const candidates: RuleDay[] = [
    independenceDayEarlyClose(year),
    { days: nthWeekday(year, 11, THURSDAY, 4) + 1, name: 'Day after Thanksgiving' },
    { days: daysFromCivil(year, 12, 24), name: 'Christmas Eve' },
  ];
  for (const special of NYSE_SPECIAL_EARLY_CLOSES) {
    if (special.date.startsWith(`${year}-`)) candidates.push({ days: parseDate(special.date), name: special.name });
  }
  return candidates.filter((c) => isTrading(c.days)).sort((x, y) => x.days - y.days);
}

/** Converts rule days to frozen public records. */
export function toDatedNames(days: readonly RuleDay[]): readonly DatedName[] {
  return Object.freeze(days.map((d) => Object.freeze({ date: formatDays(d.days), name: d.name })));
}
