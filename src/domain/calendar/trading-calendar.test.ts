// Proves the calendar's queries on the cases the issue names: special closures, early closes, DST
// changes, Juneteenth, Good Friday, the Saturday New Year rule, next open/close, extended hours and
// the supported range (1999–2030).
import { describe, expect, it } from 'vitest';

import { CalendarRangeError } from './calendar-range-error.js';
import { etDate, etDateTime } from './eastern-time.js';
import {
  isOpen,
  isTradingDay,
  nextClose,
  nextOpen,
  nextTradingDay,
  previousTradingDay,
  session,
  sessionClose,
  sessionOpen,
  sessionsBetween,
} from './trading-calendar.js';

const utc = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();

describe('special closure 2025-01-09 (National Day of Mourning for President Carter)', () => {
  it('is closed all day, extended hours included', () => {
    expect(isTradingDay('2025-01-09')).toBe(false);
    expect(session('2025-01-09')).toBeUndefined();
    expect(isOpen(utc('2025-01-09T15:00:00Z'))).toBe(false);
    expect(isOpen(utc('2025-01-09T15:00:00Z'), { extendedHours: true })).toBe(false);
    expect(isTradingDay('2025-01-08')).toBe(true);
    expect(isTradingDay('2025-01-10')).toBe(true);
  });
});

describe('13:00 ET early closes', () => {
  it.each([
    ['2025-07-03', '2025-07-03T17:00:00.000Z'], // EDT
    ['2025-11-28', '2025-11-28T18:00:00.000Z'], // EST
    ['2025-12-24', '2025-12-24T18:00:00.000Z'],
  ])('%s closes at 13:00 ET (%s)', (date, closeIso) => {
    const s = session(date);
    expect(s?.earlyClose).toBe(true);
    expect(iso(sessionClose(date))).toBe(closeIso);
    expect(isOpen(sessionClose(date) - 1)).toBe(true);
    expect(isOpen(sessionClose(date))).toBe(false);
    expect(isOpen(sessionClose(date) + 2 * 3_600_000)).toBe(false); // 15:00 ET, open on a normal day
    expect(s?.extendedClose).toBe(etDateTime(date, '17:00'));
  });

  it('keeps a 16:00 close on ordinary days', () => {
    expect(session('2025-07-02')?.earlyClose).toBe(false);
    expect(iso(sessionClose('2025-07-02'))).toBe('2025-07-02T20:00:00.000Z');
  });
});

