// Proves the calendar's 1999–2019 years: holidays, special closures and 13:00 early closes equal a
// checked table year by year, the yearly session counts are NYSE's, and sessions before 2007 follow the
// old US DST rule (first Sunday of April to last Sunday of October).
import { describe, expect, it } from 'vitest';

import { etDate, etDateTime } from './eastern-time.js';
import { NYSE_SPECIAL_CLOSURES, NYSE_SPECIAL_EARLY_CLOSES } from './nyse-rules.js';
import { earlyCloses, holidays, isTradingDay, session, sessionClose, sessionOpen, sessionsBetween } from './trading-calendar.js';

/**
 * Written by hand, one year at a time, from NYSE's historical closings list (as transcribed in the
 * XNYS calendar of exchange_calendars and the NYSE calendar of pandas_market_calendars, whose
 * holiday definitions and ad-hoc lists were read for this) and the news of the day: the 1999-04-06
 * board decision to close at 1 p.m. on 1999-12-31, the 9/11 closures, the days of mourning for
 * Reagan (2004-06-11), Ford (2007-01-02) and G. H. W. Bush (2018-12-05), and Hurricane Sandy. The
 * daily bars in ../shared confirm the full-day closures of 1999-01-22 … 2018-01-19
 * (market-data-days.test.ts). Notable years: 2000/2005/2011 (Saturday New Year, not observed),
 * 2002 (July 4 on Thursday: the early close was Friday July 5, not July 3), 2003 (also Dec 26).
 */
