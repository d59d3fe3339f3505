// Civil (proleptic Gregorian) date arithmetic on day numbers: days since 1970-01-01, time-zone free.
// Exists so the calendar can walk dates and key its tables without allocating luxon objects.
// Must never: look at a time zone or the host clock; accept a malformed or impossible date silently.

/** Milliseconds in a civil day (no leap seconds in epoch time). */
export const MS_PER_DAY = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_PATTERN = /^(\d{2}):?(\d{2})$/;

/** A civil date split into its fields (month 1–12). */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Day number (days since 1970-01-01) of a civil date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday. */
export function isWeekend(days: number): boolean {
  const wd = weekday(days);
  return wd === 0 || wd === 6;
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

let lastParsed: { readonly date: string; readonly days: number } = { date: '1970-01-01', days: 0 };

/**
 * Day number of a strict 'YYYY-MM-DD' date.
 * @throws RangeError naming the value when it is not a real calendar date in that format.
 */
export function parseDate(date: string): number {
  // The per-bar callers ask for the same day again and again: the last valid answer is kept (no regex, no alloc).
  if (date === lastParsed.date) return lastParsed.days;
  const m = DATE_PATTERN.exec(date);
  if (m !== null) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    if (month >= 1 && month <= 12 && back.month === month && back.day === day) {
      lastParsed = { date, days };
      return days;
    }
  }
  throw new RangeError(`invalid date ${JSON.stringify(date)}: expected a real calendar date as YYYY-MM-DD (e.g. 2025-07-03)`);
}

/**
 * Minutes after midnight of a wall time written 'HH:MM' or 'HHMM' (Alpaca uses both), 00:00–23:59.
 * @throws RangeError naming the value when it is malformed or out of range.
 */
export function parseHhmm(hhmm: string): number {
  const m = HHMM_PATTERN.exec(hhmm);
  if (m !== null) {
    const hours = Number(m[1]);
    const minutes = Number(m[2]);
    if (hours <= 23 && minutes <= 59) return hours * 60 + minutes;
  }
  throw new RangeError(`invalid wall time ${JSON.stringify(hhmm)}: expected HH:MM (or HHMM) from 00:00 to 23:59`);
}