describe('DST changes (EST open = 14:30Z, EDT open = 13:30Z)', () => {
  it('spring forward 2025-03-09: Friday before opens 14:30Z, Monday after 13:30Z', () => {
    expect(iso(sessionOpen('2025-03-07'))).toBe('2025-03-07T14:30:00.000Z');
    expect(iso(sessionClose('2025-03-07'))).toBe('2025-03-07T21:00:00.000Z');
    expect(iso(sessionOpen('2025-03-10'))).toBe('2025-03-10T13:30:00.000Z');
    expect(iso(sessionClose('2025-03-10'))).toBe('2025-03-10T20:00:00.000Z');
    expect(isTradingDay('2025-03-09')).toBe(false);
    expect(etDate(utc('2025-03-09T04:59:59.999Z'))).toBe('2025-03-08');
    expect(etDate(utc('2025-03-09T05:00:00Z'))).toBe('2025-03-09');
    expect(etDate(utc('2025-03-10T03:59:59.999Z'))).toBe('2025-03-09');
    expect(etDate(utc('2025-03-10T04:00:00Z'))).toBe('2025-03-10');
  });

  it('isOpen is right on the Monday after the spring change', () => {
    expect(isOpen(utc('2025-03-10T13:29:59.999Z'))).toBe(false);
    expect(isOpen(utc('2025-03-10T13:45:00Z'))).toBe(true); // 09:45 EDT
    expect(isOpen(utc('2025-03-07T13:45:00Z'))).toBe(false); // 08:45 EST on the Friday before
    expect(isOpen(utc('2025-03-10T19:59:00Z'))).toBe(true);
    expect(isOpen(utc('2025-03-10T20:30:00Z'))).toBe(false); // 16:30 EDT
    expect(isOpen(utc('2025-03-07T20:30:00Z'))).toBe(true); // 15:30 EST
  });

  it('fall back 2025-11-02: Friday before opens 13:30Z, Monday after 14:30Z', () => {
    expect(iso(sessionOpen('2025-10-31'))).toBe('2025-10-31T13:30:00.000Z');
    expect(iso(sessionClose('2025-10-31'))).toBe('2025-10-31T20:00:00.000Z');
    expect(iso(sessionOpen('2025-11-03'))).toBe('2025-11-03T14:30:00.000Z');
    expect(iso(sessionClose('2025-11-03'))).toBe('2025-11-03T21:00:00.000Z');
    expect(etDate(utc('2025-11-02T03:59:59.999Z'))).toBe('2025-11-01');
    expect(etDate(utc('2025-11-02T04:00:00Z'))).toBe('2025-11-02');
    expect(etDate(utc('2025-11-03T04:59:59.999Z'))).toBe('2025-11-02');
    expect(etDate(utc('2025-11-03T05:00:00Z'))).toBe('2025-11-03');
  });

  it('isOpen is right on the Monday after the autumn change', () => {
    expect(isOpen(utc('2025-11-03T13:45:00Z'))).toBe(false); // 08:45 EST
    expect(isOpen(utc('2025-10-31T13:45:00Z'))).toBe(true); // 09:45 EDT on the Friday before
    expect(isOpen(utc('2025-11-03T14:29:59.999Z'))).toBe(false);
    expect(isOpen(utc('2025-11-03T14:30:00Z'))).toBe(true);
    expect(isOpen(utc('2025-11-03T20:30:00Z'))).toBe(true); // 15:30 EST
    expect(isOpen(utc('2025-10-31T20:30:00Z'))).toBe(false); // 16:30 EDT
  });
});

describe('Juneteenth, Good Friday, New Year 2022', () => {
  it.each(['2022-06-20', '2023-06-19', '2025-06-19'])('Juneteenth %s is closed', (date) => {
    expect(isTradingDay(date)).toBe(false);
  });

  it.each(['2025-04-18', '2024-03-29', '2026-04-03'])('Good Friday %s is closed', (date) => {
    expect(isTradingDay(date)).toBe(false);
    expect(isOpen(etDateTime(date, '10:00'))).toBe(false);
  });

  it('Saturday 2022-01-01 gives no holiday on Friday 2021-12-31', () => {
    expect(isTradingDay('2021-12-31')).toBe(true);
    expect(session('2021-12-31')?.earlyClose).toBe(false);
    expect(isOpen(etDateTime('2021-12-31', '12:00'))).toBe(true);
    expect(isTradingDay('2022-01-03')).toBe(true);
  });
});

