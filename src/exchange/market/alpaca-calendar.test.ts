import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { ApiResult } from '../contracts.js';
import { calendarRows, clockBody, settlementDate } from './alpaca-calendar.js';
import { stableUuid } from '../asset-id.js';
import { AssetBook } from './asset-book.js';

const FIXTURES = fileURLToPath(new URL('../../../../shared/alpaca/fixtures/rest/', import.meta.url));
const fixture = (name: string): unknown => JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8'));
const hasFixtures = existsSync(FIXTURES);

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.status} ${result.error.message}`);
  return result.value;
}

describe('clock body', () => {
  it('reports time, open state and the next open/close with the New York offset', () => {
    expect(clockBody(Date.parse('2022-05-16T16:32:24.143-04:00'))).toEqual({
      timestamp: '2022-05-16T16:32:24.143-04:00',
      is_open: false,
      next_open: '2022-05-17T09:30:00-04:00',
      next_close: '2022-05-17T16:00:00-04:00',
    });
    expect(clockBody(Date.parse('2025-01-03T14:00:00Z'))).toEqual({
      timestamp: '2025-01-03T09:00:00-05:00', is_open: false,
      next_open: '2025-01-03T09:30:00-05:00', next_close: '2025-01-03T16:00:00-05:00',
    });
    // early close, then a holiday and a weekend
    expect(clockBody(Date.parse('2025-07-03T17:00:00Z'))).toMatchObject({ is_open: false, next_open: '2025-07-07T09:30:00-04:00', next_close: '2025-07-07T16:00:00-04:00' });
    expect(clockBody(Date.parse('2025-07-03T16:59:59Z'))).toMatchObject({ is_open: true, next_close: '2025-07-03T13:00:00-04:00' });
  });

  it.skipIf(!hasFixtures)('equals the recorded /v2/clock payloads', () => {
    expect(clockBody(Date.parse('2025-06-24T14:15:22-04:00'))).toEqual(fixture('clock_v2_spec.json'));
    const recorded = fixture('clock_v2.json') as { timestamp: string };
    const ours = clockBody(Date.parse(recorded.timestamp));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(recorded).sort());
    expect({ ...ours, timestamp: recorded.timestamp }).toEqual(recorded);
  });
});

describe('calendar rows', () => {
  it('lists sessions with early closes, accepting dates and full ISO timestamps', () => {
    const rows = value(calendarRows({ start: '2025-11-26T00:00:00.000Z', end: '2025-12-01' }));
    expect(rows).toEqual([
      { date: '2025-11-26', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: '2025-11-28' },
      { date: '2025-11-28', open: '09:30', close: '13:00', session_open: '0400', session_close: '1700', settlement_date: '2025-12-01' },
      { date: '2025-12-01', open: '09:30', close: '16:00', session_open: '0400', session_close: '2000', settlement_date: '2025-12-02' },
    ]);
    expect(settlementDate('2024-05-24')).toBe('2024-05-29'); // T+2 before 2024-05-28 (Memorial Day between)
    expect(value(calendarRows({ start: '2025-01-06', end: '2025-01-03' }))).toEqual([]);
    expect(value(calendarRows({ start: '1998-12-01', end: '1999-01-05' })).map((r) => r.date)).toEqual(['1999-01-04', '1999-01-05']);
    expect(value(calendarRows({ start: '2025-11-28', end: '2025-12-01', date_type: 'SETTLEMENT' })).map((r) => r.date)).toEqual(['2025-11-26', '2025-11-28']);
    const bad = calendarRows({ start: 'last week' });
    expect(bad.ok ? undefined : bad.error).toMatchObject({ status: 400, message: expect.stringContaining('invalid start: "last week"') as string });
    expect(value(calendarRows({})).length).toBeGreaterThan(2700);
  });

  it.skipIf(!hasFixtures)('equals the recorded /v2/calendar row', () => {
    expect(value(calendarRows({ start: '2025-01-02', end: '2025-01-02' }))).toEqual(fixture('calendar_v2.json'));
  });
});

describe('asset book', () => {
  const book = new AssetBook(['SPY', 'AAPL', 'ZZZQ'], (s) => `${s} (synthetic)`);

  it('lists active US equities with stable ids, filters, and 404s unknown assets', () => {
    const assets = value(book.list());
    expect(assets.map((a) => [a.symbol, a.exchange])).toEqual([['AAPL', 'NASDAQ'], ['SPY', 'ARCA'], ['ZZZQ', expect.stringMatching(/^(NASDAQ|NYSE)$/) as string]]);
    expect(assets[0]!.id).toBe(stableUuid('asset:AAPL'));
    expect(assets[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new AssetBook(['AAPL'], (s) => s).get('AAPL')).toEqual({ ok: true, value: expect.objectContaining({ id: assets[0]!.id }) as object });
    expect(value(book.get(assets[1]!.id)).symbol).toBe('SPY');
    expect(value(book.list({ status: 'inactive' }))).toEqual([]);
    expect(value(book.list({ exchange: 'ARCA' })).map((a) => a.symbol)).toEqual(['SPY']);
    expect(value(book.list({ asset_class: 'crypto' }))).toEqual([]);
    const missing = book.get('MSFT');
    expect(missing.ok ? undefined : missing.error).toMatchObject({ status: 404, code: 40410000 });
  });

  it.skipIf(!hasFixtures)('has every field of the recorded asset', () => {
    const recorded = fixture('asset.json') as Record<string, unknown>;
    const ours = value(book.get('AAPL')) as unknown as Record<string, unknown>;
    for (const key of Object.keys(recorded)) {
      expect(typeof ours[key], key).toBe(typeof recorded[key]);
    }
  });
});
