import { describe, expect, it } from 'vitest';

import { etDateTime, sessionsBetween } from '../../domain/calendar/index.js';
import type { ExchangeBar } from '../contracts.js';
import { SyntheticMarket } from './synthetic-market.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const DAYS = sessionsBetween('2025-03-03', '2025-03-14').map((s) => s.date);

const isCents = (x: number): boolean => Math.abs(Math.round(x * 100) - x * 100) < 1e-6;

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] ?? 0) - ma;
    const y = (b[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

function logReturns(bars: readonly ExchangeBar[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < bars.length; i++) out.push(Math.log(bars[i]!.c / bars[i - 1]!.c));
  return out;
}

describe('SyntheticMarket determinism', () => {
  it('gives identical bars for the same seed, and different bars for another seed', () => {
    const a = new SyntheticMarket({ seed: 42, symbols: SYMBOLS });
    const b = new SyntheticMarket({ seed: 42, symbols: SYMBOLS });
    const c = new SyntheticMarket({ seed: 43, symbols: SYMBOLS });
    for (const day of DAYS.slice(0, 3)) {
      expect(b.barsForSession('BBB', day)).toEqual(a.barsForSession('BBB', day));
      expect(c.barsForSession('BBB', day)).not.toEqual(a.barsForSession('BBB', day));
    }
  });

  it('generates a session alone exactly as it does after other sessions and symbols, in any order', () => {
    const alone = new SyntheticMarket({ seed: 'x7', symbols: SYMBOLS, cacheSessions: 1 });
    const target = alone.barsForSession('CCC', '2025-03-12');
    const busy = new SyntheticMarket({ seed: 'x7', symbols: SYMBOLS, cacheSessions: 2 });
    for (const day of [...DAYS].reverse()) for (const s of SYMBOLS) busy.barsForSession(s, day);
    busy.barsForSession('AAA', '2021-06-01');
    expect(busy.barsForSession('CCC', '2025-03-12')).toEqual(target);
  });

  it('does not change a symbol when other symbols are added', () => {
    const few = new SyntheticMarket({ seed: 5, symbols: ['AAA'] });
    const many = new SyntheticMarket({ seed: 5, symbols: ['ZZZ', 'AAA', 'MMM'] });
    expect(many.barsForSession('AAA', '2025-03-05')).toEqual(few.barsForSession('AAA', '2025-03-05'));
  });

  it('keeps the regular session identical with and without extended hours', () => {
    const regular = new SyntheticMarket({ seed: 9, symbols: ['AAA'] });
    const extended = new SyntheticMarket({ seed: 9, symbols: ['AAA'], extendedHours: true });
    const day = '2025-03-05';
    const open = etDateTime(day, '09:30');
    const close = etDateTime(day, '16:00');
    const ext = extended.barsForSession('AAA', day);
    expect(ext.filter((b) => b.t >= open && b.t < close)).toEqual(regular.barsForSession('AAA', day));
    const pre = ext.filter((b) => b.t < open);
    const post = ext.filter((b) => b.t >= close);
    expect(pre.length).toBeGreaterThan(20);
    expect(post.length).toBeGreaterThan(20);
    expect(pre.length).toBeLessThan(330); // thinner: not every minute trades
    expect(mean(pre.map((b) => b.v))).toBeLessThan(mean(regular.barsForSession('AAA', day).map((b) => b.v)));
  });

  it('agrees between history and replay access paths (barsBetween, barAt, lastBarAtOrBefore)', () => {
    const m = new SyntheticMarket({ seed: 1, symbols: SYMBOLS });
    const day = m.barsForSession('AAA', '2025-03-04');
    const from = day[10]!.t;
    const to = day[20]!.t;
    expect(m.barsBetween('AAA', from, to)).toEqual(day.slice(10, 21));
    expect(m.barAt('AAA', day[15]!.t)).toEqual(day[15]);
    expect(m.barAt('AAA', day[15]!.t + 1)).toBeUndefined();
    // Saturday morning → Friday's last bar
    const friday = m.barsForSession('AAA', '2025-03-07');
    expect(m.lastBarAtOrBefore('AAA', Date.parse('2025-03-08T15:00:00Z'))).toEqual(friday[friday.length - 1]);
    expect(m.barsForSession('AAA', '2025-03-08')).toEqual([]);
    expect(m.barsForSession('NOPE', '2025-03-07')).toEqual([]);
  });

  it('labels itself synthetic and validates its options', () => {
    const m = new SyntheticMarket({ seed: 42, symbols: ['SPY'] });
    expect(m.source).toBe('synthetic');
    expect(m.label).toMatch(/synthetic/i);
    expect(() => new SyntheticMarket({ seed: 1.5, symbols: ['A'] })).toThrow(/seed/);
    expect(() => new SyntheticMarket({ seed: 1, symbols: [] })).toThrow(/symbols/);
    expect(() => new SyntheticMarket({ seed: 1, symbols: ['aapl'] })).toThrow(/"aapl"/);
    expect(() => new SyntheticMarket({ seed: 1, symbols: ['A', 'A'] })).toThrow(/twice/);
  });
});

describe('SyntheticMarket realism', () => {
  const market = new SyntheticMarket({ seed: 2024, symbols: SYMBOLS });
  const sessions = sessionsBetween('2025-01-02', '2025-03-31');

  it('produces 390 regular bars a day (210 on early closes) with OHLC invariants and cent prices', () => {
    for (const s of sessions.slice(0, 10)) {
      const bars = market.barsForSession('AAA', s.date);
      expect(bars).toHaveLength(390);
      expect(bars[0]!.t).toBe(s.open);
      expect(bars[389]!.t).toBe(s.close - 60_000);
    }
    const early = market.barsForSession('AAA', '2025-11-28');
    expect(early).toHaveLength(210);
    expect(early[209]!.t).toBe(etDateTime('2025-11-28', '12:59'));
    const broken: ExchangeBar[] = [];
    let checked = 0;
    for (const symbol of SYMBOLS) {
      for (const s of sessions) {
        for (const b of market.barsForSession(symbol, s.date)) {
          checked++;
          const ok = b.h >= Math.max(b.o, b.c) && b.l <= Math.min(b.o, b.c) && b.vw >= b.l && b.vw <= b.h && b.l > 0 &&
            [b.o, b.h, b.l, b.c].every(isCents) && Number.isInteger(b.v) && b.v >= 1 && Number.isInteger(b.n) && b.n >= 1;
          if (!ok) broken.push(b);
        }
      }
    }
    expect(checked).toBeGreaterThan(60_000);
    expect(broken).toEqual([]);
  });

  it('has U-shaped intraday volume: first and last 30 minutes busier than midday', () => {
    const open: number[] = [];
    const close: number[] = [];
    const midday: number[] = [];
    for (const symbol of SYMBOLS) {
      for (const s of sessions.filter((x) => !x.earlyClose)) {
        const bars = market.barsForSession(symbol, s.date);
        bars.forEach((b, i) => {
          if (i < 30) open.push(b.v);
          else if (i >= 360) close.push(b.v);
          else if (i >= 150 && i < 240) midday.push(b.v);
        });
      }
    }
    expect(mean(open)).toBeGreaterThan(1.5 * mean(midday));
    expect(mean(close)).toBeGreaterThan(1.5 * mean(midday));
  });

  it('clusters volatility: absolute minute returns are positively autocorrelated', () => {
    const a: number[] = [];
    const b: number[] = [];
    for (const s of sessions) {
      const r = logReturns(market.barsForSession('BBB', s.date)).map(Math.abs);
      for (let i = 40; i + 1 < r.length; i++) {
        a.push(r[i]!);
        b.push(r[i + 1]!);
      }
    }
    expect(correlation(a, b)).toBeGreaterThan(0.05);
  });

  it('correlates symbols through the market factor (minute and daily returns)', () => {
    const ra: number[] = [];
    const rb: number[] = [];
    const da: number[] = [];
    const db: number[] = [];
    for (const s of sessions) {
      const a = market.barsForSession('AAA', s.date);
      const b = market.barsForSession('CCC', s.date);
      ra.push(...logReturns(a));
      rb.push(...logReturns(b));
      da.push(Math.log(a[389]!.c / a[0]!.o));
      db.push(Math.log(b[389]!.c / b[0]!.o));
    }
    expect(correlation(ra, rb)).toBeGreaterThan(0.1);
    expect(correlation(da, db)).toBeGreaterThan(0.1);
  });

  it('chains sessions: each open is near the previous close, with occasional larger gaps', () => {
    const gaps: number[] = [];
    const all = sessionsBetween('2025-01-02', '2025-12-31');
    for (const symbol of SYMBOLS) {
      let prev: number | undefined;
      for (const s of all) {
        const bars = market.barsForSession(symbol, s.date);
        if (prev !== undefined) gaps.push(Math.abs(Math.log(bars[0]!.o / prev)));
        prev = bars[bars.length - 1]!.c;
        expect(bars[0]!.o).toBeGreaterThan(1);
      }
    }
    const small = gaps.filter((g) => g < 0.015).length / gaps.length;
    expect(small).toBeGreaterThan(0.7);
    expect(gaps.some((g) => g > 0.03)).toBe(true);
  });
});