describe('nextOpen / nextClose', () => {
  it('crosses a weekend', () => {
    expect(iso(nextOpen(utc('2025-06-06T20:00:00Z')))).toBe('2025-06-09T13:30:00.000Z');
    expect(iso(nextOpen(utc('2025-06-07T15:00:00Z')))).toBe('2025-06-09T13:30:00.000Z');
  });

  it('crosses holidays (Carter day; Good Friday plus weekend)', () => {
    expect(iso(nextOpen(utc('2025-01-08T21:00:00Z')))).toBe('2025-01-10T14:30:00.000Z');
    expect(iso(nextOpen(utc('2025-04-17T20:00:00Z')))).toBe('2025-04-21T13:30:00.000Z');
  });

  it('after an early close goes past the holiday and weekend that follow (2025-07-03 → 07-07)', () => {
    const afterEarly = utc('2025-07-03T17:30:00Z'); // 13:30 ET
    expect(isOpen(afterEarly)).toBe(false);
    expect(iso(nextOpen(afterEarly))).toBe('2025-07-07T13:30:00.000Z');
    expect(iso(nextClose(utc('2025-07-03T14:00:00Z')))).toBe('2025-07-03T17:00:00.000Z');
    expect(iso(nextClose(afterEarly))).toBe('2025-07-07T20:00:00.000Z');
  });

  it('is strictly after t: before today’s open gives today’s open, at the open gives tomorrow’s', () => {
    const open = sessionOpen('2025-06-10');
    expect(nextOpen(open - 1)).toBe(open);
    expect(nextOpen(open)).toBe(sessionOpen('2025-06-11'));
    expect(nextOpen(utc('2025-06-10T05:00:00Z'))).toBe(open);
  });

  it('nextClose is at or after t', () => {
    const close = sessionClose('2025-06-10');
    expect(nextClose(close)).toBe(close);
    expect(nextClose(close + 1)).toBe(sessionClose('2025-06-11'));
    expect(nextClose(sessionOpen('2025-06-10'))).toBe(close);
  });
});

describe('isOpen with and without extended hours', () => {
  it('pre-market starts at 04:00 ET and after-hours ends at 20:00 ET', () => {
    const date = '2025-06-10';
    const cases: [string, boolean, boolean][] = [
      ['03:59', false, false],
      ['04:00', false, true],
      ['09:29', false, true],
      ['09:30', true, true],
      ['15:59', true, true],
      ['16:00', false, true],
      ['19:59', false, true],
    ];
    for (const [hhmm, regular, extended] of cases) {
      const t = etDateTime(date, hhmm);
      expect([hhmm, isOpen(t)]).toEqual([hhmm, regular]);
      expect([hhmm, isOpen(t, { extendedHours: true })]).toEqual([hhmm, extended]);
      expect(isOpen(t, { extendedHours: false })).toBe(regular);
    }
    expect(isOpen(utc('2025-06-11T00:00:00Z'), { extendedHours: true })).toBe(false); // 20:00 EDT
    expect(isOpen(utc('2025-06-10T23:59:59.999Z'), { extendedHours: true })).toBe(true);
  });

  it('after-hours end at 17:00 ET on early-close days', () => {
    expect(isOpen(etDateTime('2025-11-28', '16:59'), { extendedHours: true })).toBe(true);
    expect(isOpen(etDateTime('2025-11-28', '17:00'), { extendedHours: true })).toBe(false);
  });

  it('is closed on weekends and holidays even with extended hours', () => {
    expect(isOpen(etDateTime('2025-06-14', '10:00'), { extendedHours: true })).toBe(false);
    expect(isOpen(etDateTime('2025-07-04', '10:00'), { extendedHours: true })).toBe(false);
  });
});

