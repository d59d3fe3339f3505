import { describe, expect, it } from 'vitest';
import type { ExchangeBar } from '../contracts.js';
import { firstExtreme, reachDown, reachUp, secondExtreme, trailingStopLevel, walkTrailing } from './intrabar-path.js';

const bar = (o: number, h: number, l: number, c: number): ExchangeBar => ({ symbol: 'X', t: 0, o, h, l, c, v: 100, vw: o, n: 1 });

describe('intrabar path open → nearer extreme → other extreme → close', () => {
  it('visits the extreme nearer the open first (low on a tie)', () => {
    expect(firstExtreme(bar(100, 101, 95, 98))).toBe(101);
    expect(secondExtreme(bar(100, 101, 95, 98))).toBe(95);
    expect(firstExtreme(bar(100, 105, 99, 104))).toBe(99);
    expect(firstExtreme(bar(100, 102, 98, 100))).toBe(98);
  });

  it('measures positions as distance travelled: o=100 → h=101 (1) → l=95 (7) → c=98 (10)', () => {
    const b = bar(100, 101, 95, 98);
    expect(reachUp(b, 101)).toBe(1);
    expect(reachDown(b, 97)).toBe(1 + 4);
    expect(reachDown(b, 95)).toBe(7);
    expect(reachUp(b, 98, 7)).toBe(10);
    expect(reachDown(b, 94)).toBe(-1);
    expect(reachUp(b, 101.5)).toBe(-1);
  });

  it('returns the start position when the price is already beyond the level (gap)', () => {
    const b = bar(100, 101, 95, 98);
    expect(reachDown(b, 100)).toBe(0);
    expect(reachUp(b, 99)).toBe(0);
    expect(reachDown(b, 96, 6)).toBe(6);
  });

  it('searches only from the given position onwards', () => {
    const b = bar(100, 101, 95, 98);
    expect(reachUp(b, 100.5)).toBe(0.5);
    expect(reachUp(b, 100.5, 2)).toBe(-1); // after the high the path never climbs back above 98
    expect(reachUp(b, 97, 2)).toBe(2); // price at 2 is 100: already above
    expect(reachUp(b, 97, 6)).toBe(9); // price at 6 is 96; climbs back to 97 at 9
    expect(reachUp(b, 97, 9.5)).toBe(9.5);
  });
});

describe('trailing stop walk', () => {
  it('raises the high-water mark on the way up and triggers on the way down at hwm − trail', () => {
    const b = bar(100, 104, 99, 101);
    const w = walkTrailing(b, true, 100, 2, Number.NaN);
    expect(w.gap).toBe(false);
    expect(w.mark).toBe(104);
    expect(w.at).toBe(1 + 5 + 2); // 100 → 99 (low is nearer) → 104 → trigger at 102
    expect(trailingStopLevel(true, w.mark, 2, Number.NaN)).toBe(102);
  });

  it('triggers at the open when the bar gaps below the stop', () => {
    const w = walkTrailing(bar(95, 96, 94, 95), true, 100, 2, Number.NaN);
    expect(w).toMatchObject({ at: 0, gap: true, mark: 100 });
  });

  it('keeps the mark and does not trigger when the dip stays above the stop', () => {
    const w = walkTrailing(bar(100, 103, 101.5, 102), true, 100, 2, Number.NaN);
    expect(w.at).toBe(-1);
    expect(w.mark).toBe(103);
  });

  it('mirrors for buy stops around the low-water mark with a percentage', () => {
    const w = walkTrailing(bar(100, 103, 90, 102), false, 100, Number.NaN, 10);
    expect(w.mark).toBe(90);
    expect(trailingStopLevel(false, 90, Number.NaN, 10)).toBeCloseTo(99, 10);
    expect(w.at).toBeCloseTo(3 + 13 + 9, 10);
  });
});