const NYSE_1999_2019: Record<number, { holidays: string[]; early: string[] }> = {
  1999: { holidays: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'], early: ['11-26', '12-31'] },
  2000: { holidays: ['01-17', '02-21', '04-21', '05-29', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2001: {
    holidays: ['01-01', '01-15', '02-19', '04-13', '05-28', '07-04', '09-03', '09-11', '09-12', '09-13', '09-14', '11-22', '12-25'],
    early: ['07-03', '11-23', '12-24'],
  },
  2002: { holidays: ['01-01', '01-21', '02-18', '03-29', '05-27', '07-04', '09-02', '11-28', '12-25'], early: ['07-05', '11-29', '12-24'] },
  2003: { holidays: ['01-01', '01-20', '02-17', '04-18', '05-26', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24', '12-26'] },
  2004: { holidays: ['01-01', '01-19', '02-16', '04-09', '05-31', '06-11', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
  2005: { holidays: ['01-17', '02-21', '03-25', '05-30', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
  2006: { holidays: ['01-02', '01-16', '02-20', '04-14', '05-29', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2007: { holidays: ['01-01', '01-02', '01-15', '02-19', '04-06', '05-28', '07-04', '09-03', '11-22', '12-25'], early: ['07-03', '11-23', '12-24'] },
  2008: { holidays: ['01-01', '01-21', '02-18', '03-21', '05-26', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24'] },
  2009: { holidays: ['01-01', '01-19', '02-16', '04-10', '05-25', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
  2010: { holidays: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
  2011: { holidays: ['01-17', '02-21', '04-22', '05-30', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
  2012: {
    holidays: ['01-02', '01-16', '02-20', '04-06', '05-28', '07-04', '09-03', '10-29', '10-30', '11-22', '12-25'],
    early: ['07-03', '11-23', '12-24'],
  },
  2013: { holidays: ['01-01', '01-21', '02-18', '03-29', '05-27', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
  2014: { holidays: ['01-01', '01-20', '02-17', '04-18', '05-26', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24'] },
  2015: { holidays: ['01-01', '01-19', '02-16', '04-03', '05-25', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
  2016: { holidays: ['01-01', '01-18', '02-15', '03-25', '05-30', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
  2017: { holidays: ['01-02', '01-16', '02-20', '04-14', '05-29', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2018: { holidays: ['01-01', '01-15', '02-19', '03-30', '05-28', '07-04', '09-03', '11-22', '12-05', '12-25'], early: ['07-03', '11-23', '12-24'] },
  2019: { holidays: ['01-01', '01-21', '02-18', '04-19', '05-27', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
};

/** NYSE trading days per year 1999–2019 (252 in a plain year; 9/11, Sandy and the days of mourning show). */
const SESSIONS_PER_YEAR: Record<number, number> = {
  1999: 252, 2000: 252, 2001: 248, 2002: 252, 2003: 252, 2004: 252, 2005: 252, 2006: 251, 2007: 251, 2008: 253, 2009: 252,
  2010: 252, 2011: 252, 2012: 250, 2013: 252, 2014: 252, 2015: 252, 2016: 252, 2017: 251, 2018: 251, 2019: 252,
};

const iso = (t: number): string => new Date(t).toISOString();

describe('1999–2019 holidays and early closes against the checked table', () => {
  for (const [yearText, expected] of Object.entries(NYSE_1999_2019)) {
    const year = Number(yearText);
    it(`${yearText}: holidays, early closes and session count match`, () => {
      expect(holidays(year).map((h) => h.date)).toEqual(expected.holidays.map((d) => `${yearText}-${d}`));
      expect(earlyCloses(year).map((h) => h.date)).toEqual(expected.early.map((d) => `${yearText}-${d}`));
      for (const h of holidays(year)) expect(isTradingDay(h.date)).toBe(false);
      for (const e of earlyCloses(year)) {
        expect(session(e.date)?.earlyClose).toBe(true);
        expect(sessionClose(e.date)).toBe(etDateTime(e.date, '13:00'));
      }
      const sessions = sessionsBetween(`${yearText}-01-01`, `${yearText}-12-31`);
      expect(sessions.length).toBe(SESSIONS_PER_YEAR[year]);
      expect(sessions.filter((s) => s.earlyClose).map((s) => s.date)).toEqual(earlyCloses(year).map((e) => e.date));
    });
  }

  it('names the special closures and early closes', () => {
    expect(holidays(2001).filter((h) => /September 11/.test(h.name)).map((h) => h.date)).toEqual(['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14']);
    expect(holidays(2004).find((h) => h.date === '2004-06-11')?.name).toMatch(/Reagan/);
    expect(holidays(2007).find((h) => h.date === '2007-01-02')?.name).toMatch(/Ford/);
    expect(holidays(2012).filter((h) => /Sandy/.test(h.name)).map((h) => h.date)).toEqual(['2012-10-29', '2012-10-30']);
    expect(holidays(2018).find((h) => h.date === '2018-12-05')?.name).toMatch(/Bush/);
    expect(earlyCloses(2002).find((e) => e.date === '2002-07-05')?.name).toBe('Day after Independence Day');
    expect(earlyCloses(1999).find((e) => e.date === '1999-12-31')?.name).toMatch(/year-2000/);
    expect(Object.isFrozen(NYSE_SPECIAL_CLOSURES) && Object.isFrozen(NYSE_SPECIAL_EARLY_CLOSES[0])).toBe(true);
  });

  it('every one-off closure is a weekday closed, every one-off early close a 13:00 session', () => {
    for (const c of NYSE_SPECIAL_CLOSURES) expect([c.date, isTradingDay(c.date)]).toEqual([c.date, false]);
    for (const e of NYSE_SPECIAL_EARLY_CLOSES) expect([e.date, session(e.date)?.earlyClose]).toEqual([e.date, true]);
  });
});

describe('rule changes inside 1999–2019', () => {
  it('July 4 on a Thursday: early close on Friday July 5 until 2012, on Wednesday July 3 from 2013', () => {
    expect(session('2002-07-03')?.earlyClose).toBe(false);
    expect(session('2002-07-05')?.earlyClose).toBe(true);
    expect(session('2013-07-03')?.earlyClose).toBe(true);
    expect(session('2013-07-05')?.earlyClose).toBe(false);
    expect(session('2019-07-03')?.earlyClose).toBe(true);
    expect(session('2019-07-05')?.earlyClose).toBe(false);
  });

  it('Friday after a Thursday Christmas: 13:00 only in 2003, full days in 2008 and 2014', () => {
    expect(session('2003-12-26')?.earlyClose).toBe(true);
    expect(session('2008-12-26')?.earlyClose).toBe(false);
    expect(session('2014-12-26')?.earlyClose).toBe(false);
  });

  it('a Saturday New Year (2000, 2005, 2011) closes no Friday; a Saturday Christmas closes Friday Dec 24', () => {
    for (const date of ['1999-12-31', '2004-12-31', '2010-12-31']) expect([date, isTradingDay(date)]).toEqual([date, true]);
    for (const date of ['1999-12-24', '2004-12-24', '2010-12-24']) expect([date, isTradingDay(date)]).toEqual([date, false]);
    expect(session('2004-12-31')?.earlyClose).toBe(false); // only 1999's New Year's Eve closed early
  });

  it('MLK Day is closed throughout (observed since 1998); Juneteenth is a trading day', () => {
    for (let year = 1999; year <= 2019; year++) {
      expect(holidays(year).some((h) => h.name === 'Martin Luther King, Jr. Day')).toBe(true);
      expect(holidays(year).some((h) => /Juneteenth/.test(h.name))).toBe(false);
    }
  });
});

describe('sessions under the pre-2007 US DST rule', () => {
  it.each([
    // 2006: DST from Sunday April 2 to Sunday October 29 (first Sunday of April, last Sunday of October).
    ['2006-03-13', '2006-03-13T14:30:00.000Z'], // EST; under the 2007 rule this Monday would already be EDT
    ['2006-03-31', '2006-03-31T14:30:00.000Z'],
    ['2006-04-03', '2006-04-03T13:30:00.000Z'], // EDT
    ['2006-10-27', '2006-10-27T13:30:00.000Z'],
    ['2006-10-30', '2006-10-30T14:30:00.000Z'], // EST again; under the 2007 rule still EDT
    ['1999-04-01', '1999-04-01T14:30:00.000Z'],
    ['1999-04-05', '1999-04-05T13:30:00.000Z'],
    ['1999-10-29', '1999-10-29T13:30:00.000Z'],
    ['1999-11-01', '1999-11-01T14:30:00.000Z'],
    // 2007: the new rule, second Sunday of March (11th) to first Sunday of November (4th).
    ['2007-03-09', '2007-03-09T14:30:00.000Z'],
    ['2007-03-12', '2007-03-12T13:30:00.000Z'],
    ['2007-11-02', '2007-11-02T13:30:00.000Z'],
    ['2007-11-05', '2007-11-05T14:30:00.000Z'],
  ])('%s opens at %s', (date, openIso) => {
    expect(iso(sessionOpen(date))).toBe(openIso);
    expect(sessionClose(date) - sessionOpen(date)).toBe(6.5 * 3_600_000);
  });

  it('early closes in EST and EDT: 2002-07-05 at 17:00Z, 2003-12-26 at 18:00Z', () => {
    expect(iso(sessionClose('2002-07-05'))).toBe('2002-07-05T17:00:00.000Z');
    expect(iso(sessionClose('2003-12-26'))).toBe('2003-12-26T18:00:00.000Z');
    expect(iso(sessionClose('1999-12-31'))).toBe('1999-12-31T18:00:00.000Z');
  });

  it('every session 1999–2019 matches its wall times and its own ET date', () => {
    const wrong: string[] = [];
    const sessions = sessionsBetween('1999-01-01', '2019-12-31');
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
    expect(sessions.length).toBe(Object.values(SESSIONS_PER_YEAR).reduce((a, b) => a + b, 0));
    expect(wrong).toEqual([]);
  });
});