describe('trading-day navigation', () => {
  it('previous/next trading day skip weekends and holidays', () => {
    expect(previousTradingDay('2025-01-10')).toBe('2025-01-08');
    expect(nextTradingDay('2025-04-17')).toBe('2025-04-21');
    expect(previousTradingDay('2025-01-01')).toBe('2024-12-31');
    expect(nextTradingDay('2025-06-14')).toBe('2025-06-16');
  });

  it('sessionsBetween is inclusive and skips closures', () => {
    const s = sessionsBetween('2025-12-22', '2026-01-05');
    expect(s.map((x) => x.date)).toEqual([
      '2025-12-22', '2025-12-23', '2025-12-24', '2025-12-26', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05',
    ]);
    expect(s.filter((x) => x.earlyClose).map((x) => x.date)).toEqual(['2025-12-24']);
    expect(sessionsBetween('2025-06-14', '2025-06-15')).toEqual([]);
    expect(() => sessionsBetween('2025-06-16', '2025-06-13')).toThrow(/from 2025-06-16 is after to 2025-06-13/);
  });

  it('counts the trading days NYSE had in 2020–2025', () => {
    const counts = [2020, 2021, 2022, 2023, 2024, 2025].map((y) => sessionsBetween(`${y}-01-01`, `${y}-12-31`).length);
    expect(counts).toEqual([253, 252, 251, 250, 252, 250]);
  });

  it('every session 2020–2030 matches its wall times and its own ET date', () => {
    const wrong: string[] = [];
    const sessions = sessionsBetween('2020-01-01', '2030-12-31');
    for (const s of sessions) {
      const ok =
        s.open === etDateTime(s.date, '09:30') &&
        s.close === etDateTime(s.date, s.earlyClose ? '13:00' : '16:00') &&
        s.extendedOpen === etDateTime(s.date, '04:00') &&
        s.extendedClose === etDateTime(s.date, s.earlyClose ? '17:00' : '20:00') &&
        etDate(s.extendedOpen) === s.date &&
        etDate(s.extendedClose - 1) === s.date;
      if (!ok) wrong.push(s.date);
    }
    expect(sessions.length).toBe(2763); // the per-year counts above, summed
    expect(wrong).toEqual([]);
  });
});

describe('errors', () => {
  it('sessionOpen/sessionClose throw on non-trading days, naming the date and why', () => {
    expect(() => sessionClose('2025-06-14')).toThrow(/2025-06-14 is not an NYSE trading day \(weekend\)/);
    expect(() => sessionOpen('2025-12-25')).toThrow(/2025-12-25 .*Christmas Day/);
  });

  it('rejects malformed dates, naming the value', () => {
    expect(() => session('2025-02-30')).toThrow(/invalid date "2025-02-30"/);
    expect(() => isTradingDay('2025-7-3')).toThrow(/invalid date "2025-7-3".*YYYY-MM-DD/);
    expect(() => isOpen(Number.NaN)).toThrow(/invalid instant NaN/);
  });

  it('throws CalendarRangeError outside 1999–2030, naming the date and the range', () => {
    expect(() => session('1998-12-31')).toThrow(CalendarRangeError);
    expect(() => session('2019-02-11')).not.toThrow(); // the alphavantage-2019 week, out of range before the extension
    expect(() => session('2031-01-02')).toThrow(/2031-01-02.*1999-01-01 to 2030-12-31/);
    expect(() => isTradingDay('1998-06-01')).toThrow(/NYSE calendar has no data for 1998-06-01: supported range is 1999-01-01 to 2030-12-31/);
    expect(() => isOpen(utc('1999-01-01T04:59:59Z'))).toThrow(/1998-12-31/); // still 1998 in New York
    expect(isOpen(utc('1999-01-01T05:00:00Z'))).toBe(false); // New Year's Day 1999, in range
    expect(() => isOpen(utc('2031-01-02T15:00:00Z'))).toThrow(CalendarRangeError);
    expect(() => nextOpen(sessionOpen('2030-12-31'))).toThrow(/2031-01-01.*next open/);
    expect(() => nextClose(sessionClose('2030-12-31') + 1)).toThrow(CalendarRangeError);
    expect(() => previousTradingDay('1999-01-04')).toThrow(/1998-12-31.*previous trading day from 1999-01-04/);
    expect(previousTradingDay('1999-01-05')).toBe('1999-01-04');
    expect(() => nextTradingDay('2030-12-31')).toThrow(/2031-01-01/);
    expect(() => nextTradingDay('2031-03-01')).toThrow(/2031-03-01/);
    expect(() => sessionsBetween('2030-12-01', '2031-01-05')).toThrow(/2031-01-05/);
    expect(() => sessionsBetween('1998-12-28', '1999-01-05')).toThrow(/1998-12-28/);
    expect(nextOpen(sessionOpen('2030-12-30'))).toBe(sessionOpen('2030-12-31'));
  });
});
