// Session VWAP specifics: the session is the ET calendar date (DST-correct), zero-volume openings have no
// value, the bar's own vwap is used only when asked, and bars must come in time order.
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { etDateTime } from '../../domain/calendar/index.js';
import { SessionVwap } from './session-vwap.js';

function bar(date: string, hhmm: string, close: number, volume: number, vwap?: number): Bar {
  const t = etDateTime(date, hhmm);
  return { symbol: 'X', timeframe: '1Min', t, open: close, high: close + 1, low: close - 1, close, volume, ...(vwap === undefined ? {} : { vwap }) };
}

describe('SessionVwap', () => {
  it('weights the typical price (h + l + c) / 3 by volume', () => {
    const vwap = new SessionVwap();
    vwap.add({ ...bar('2025-03-07', '09:30', 10, 100), high: 12, low: 9 }); // typical 31/3
    expect(vwap.add(bar('2025-03-07', '09:31', 20, 300))).toBeCloseTo(((31 / 3) * 100 + 20 * 300) / 400, 12);
    expect(vwap.previous).toBeCloseTo(31 / 3, 12);
  });

  it('resets at the first bar of the next ET date, not at UTC midnight, across the DST change', () => {
    const vwap = new SessionVwap();
    vwap.add(bar('2025-03-07', '15:59', 100, 10));
    expect(vwap.add(bar('2025-03-07', '20:30', 200, 10))).toBe(150); // 01:30Z on 03-08: same ET date
    expect(vwap.add(bar('2025-03-10', '09:30', 50, 10))).toBe(50); // Monday after the spring-forward Sunday
    expect(vwap.add(bar('2025-03-10', '23:59', 70, 10))).toBe(60);
    expect(vwap.add(bar('2025-03-11', '00:00', 10, 10))).toBe(10);
  });

  it('has no value (and is not stable) until the session has traded volume', () => {
    const vwap = new SessionVwap();
    expect(vwap.add(bar('2025-03-07', '09:30', 10, 0))).toBeUndefined();
    expect(vwap.isStable).toBe(false);
    expect(vwap.count).toBe(1);
    expect(vwap.add(bar('2025-03-07', '09:31', 12, 5))).toBe(12);
    expect(vwap.isStable).toBe(true);
    expect(vwap.add(bar('2025-03-10', '09:30', 10, 0))).toBeUndefined();
    expect(vwap.isStable).toBe(false);
  });

  it("uses the bar's vwap only with source 'bar-vwap', falling back to the typical price", () => {
    const typical = new SessionVwap();
    const own = new SessionVwap({ source: 'bar-vwap' });
    const b1 = bar('2025-03-07', '09:30', 10, 100, 10.5);
    const b2 = bar('2025-03-07', '09:31', 20, 100);
    expect(typical.add(b1)).toBe(10);
    expect(own.add(b1)).toBe(10.5);
    expect(own.add(b2)).toBeCloseTo((10.5 * 100 + 20 * 100) / 200, 12);
  });

  it('replace revises the forming bar, also when it is the first bar of a session', () => {
    const vwap = new SessionVwap();
    vwap.add(bar('2025-03-07', '15:59', 100, 10));
    vwap.add(bar('2025-03-10', '09:30', 50, 10));
    expect(vwap.replace(bar('2025-03-10', '09:30', 60, 30))).toBe(60);
    expect(vwap.previous).toBe(100);
    expect(vwap.add(bar('2025-03-10', '09:31', 40, 10))).toBe((60 * 30 + 40 * 10) / 40);
  });

  it('refuses bars out of time order (add and replace) without changing state', () => {
    const vwap = new SessionVwap();
    vwap.add(bar('2025-03-07', '09:30', 10, 10));
    vwap.add(bar('2025-03-07', '09:31', 20, 10));
    expect(() => vwap.add(bar('2025-03-07', '09:31', 30, 10))).toThrow(/invalid t .*time order/);
    expect(() => vwap.replace(bar('2025-03-07', '09:30', 30, 10))).toThrow(/invalid t .*time order/);
    expect(vwap.value).toBe(15);
    expect(vwap.count).toBe(2);
  });
});
