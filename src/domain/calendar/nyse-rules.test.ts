// Proves the rule-computed holidays and early closes equal NYSE's published calendars, year by year
// (2020–2030 here; 1999–2019 in nyse-history.test.ts).
import { describe, expect, it } from 'vitest';

import { CalendarRangeError } from './calendar-range-error.js';
import { formatDays } from './civil-date.js';
import { easterSunday } from './nyse-rules.js';
import { earlyCloses, holidays, isTradingDay, session } from './trading-calendar.js';

/**
 * Written by hand from NYSE's announcements ("NYSE Group announces … holiday and early closings
 * calendar", 2020–2028 as published; the 2026–2028 release of 2025-12-23 and the 2025–2027 release of
 * 2024-11-08 among them). 2029 and 2030 are not yet published by NYSE: those rows are worked out by
 * hand from NYSE Rule 7.2 and the same conventions, and are the least certain part of the table.
 */
const NYSE_PUBLISHED: Record<number, { holidays: string[]; early: string[] }> = {
  2020: { holidays: ['01-01', '01-20', '02-17', '04-10', '05-25', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
  2021: { holidays: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
  2022: { holidays: ['01-17', '02-21', '04-15', '05-30', '06-20', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
  2023: { holidays: ['01-02', '01-16', '02-20', '04-07', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2024: { holidays: ['01-01', '01-15', '02-19', '03-29', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
  2025: { holidays: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24'] },
  2026: { holidays: ['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
  2027: { holidays: ['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
  2028: { holidays: ['01-17', '02-21', '04-14', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2029: { holidays: ['01-01', '01-15', '02-19', '03-30', '05-28', '06-19', '07-04', '09-03', '11-22', '12-25'], early: ['07-03', '11-23', '12-24'] },
  2030: { holidays: ['01-01', '01-21', '02-18', '04-19', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
};

describe('holidays and early closes against NYSE published lists', () => {
  for (const [yearText, expected] of Object.entries(NYSE_PUBLISHED)) {
    const year = Number(yearText);
    it(`${yearText}: holidays and early closes match`, () => {
      expect(holidays(year).map((h) => h.date)).toEqual(expected.holidays.map((d) => `${yearText}-${d}`));
      expect(earlyCloses(year).map((h) => h.date)).toEqual(expected.early.map((d) => `${yearText}-${d}`));
      for (const h of holidays(year)) expect(isTradingDay(h.date)).toBe(false);
      for (const e of earlyCloses(year)) expect(session(e.date)?.earlyClose).toBe(true);
    });
  }

  it('names each closure', () => {
    expect(holidays(2025).find((h) => h.date === '2025-01-09')?.name).toMatch(/Carter/);
    expect(holidays(2022).find((h) => h.date === '2022-06-20')?.name).toMatch(/Juneteenth/);
    expect(holidays(2026).find((h) => h.date === '2026-04-03')?.name).toBe('Good Friday');
    expect(earlyCloses(2025).map((e) => e.name)).toEqual(['Day before Independence Day', 'Day after Thanksgiving', 'Christmas Eve']);
  });

  it('returns frozen lists (callers cannot corrupt the cache)', () => {
    const list = holidays(2024);
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list[0])).toBe(true);
  });

  it('rejects years outside 1999–2030, naming the year and the range', () => {
    expect(() => holidays(1998)).toThrow(CalendarRangeError);
    expect(() => holidays(2031)).toThrow(/year 2031.*1999-01-01 to 2030-12-31/);
    expect(() => earlyCloses(1998)).toThrow(/year 1998: supported range is 1999-01-01 to 2030-12-31 \(years 1999–2030\)/);
    expect(() => holidays(2025.5)).toThrow(CalendarRangeError);
    expect(holidays(1999).length).toBeGreaterThan(0);
  });
});

describe('easterSunday', () => {
  // Western Easter dates from published tables (e.g. the US Naval Observatory list).
  const EASTER: Record<number, string> = {
    2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21', 2020: '2020-04-12',
    2021: '2021-04-04', 2022: '2022-04-17', 2023: '2023-04-09', 2024: '2024-03-31', 2025: '2025-04-20',
    2026: '2026-04-05', 2027: '2027-03-28', 2028: '2028-04-16', 2029: '2029-04-01', 2030: '2030-04-21',
    2038: '2038-04-25', 2285: '2285-03-22',
  };
  for (const [year, date] of Object.entries(EASTER)) {
    it(`${year} → ${date}`, () => {
      expect(formatDays(easterSunday(Number(year)))).toBe(date);
    });
  }
});

describe('rule edge cases', () => {
  it('does not observe a Saturday New Year on the Friday before (2022, 2028)', () => {
    expect(isTradingDay('2021-12-31')).toBe(true);
    expect(isTradingDay('2027-12-31')).toBe(true);
    expect(holidays(2022).some((h) => h.name === "New Year's Day")).toBe(false);
    expect(holidays(2021).some((h) => h.date === '2021-12-31')).toBe(false);
  });

  it('moves a Sunday New Year to Monday (2023-01-02)', () => {
    expect(isTradingDay('2023-01-02')).toBe(false);
  });

  it('has no Juneteenth closure before 2022', () => {
    expect(isTradingDay('2021-06-18')).toBe(true);
    expect(isTradingDay('2020-06-19')).toBe(true);
  });

  it('has no early close before an Independence Day observed on Friday July 3 (2020, 2026)', () => {
    expect(isTradingDay('2020-07-03')).toBe(false);
    expect(session('2020-07-02')?.earlyClose).toBe(false);
    expect(isTradingDay('2026-07-03')).toBe(false);
    expect(session('2026-07-02')?.earlyClose).toBe(false);
  });

  it('has no early close on Dec 23 when Christmas is observed on Friday Dec 24 (2021, 2027)', () => {
    expect(session('2021-12-23')?.earlyClose).toBe(false);
    expect(session('2027-12-23')?.earlyClose).toBe(false);
  });
});
