// Cross-checks the calendar against real 1-minute and 5-minute bars in ../shared/data (IBKR and
// Polygon-style exports, 2024 and 2025–26): the days that traded are exactly our sessions, the days
// whose regular session stopped at 13:00 are exactly our early closes, and extended-hours bars stay
// inside our extended session (17:00 ET on early-close days). Skips when ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { etDateTime } from './eastern-time.js';
import { session, sessionsBetween } from './trading-calendar.js';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');

interface Bar { date: string; hhmm: string; t: number }

/** Bars' ET date, wall time and instant; the first CSV column is 'YYYY-MM-DD HH:MM:SS' with an optional ±HH:MM offset. */
function readBars(relative: string): Bar[] {
  const lines = readFileSync(resolve(DATA, relative), 'utf8').trim().split('\n').slice(1);
  const noon = new Map<string, number>(); // ET noon per date; DST changes at 02:00, so 03:00–23:59 is noon ± minutes
  return lines.map((line) => {
    const stamp = line.slice(0, line.indexOf(','));
    const date = stamp.slice(0, 10);
    const hhmm = stamp.slice(11, 16);
    if (hhmm < '03:00') throw new Error(`unexpected bar before 03:00 ET: ${stamp}`);
    let base = noon.get(date);
    if (base === undefined) {
      base = etDateTime(date, '12:00');
      noon.set(date, base);
    }
    const t = base + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) - 720) * 60_000;
    // Where the export carries its own UTC offset, it must agree with our DST-aware conversion.
    if (stamp.length > 19 && Date.parse(stamp.replace(' ', 'T')) !== t) throw new Error(`offset disagrees with etDateTime: ${stamp}`);
    return { date, hhmm, t };
  });
}

function byDate(bars: readonly Bar[]): Map<string, Bar[]> {
  const out = new Map<string, Bar[]>();
  for (const bar of bars) {
    const list = out.get(bar.date);
    if (list === undefined) out.set(bar.date, [bar]);
    else list.push(bar);
  }
  return out;
}

function expectTradingDaysMatch(days: Map<string, Bar[]>): void {
  const dates = [...days.keys()].sort();
  expect(sessionsBetween(dates[0]!, dates.at(-1)!).map((s) => s.date)).toEqual(dates);
}

const REGULAR_FILES = ['intraday-1min/ibkr-2025-26/SPY_1min.csv', 'intraday-5min/ibkr-2025-26/SPY_5min.csv'];
const EXTENDED_FILES = ['intraday-1min/polygon-like/SPY_1min_2024-02-20_2024-05-17.csv', 'intraday-1min/polygon-like/SPY_1min_2025-07-01_2025-07-30.csv'];

describe.skipIf(!existsSync(DATA))('calendar vs real bars', () => {
  it.each(REGULAR_FILES)('%s: trading days and early closes match the bars', (file) => {
    const days = byDate(readBars(file));
    expectTradingDaysMatch(days);
    let early = 0;
    const lastDate = [...days.keys()].sort().at(-1);
    for (const [date, bars] of days) {
      if (date === lastDate) continue; // a recording's last day may stop mid-session (the 5-min set ends 2026-03-12 10:30)
      const s = session(date)!;
      const afternoon = bars.filter((b) => b.hhmm >= '13:15' && b.hhmm < '16:00').length;
      expect([date, afternoon > 0]).toEqual([date, !s.earlyClose]); // trading after 13:15 ⇔ not an early close
      if (s.earlyClose) early++;
    }
    expect(early).toBeGreaterThanOrEqual(2); // the data holds 2025-11-28 and 2025-12-24
  });

  it.each(EXTENDED_FILES)('%s: trading days match and bars stay inside the extended session', (file) => {
    const days = byDate(readBars(file));
    expectTradingDaysMatch(days);
    for (const [date, bars] of days) {
      const s = session(date)!;
      // A bar starting exactly at the extended close carries the closing print, as at the regular close.
      const outside = bars.filter((b) => b.t < s.extendedOpen || b.t > s.extendedClose).map((b) => `${date} ${b.hhmm}`);
      expect(outside).toEqual([]);
      const late = bars.some((b) => b.hhmm > '17:00');
      expect([date, late]).toEqual([date, !s.earlyClose]); // post-market past 17:00 ⇔ not an early close
    }
  });
});
