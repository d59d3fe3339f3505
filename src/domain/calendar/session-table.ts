// Per-year table of NYSE trading sessions, built lazily on first use and then read by day number.
// Exists so the hot path (isOpen per bar and per order) is an array lookup plus two comparisons, with
// luxon touched only once per session when a year is first built.
// Must never: return a session for a date outside the supported range (it throws CalendarRangeError).

import { assertYearInRange, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, CalendarRangeError } from './calendar-range-error.js';
import { daysFromCivil, formatDays, isWeekend } from './civil-date.js';
import { etWallTime } from './eastern-time.js';
import { earlyCloseRuleDays, holidayRuleDays, toDatedNames, type DatedName } from './nyse-rules.js';

/** One NYSE trading day. Times are epoch milliseconds (UTC); the date is the ET calendar date. */
export interface TradingSession {
  /** ET calendar date, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Regular open, 09:30 ET. */
  readonly open: number;
  /** Regular close: 16:00 ET, or 13:00 ET on early-close days. */
  readonly close: number;
  /** True when the regular session closes at 13:00 ET. */
  readonly earlyClose: boolean;
  /** Pre-market start, 04:00 ET. */
  readonly extendedOpen: number;
  /**
   * After-hours end: 20:00 ET, or 17:00 ET on early-close days (NYSE's published calendars: "late
   * trading sessions will close at 5:00 p.m."; Alpaca's /v2/calendar reports session_close "1700").
   */
  readonly extendedClose: number;
}

const MS_PER_MINUTE = 60_000;
const MINUTES = (h: number, m: number): number => h * 60 + m;
const REGULAR_OPEN = MINUTES(9, 30);
const REGULAR_CLOSE = MINUTES(16, 0);
const EARLY_CLOSE = MINUTES(13, 0);
const EXTENDED_OPEN = MINUTES(4, 0);
const EXTENDED_CLOSE = MINUTES(20, 0);
const EARLY_EXTENDED_CLOSE = MINUTES(17, 0);

/** First and last day numbers the calendar covers. */
export const FIRST_DAY = daysFromCivil(CALENDAR_FIRST_YEAR, 1, 1);
export const LAST_DAY = daysFromCivil(CALENDAR_LAST_YEAR, 12, 31);

interface YearTable {
  readonly firstDay: number;
  readonly byDay: readonly (TradingSession | undefined)[];
  readonly closedNames: ReadonlyMap<number, string>;
  readonly holidays: readonly DatedName[];
  readonly earlyCloses: readonly DatedName[];
}

const yearStarts: readonly number[] = Array.from(
  { length: CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1 },
  (_, i) => daysFromCivil(CALENDAR_FIRST_YEAR + i, 1, 1),
);
const years: (YearTable | undefined)[] = [];

/**
 * Builds a session from its 04:00 ET start. The other times are fixed minute offsets from it, which is
 * exact because New York's DST changes happen at 02:00 ET, never between 04:00 and 20:00 (the tests
 * check every session against etDateTime).
 */
function buildSession(days: number, early: boolean): TradingSession {
  const extendedOpen = etWallTime(days, EXTENDED_OPEN);
  const at = (minutes: number): number => extendedOpen + (minutes - EXTENDED_OPEN) * MS_PER_MINUTE;
  return Object.freeze({
    date: formatDays(days),
    open: at(REGULAR_OPEN),
    close: at(early ? EARLY_CLOSE : REGULAR_CLOSE),
    earlyClose: early,
    extendedOpen,
    extendedClose: at(early ? EARLY_EXTENDED_CLOSE : EXTENDED_CLOSE),
  });
}

function buildYear(year: number): YearTable {
  const holidayDays = holidayRuleDays(year);
  const closedNames = new Map(holidayDays.map((h) => [h.days, h.name]));
  const earlyDays = earlyCloseRuleDays(year, new Set(closedNames.keys()));
  const early = new Set(earlyDays.map((e) => e.days));
  const firstDay = daysFromCivil(year, 1, 1);
  const end = daysFromCivil(year + 1, 1, 1);
  const byDay: (TradingSession | undefined)[] = [];
  for (let d = firstDay; d < end; d++) {
    byDay.push(isWeekend(d) || closedNames.has(d) ? undefined : buildSession(d, early.has(d)));
  }
  return {
    firstDay,
    byDay,
    closedNames,
    holidays: toDatedNames(holidayDays),
    earlyCloses: toDatedNames(earlyDays),
  };
}

function tableAt(index: number): YearTable {
  let t = years[index];
  if (t === undefined) {
    t = buildYear(CALENDAR_FIRST_YEAR + index);
    years[index] = t;
  }
  return t;
}

/**
 * The year table holding an in-range day number.
 * @throws CalendarRangeError naming the date (and `context`) when `days` is outside the range
 */
function tableForDay(days: number, context?: string): YearTable {
  if (!(days >= FIRST_DAY && days <= LAST_DAY)) throw new CalendarRangeError(formatDays(days), context);
  // A year has at least 365 days, so this guess is never past the right year and at most one short.
  let i = Math.min(Math.floor((days - FIRST_DAY) / 366), yearStarts.length - 1);
  while (i + 1 < yearStarts.length && (yearStarts[i + 1] ?? Number.POSITIVE_INFINITY) <= days) i++;
  return tableAt(i);
}

/**
 * The session on a day number, or undefined on weekends and holidays. Allocation-free once the year
 * is built.
 * @throws CalendarRangeError when `days` is outside the supported range
 */
export function sessionOnDay(days: number, context?: string): TradingSession | undefined {
  const t = tableForDay(days, context);
  return t.byDay[days - t.firstDay];
}

/** Why a day is closed: a holiday's name, 'weekend', or undefined when it is a trading day. */
export function closureReason(days: number): string | undefined {
  const t = tableForDay(days);
  if (t.byDay[days - t.firstDay] !== undefined) return undefined;
  return t.closedNames.get(days) ?? 'weekend';
}

/**
 * @throws CalendarRangeError naming the year when it is outside the supported range
 */
export function yearHolidays(year: number): readonly DatedName[] {
  assertYearInRange(year, `year ${String(year)}`);
  return tableAt(year - CALENDAR_FIRST_YEAR).holidays;
}

/**
 * @throws CalendarRangeError naming the year when it is outside the supported range
 */
export function yearEarlyCloses(year: number): readonly DatedName[] {
  assertYearInRange(year, `year ${String(year)}`);
  return tableAt(year - CALENDAR_FIRST_YEAR).earlyCloses;
}
