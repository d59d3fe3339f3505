// computeMetrics against an independent, naive implementation on random curves: drawdown by brute force over
// every (peak, trough) pair, daily closes grouped by etDate in a Map, mean and std in two passes. Also a
// 500,000-point curve goes through (no timing asserted, only that the figures match a direct count).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etDate, etDateTime } from '../../../domain/calendar/index.js';
import { Decimal } from '../../../domain/decimal.js';
import { computeMetrics, nextEtMidnight } from './index.js';

const START = Date.parse('2024-03-01T14:30:00Z');

interface Curve {
  t: number[];
  equity: number[];
  invested: number[];
}

/** O(n²) drawdown: the largest (earlier value − later value) / earlier value, the initial equity first. */
function naiveDrawdownPct(initial: number, equity: readonly number[]): number {
  const all = [initial, ...equity];
  let worst = 0;
  for (let j = 0; j < all.length; j++) {
    for (let i = 0; i <= j; i++) worst = Math.max(worst, (all[i]! - all[j]!) / all[i]!);
  }
  return worst * 100;
}

function naiveDailyReturns(initial: number, curve: Curve): number[] {
  const closes = new Map<string, number>();
  curve.t.forEach((t, i) => closes.set(etDate(t), curve.equity[i]!));
  const values = [initial, ...closes.values()];
  return values.slice(1).map((v, i) => v / values[i]! - 1);
}

function naiveRatios(returns: readonly number[]): { sharpe: number | null; sortino: number | null } {
  const n = returns.length;
  if (n < 2) return { sharpe: null, sortino: null };
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1));
  const down = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / n);
  return {
    sharpe: std > 0 ? (mean / std) * Math.sqrt(252) : null,
    sortino: down > 0 ? (mean / down) * Math.sqrt(252) : null,
  };
}

// Steps of 1 minute to 3 days, equity moves of −3 % to +3 %, so curves cross weekends, DST and evenings.
const curves = fc
  .array(fc.record({ gapMin: fc.integer({ min: 0, max: 4320 }), moveBp: fc.integer({ min: -300, max: 300 }), invested: fc.boolean() }), {
    maxLength: 120,
  })
  .map((steps): Curve => {
    let t = START;
    let e = 100_000;
    const curve: Curve = { t: [], equity: [], invested: [] };
    for (const step of steps) {
      t += step.gapMin * 60_000;
      e *= 1 + step.moveBp / 10_000;
      curve.t.push(t);
      curve.equity.push(e);
      curve.invested.push(step.invested ? 1 : 0);
    }
    return curve;
  });

const close = (actual: number | null, expected: number | null): void => {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
};

describe('computeMetrics agrees with a naive implementation', () => {
  it('drawdown, Sharpe, Sortino and exposure on random curves', () => {
    fc.assert(
      fc.property(curves, (curve) => {
        const last = curve.equity.at(-1) ?? 100_000;
        const m = computeMetrics({
          initialEquity: Decimal.of('100000'),
          finalEquity: Decimal.fromNumber(last, 6),
          equity: curve,
          trades: [],
          from: START,
          to: curve.t.at(-1) ?? START,
        });
        close(m.maxDrawdownPct, naiveDrawdownPct(100_000, curve.equity));
        const naive = naiveRatios(naiveDailyReturns(100_000, curve));
        close(m.sharpe, naive.sharpe);
        close(m.sortino, naive.sortino);
        const invested = curve.invested.filter((x) => x !== 0).length;
        close(m.exposurePct, curve.t.length === 0 ? 0 : (invested / curve.t.length) * 100);
      }),
      { numRuns: 600 },
    );
  });

  it('handles a 500,000-point minute curve in one pass', () => {
    const n = 500_000;
    const t = new Float64Array(n);
    const equity = new Float64Array(n);
    const invested = new Uint8Array(n);
    let e = 100_000;
    let investedCount = 0;
    for (let i = 0; i < n; i++) {
      t[i] = START + i * 60_000;
      e *= 1 + Math.sin(i / 97) * 0.0005;
      equity[i] = e;
      invested[i] = i % 3 === 0 ? 1 : 0;
      if (invested[i] === 1) investedCount++;
    }
    const m = computeMetrics({
      initialEquity: Decimal.of('100000'),
      finalEquity: Decimal.fromNumber(e, 6),
      equity: { t, equity, invested },
      trades: [],
      from: START,
      to: t[n - 1]!,
    });
    expect(m.exposurePct).toBeCloseTo((investedCount / n) * 100, 9);
    // 500,000 minutes ≈ 347.2 days of calendar time, one point per minute: 348 New York dates → 348 returns.
    const naive = naiveRatios(naiveDailyReturns(100_000, { t: [...t], equity: [...equity], invested: [...invested] }));
    close(m.sharpe, naive.sharpe);
    close(m.sortino, naive.sortino);
  });
});

describe('nextEtMidnight', () => {
  it('is the instant luxon gives for 00:00 of the next New York date, and the first instant on that date', () => {
    const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2045, 0, 1) });
    fc.assert(
      fc.property(instants, (t) => {
        const next = nextEtMidnight(t);
        const tomorrow = etDate(next);
        expect(next).toBe(etDateTime(tomorrow, '00:00'));
        expect(tomorrow > etDate(t)).toBe(true);
        expect(etDate(next - 1)).toBe(etDate(t));
      }),
      { numRuns: 500 },
    );
  });
});
