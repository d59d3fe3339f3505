// Conversions between epoch milliseconds and New York wall time (America/New_York, DST-aware).
// Exists because every market rule (S6) is stated in ET, and the hot path (isOpen per bar and per
// order) must map an instant to its ET date without allocating luxon objects: the UTC offsets are
// read from luxon's tz data once, as a table of DST transitions, and then looked up arithmetically.
// The offsets come from the IANA rules for America/New_York (via luxon/Intl), so both US DST regimes
// are right (wall times go the other way through the same table: etWallTime): until 2006 DST ran from the first Sunday of April to the last Sunday of October, from
// 2007 on from the second Sunday of March to the first Sunday of November (tests pin both).
// Must never: use the host's local time zone (TZ), assume a fixed -05:00 offset, or hard-code a DST rule.

import { IANAZone } from 'luxon';

import { formatDays, MS_PER_DAY, parseDate, parseHhmm } from './civil-date.js';

/** The market's time zone (S6). */
export const MARKET_TIME_ZONE = 'America/New_York';

const zone = IANAZone.create(MARKET_TIME_ZONE);
const MS_PER_MINUTE = 60_000;
/** Years covered by the precomputed transition table (one either side of the calendar's range). */
const TABLE_FIRST_YEAR = 1998;
const TABLE_LAST_YEAR = 2031;

interface OffsetTable {
  readonly from: number; // first instant covered
  readonly to: number; // first instant not covered
  readonly starts: readonly number[]; // instant each period begins, ascending; starts[0] === from
  readonly offsets: readonly number[]; // UTC offset in ms during each period
}

let table: OffsetTable | undefined;

function zoneOffsetMs(t: number): number {
  return zone.offset(t) * MS_PER_MINUTE;
}

/** First instant in (lo, hi] whose offset differs from lo's, given exactly one change in between. */
function findTransition(lo: number, hi: number): number {
  const before = zoneOffsetMs(lo);
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = a + Math.floor((b - a) / 2);
    if (zoneOffsetMs(mid) === before) a = mid;
    else b = mid;
  }
  return b;
}

/**
 * Builds the table by probing each half-year (US DST changes once in Jan–Jun and once in Jul–Dec) and
 * binary-searching the instant the offset changes. A half-year with equal end offsets adds nothing,
 * so a future rule without DST still comes out right.
 */
function buildTable(): OffsetTable {
  const from = Date.UTC(TABLE_FIRST_YEAR, 0, 1);
  const to = Date.UTC(TABLE_LAST_YEAR + 1, 0, 1);
  const starts = [from];
  const offsets = [zoneOffsetMs(from)];
  for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
    const edges = [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1), Date.UTC(year + 1, 0, 1)];
    for (let i = 0; i < 2; i++) {
      const lo = edges[i] ?? from;
      const hi = edges[i + 1] ?? to;
      if (zoneOffsetMs(lo) === zoneOffsetMs(hi)) continue;
      const at = findTransition(lo, hi);
      starts.push(at);
      offsets.push(zoneOffsetMs(at));
    }
  }
  return { from, to, starts, offsets };
}

/** UTC offset of New York at instant `t`, in milliseconds (e.g. -18_000_000 for EST). */
export function etOffsetMs(t: number): number {
  table ??= buildTable();
  if (t < table.from || t >= table.to) return zoneOffsetMs(t);
  const { starts, offsets } = table;
  // Binary search for the last period starting at or before t (starts[0] === from <= t).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? Number.POSITIVE_INFINITY) <= t) lo = mid;
    else hi = mid - 1;
  }
  return offsets[lo] ?? zoneOffsetMs(t);
}

function assertInstant(t: number): void {
  if (!Number.isFinite(t)) {
    throw new RangeError(`invalid instant ${String(t)}: expected finite epoch milliseconds (UTC)`);
  }
}

/**
 * Day number (days since 1970-01-01) of the ET calendar date of instant `t`. Allocation-free.
 * @throws RangeError when `t` is not a finite number
 */
export function etDayNumber(t: number): number {
  assertInstant(t);
  return Math.floor((t + etOffsetMs(t)) / MS_PER_DAY);
}

/**
 * The ET calendar date ('YYYY-MM-DD') of an instant. Works for any instant (no calendar-range limit).
 * @param t epoch milliseconds, UTC
 * @throws RangeError when `t` is not a finite number
 */
export function etDate(t: number): string {
  // One bar after another falls on the same ET day: the last day's string is kept (no allocation per call).
  const days = etDayNumber(t);
  if (days !== lastDate.days) lastDate = { days, date: formatDays(days) };
  return lastDate.date;
}

let lastDate: { readonly days: number; readonly date: string } = { days: 0, date: '1970-01-01' };

/**
 * Epoch milliseconds of an ET wall time on an ET date, DST-correct (09:30 is 14:30Z in winter, 13:30Z
 * in summer). Wall times that do not exist (02:00–02:59 on the spring-forward Sunday) are moved
 * forward by the gap, and ambiguous ones (01:00–01:59 on the fall-back Sunday) resolve to the later,
 * standard-time instant (EST), as luxon 3 does (both pinned by tests); market hours never touch either.
 * @param date 'YYYY-MM-DD'
 * @param hhmm 'HH:MM' or 'HHMM', 00:00–23:59
 * @throws RangeError naming the value when `date` or `hhmm` is malformed
 */
export function etDateTime(date: string, hhmm: string): number {
  return etWallTime(parseDate(date), parseHhmm(hhmm));
}

/**
 * Epoch milliseconds of `minutes` after ET midnight on the ET date with day number `days` (the parsed
 * form of {@link etDateTime}, for callers that already hold day numbers). Arithmetic over the offset table (no
 * luxon object): the offsets a day before and a day after bound the instant (US transitions are months apart);
 * a wall time valid under both is the fall-back hour (the later, EST instant), valid under neither is the
 * spring-forward gap (moved forward by the gap, as luxon does).
 * @throws RangeError when `minutes` is not a whole number of minutes in 0–1439
 */
export function etWallTime(days: number, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60 || !Number.isInteger(days)) {
    throw new RangeError(`cannot place day ${String(days)} +${String(minutes)} min in ${MARKET_TIME_ZONE}: minutes must be a whole number in 0–1439`);
  }
  const local = days * MS_PER_DAY + minutes * MS_PER_MINUTE;
  const before = etOffsetMs(local - MS_PER_DAY);
  const after = etOffsetMs(local + MS_PER_DAY);
  const early = local - before;
  const late = local - after;
  const earlyValid = etOffsetMs(early) === before;
  const lateValid = etOffsetMs(late) === after;
  if (earlyValid && lateValid) return Math.max(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  return local - Math.min(before, after);
}

