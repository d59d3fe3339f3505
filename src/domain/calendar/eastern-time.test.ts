// Proves the allocation-free ET conversions agree with luxon's tz data everywhere, DST edges included,
// and that the civil-date arithmetic under them is exact.
import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';

import { civilFromDays, daysFromCivil, formatDays, parseDate, parseHhmm, weekday } from './civil-date.js';
import { etDate, etDateTime, etOffsetMs, etWallTime, MARKET_TIME_ZONE } from './eastern-time.js';

const HOUR = 3_600_000;
const luxonDate = (t: number): string => DateTime.fromMillis(t, { zone: MARKET_TIME_ZONE }).toISODate() ?? 'invalid';
const luxonOffsetMs = (t: number): number => DateTime.fromMillis(t, { zone: MARKET_TIME_ZONE }).offset * 60_000;

describe('civil dates', () => {
  it('round-trips day numbers and agrees with Date.UTC and getUTCDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
        const d = new Date(days * 86_400_000);
        expect([year, month, day]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
        expect(weekday(days)).toBe(d.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('parses and formats YYYY-MM-DD, rejecting impossible dates', () => {
    expect(formatDays(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(formatDays(parseDate('2000-01-01'))).toBe('2000-01-01');
    for (const bad of ['2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '20250101', ' 2025-01-01', '']) {
      expect(() => parseDate(bad)).toThrow(`invalid date ${JSON.stringify(bad)}`);
    }
  });

  it('parses HH:MM and HHMM wall times, rejecting the rest', () => {
    expect(parseHhmm('09:30')).toBe(570);
    expect(parseHhmm('0400')).toBe(240);
    expect(parseHhmm('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:30', '12:60', '12-30', 'noon']) {
      expect(() => parseHhmm(bad)).toThrow(`invalid wall time ${JSON.stringify(bad)}`);
    }
  });
});

describe('etDate / etOffsetMs', () => {
  it('matches luxon for random instants 1990–2045 (table range and fallback alike)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2045, 0, 1) }), (t) => {
        expect(etDate(t)).toBe(luxonDate(t));
        expect(etOffsetMs(t)).toBe(luxonOffsetMs(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('switches offset at exactly the same millisecond as luxon at every DST change 1998–2031', () => {
    let changes = 0;
    for (let t = Date.UTC(1998, 0, 1); t < Date.UTC(2032, 0, 1); t += 6 * HOUR) {
      if (luxonOffsetMs(t) === luxonOffsetMs(t + 6 * HOUR)) continue;
      let lo = t;
      let hi = t + 6 * HOUR;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (luxonOffsetMs(mid) === luxonOffsetMs(lo)) lo = mid;
        else hi = mid;
      }
      changes++;
      expect([hi, etOffsetMs(hi - 1), etOffsetMs(hi)]).toEqual([hi, luxonOffsetMs(hi - 1), luxonOffsetMs(hi)]);
      expect(etDate(hi - 1)).toBe(luxonDate(hi - 1));
      expect(etDate(hi)).toBe(luxonDate(hi));
    }
    expect(changes).toBe(68); // two per year, 34 years
  });

  it('changes at 02:00 local: 2025-03-09T07:00Z and 2025-11-02T06:00Z', () => {
    expect(etOffsetMs(Date.parse('2025-03-09T06:59:59.999Z'))).toBe(-5 * HOUR);
    expect(etOffsetMs(Date.parse('2025-03-09T07:00:00Z'))).toBe(-4 * HOUR);
    expect(etOffsetMs(Date.parse('2025-11-02T05:59:59.999Z'))).toBe(-4 * HOUR);
    expect(etOffsetMs(Date.parse('2025-11-02T06:00:00Z'))).toBe(-5 * HOUR);
  });

  it('follows the pre-2007 US rule: first Sunday of April to last Sunday of October (1999, 2006)', () => {
    const switches: [string, number, number][] = [
      ['1999-04-04T07:00:00Z', -5, -4], // 02:00 EST on Sunday April 4
      ['1999-10-31T06:00:00Z', -4, -5], // 02:00 EDT on Sunday October 31
      ['2006-04-02T07:00:00Z', -5, -4],
      ['2006-10-29T06:00:00Z', -4, -5],
    ];
    for (const [at, before, after] of switches) {
      expect([at, etOffsetMs(Date.parse(at) - 1), etOffsetMs(Date.parse(at))]).toEqual([at, before * HOUR, after * HOUR]);
    }
    expect(etOffsetMs(Date.parse('2006-03-20T15:00:00Z'))).toBe(-5 * HOUR); // EST; the 2007 rule would say EDT
    expect(etOffsetMs(Date.parse('2006-11-01T15:00:00Z'))).toBe(-5 * HOUR);
    expect(etDate(Date.parse('2006-04-03T03:59:59.999Z'))).toBe('2006-04-02'); // 23:59:59 EDT
    expect(etDate(Date.parse('2006-04-03T04:00:00Z'))).toBe('2006-04-03');
  });

  it('follows the 2007 rule from 2007: second Sunday of March to first Sunday of November', () => {
    expect(etOffsetMs(Date.parse('2007-03-11T06:59:59.999Z'))).toBe(-5 * HOUR);
    expect(etOffsetMs(Date.parse('2007-03-11T07:00:00Z'))).toBe(-4 * HOUR);
    expect(etOffsetMs(Date.parse('2007-11-04T05:59:59.999Z'))).toBe(-4 * HOUR);
    expect(etOffsetMs(Date.parse('2007-11-04T06:00:00Z'))).toBe(-5 * HOUR);
    expect(etOffsetMs(Date.parse('2007-03-20T15:00:00Z'))).toBe(-4 * HOUR);
    expect(etOffsetMs(Date.parse('2007-11-01T15:00:00Z'))).toBe(-4 * HOUR);
  });

  it('ignores the host TZ (vitest runs with TZ=UTC; New York midnight is 05:00Z in winter)', () => {
    expect(etDate(Date.parse('2025-01-15T04:59:59.999Z'))).toBe('2025-01-14');
    expect(etDate(Date.parse('2025-01-15T05:00:00Z'))).toBe('2025-01-15');
  });

  it('rejects non-finite instants', () => {
    expect(() => etDate(Number.POSITIVE_INFINITY)).toThrow(/invalid instant Infinity/);
  });
});

describe('etDateTime', () => {
  it('is DST-correct under both US rules (2006: April–October; 2007 on: March–November)', () => {
    expect(new Date(etDateTime('2006-03-31', '09:30')).toISOString()).toBe('2006-03-31T14:30:00.000Z');
    expect(new Date(etDateTime('2006-04-03', '09:30')).toISOString()).toBe('2006-04-03T13:30:00.000Z');
    expect(new Date(etDateTime('2006-10-30', '16:00')).toISOString()).toBe('2006-10-30T21:00:00.000Z');
    expect(new Date(etDateTime('2007-03-12', '09:30')).toISOString()).toBe('2007-03-12T13:30:00.000Z');
    expect(new Date(etDateTime('2006-04-02', '02:30')).toISOString()).toBe('2006-04-02T07:30:00.000Z'); // gap → 03:30 EDT
  });

  it('is DST-correct', () => {
    expect(new Date(etDateTime('2025-01-02', '09:30')).toISOString()).toBe('2025-01-02T14:30:00.000Z');
    expect(new Date(etDateTime('2025-07-01', '09:30')).toISOString()).toBe('2025-07-01T13:30:00.000Z');
    expect(new Date(etDateTime('2025-03-09', '00:00')).toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(new Date(etDateTime('2025-03-09', '03:00')).toISOString()).toBe('2025-03-09T07:00:00.000Z');
  });

  it('moves a non-existent wall time forward and takes the EST instant for an ambiguous one', () => {
    expect(new Date(etDateTime('2025-03-09', '02:30')).toISOString()).toBe('2025-03-09T07:30:00.000Z'); // = 03:30 EDT
    expect(new Date(etDateTime('2025-11-02', '01:30')).toISOString()).toBe('2025-11-02T06:30:00.000Z'); // 01:30 EST
  });

  it('round-trips with etDate for random dates and minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: parseDate('1995-01-01'), max: parseDate('2035-12-31') }), fc.integer({ min: 3 * 60, max: 1439 }), (days, minutes) => {
        const date = formatDays(days);
        const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const t = etDateTime(date, hhmm);
        expect(etDate(t)).toBe(date);
        expect(DateTime.fromMillis(t, { zone: MARKET_TIME_ZONE }).toFormat('HH:mm')).toBe(hhmm);
      }),
      { numRuns: 1000 },
    );
  });

  it('equals luxon on every 5th day 1998–2031 at market times, and on each DST-change day around the change', () => {
    // luxon resolves the ambiguous fall-back hour with a guess from its clock (now); pinned to a winter "now" it
    // takes the EST instant, as etWallTime always does.
    const savedNow = Settings.now;
    Settings.now = () => Date.UTC(2025, 0, 15);
    try {
      const viaLuxon = (days: number, minutes: number): number => {
        const { year, month, day } = civilFromDays(days);
        return DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: MARKET_TIME_ZONE }).toMillis();
      };
      let changeDays = 0;
      for (let days = parseDate('1998-01-01'); days <= parseDate('2031-12-31'); days++) {
        if (days % 5 === 0) {
          for (const minutes of [0, 4 * 60, 9 * 60 + 30, 13 * 60, 16 * 60, 19 * 60, 1439]) expect(etWallTime(days, minutes)).toBe(viaLuxon(days, minutes));
        }
        if (etOffsetMs(days * 86_400_000 + 12 * HOUR) === etOffsetMs((days - 1) * 86_400_000 + 12 * HOUR)) continue;
        changeDays++;
        // every minute from 00:30 to 03:30 (the gap and the repeated hour), then every 10 minutes
        for (let minutes = 0; minutes < 24 * 60; minutes += minutes >= 30 && minutes < 210 ? 1 : 10) expect(etWallTime(days, minutes)).toBe(viaLuxon(days, minutes));
      }
      expect(changeDays).toBe(2 * 34);
    } finally {
      Settings.now = savedNow;
    }
  });

  it('names bad input', () => {
    expect(() => etWallTime(parseDate('2025-01-02'), 24 * 60)).toThrow(/minutes must be a whole number in 0–1439/);
    expect(() => etDateTime('2025-02-29', '09:30')).toThrow(/invalid date "2025-02-29"/);
    expect(() => etDateTime('2025-02-28', '9:30')).toThrow(/invalid wall time "9:30"/);
  });
});
