// Cross-checks the 1999–2019 calendar against the real historical bars in ../shared/data: every date of
// the Yahoo daily files (NVDA 1999–2014, AAPL 2004–2018, SPY 2007–2017) is a session, and every session
// inside each file's span is in that file; the Alpha Vantage 1-minute week of 2019-02-11 (bar END
// times, newest first) trades exactly on our sessions and inside their regular hours. Skips when
// ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { etDateTime } from './eastern-time.js';
import { isTradingDay, session, sessionsBetween } from './trading-calendar.js';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');

const DAILY_FILES = [
  'daily/NVDA_daily_1999-01-22_2014-12-31_yahoo.csv',
  'daily/AAPL_daily_2004-08-19_2018-01-19_yahoo.csv',
  'daily/SPY_daily_2007-12-31_2017-12-29_yahoo.csv',
];
const ALPHAVANTAGE_FILES = ['SPY', 'AAPL', 'MSFT', 'QQQ', 'TSLA'].map((s) => `intraday-1min/alphavantage-2019/${s}_1min.csv`);

/** First column of every data row. */
function firstColumn(relative: string): string[] {
  return readFileSync(resolve(DATA, relative), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(',')));
}

describe.skipIf(!existsSync(DATA))('calendar vs real daily and 2019 1-minute bars', () => {
  it.each(DAILY_FILES)('%s: its dates are exactly the sessions of its span', (file) => {
    const dates = firstColumn(file);
    expect(dates.length).toBeGreaterThan(2000);
    const sorted = [...dates].sort();
    expect(new Set(dates).size).toBe(dates.length); // no duplicate day
    const notSessions = dates.filter((d) => !isTradingDay(d));
    expect(notSessions).toEqual([]);
    const present = new Set(dates);
    const missing = sessionsBetween(sorted[0]!, sorted.at(-1)!).map((s) => s.date).filter((d) => !present.has(d));
    expect(missing).toEqual([]);
  });

  it('together the daily files cover every session of 1999-01-22 … 2018-01-19 and nothing else', () => {
    const union = new Set(DAILY_FILES.flatMap(firstColumn));
    const all = [...union].sort();
    const sessions = sessionsBetween(all[0]!, all.at(-1)!).map((s) => s.date);
    expect([all[0], all.at(-1)]).toEqual(['1999-01-22', '2018-01-19']);
    expect(all).toEqual(sessions);
    // The closures of the period that the bars themselves confirm (absent from every file).
    for (const closed of ['2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '1999-12-24', '2002-03-29']) {
      expect([closed, union.has(closed)]).toEqual([closed, false]);
    }
    // A Saturday New Year closes no Friday: the bars trade on those Fridays.
    for (const open of ['1999-12-31', '2004-12-31', '2010-12-31']) expect([open, union.has(open)]).toEqual([open, true]);
  });

  it.each(ALPHAVANTAGE_FILES)('%s: trades on our sessions, inside regular hours, to a 16:00 close', (file) => {
    const stamps = firstColumn(file);
    const byDate = new Map<string, string[]>();
    for (const stamp of stamps) {
      const date = stamp.slice(0, 10);
      byDate.set(date, [...(byDate.get(date) ?? []), stamp.slice(11, 16)]);
    }
    const dates = [...byDate.keys()].sort();
    expect(dates).toEqual(sessionsBetween(dates[0]!, dates.at(-1)!).map((s) => s.date));
    expect(dates.length).toBe(5);
    for (const [date, ends] of byDate) {
      const s = session(date)!;
      // A bar stamped with its END time t covers (t − 1 min, t]: it must lie inside [open, close].
      const outside = ends.filter((hhmm) => {
        const end = etDateTime(date, hhmm);
        return end - 60_000 < s.open || end > s.close;
      });
      expect([date, outside]).toEqual([date, []]);
      expect([date, ends.some((hhmm) => hhmm > '13:15'), s.earlyClose]).toEqual([date, true, false]);
    }
  });
});
