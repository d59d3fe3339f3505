// Checks the calendar against Alpaca's own calendar payloads (GET /v2/calendar, GET /v3/calendar/NYSE)
// kept in ../shared. Skips cleanly when ../shared is absent (a fresh clone).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { etDateTime } from './eastern-time.js';
import { session, sessionsBetween } from './trading-calendar.js';

const REST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/alpaca/fixtures/rest');
const V2 = resolve(REST, 'calendar_v2.json');
const V3 = resolve(REST, 'calendar_v3_NYSE.json');

interface V2Day { date: string; open: string; close: string; session_open: string; session_close: string }
interface V3Day { date: string; core_start: string; core_end: string; pre_start: string; pre_end: string; post_start: string; post_end: string }

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Every date from the first to the last listed must be a session exactly when Alpaca lists it. */
function expectSameTradingDays(listed: readonly string[]): void {
  const sorted = [...listed].sort();
  const ours = sessionsBetween(sorted[0]!, sorted.at(-1)!).map((s) => s.date);
  expect(ours).toEqual(sorted);
}

describe.skipIf(!existsSync(V2))('Alpaca GET /v2/calendar fixture', () => {
  it('matches open, close, session_open and session_close for every listed day', () => {
    const days = readJson(V2) as V2Day[];
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) {
      const s = session(day.date);
      expect(s, day.date).toBeDefined();
      expect(s?.open).toBe(etDateTime(day.date, day.open));
      expect(s?.close).toBe(etDateTime(day.date, day.close));
      expect(s?.extendedOpen).toBe(etDateTime(day.date, day.session_open));
      expect(s?.extendedClose).toBe(etDateTime(day.date, day.session_close));
      expect(s?.earlyClose).toBe(day.close !== '16:00');
    }
    expectSameTradingDays(days.map((d) => d.date));
  });
});

describe.skipIf(!existsSync(V3))('Alpaca GET /v3/calendar/NYSE fixture', () => {
  it('matches core, pre and post bounds (RFC 3339 with ET offset) for every listed day', () => {
    const body = readJson(V3) as { market: { timezone: string }; calendar: V3Day[] };
    expect(body.market.timezone).toBe('America/New_York');
    expect(body.calendar.length).toBeGreaterThan(0);
    for (const day of body.calendar) {
      const s = session(day.date);
      expect(s, day.date).toBeDefined();
      expect(s?.open).toBe(Date.parse(day.core_start));
      expect(s?.close).toBe(Date.parse(day.core_end));
      expect(s?.extendedOpen).toBe(Date.parse(day.pre_start));
      expect(s?.open).toBe(Date.parse(day.pre_end));
      expect(s?.close).toBe(Date.parse(day.post_start));
      expect(s?.extendedClose).toBe(Date.parse(day.post_end));
    }
    expectSameTradingDays(body.calendar.map((d) => d.date));
  });
});
