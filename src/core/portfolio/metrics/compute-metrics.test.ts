// Metrics equal hand-computed values on a tiny series (the arithmetic is written out beside each expectation),
// and the edge cases: no trades, all winners, flat equity, one day, an empty curve, bad input.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../domain/decimal.js';
import { cagrPct, computeMetrics, MetricsInputError, nextEtMidnight, type MetricsInput, type MetricsTrade } from './index.js';

const d = (value: string): Decimal => Decimal.of(value);
const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
// January 2024 is EST (UTC−5): 14:30Z = 09:30 ET, 21:00Z = 16:00 ET.
const at = (day: number, hhmmZ: string): number => Date.parse(`2024-01-${String(day).padStart(2, '0')}T${hhmmZ}:00Z`);

// Three New York days; the last point of each day is its close.
//   day 1 (Jan 2): 100000 → 101000 → 102000   close 102000, r1 = 102000 / 100000 − 1 = +0.02
//   day 2 (Jan 3): 100980 →  99960            close  99960, r2 =  99960 / 102000 − 1 = −0.02
//   day 3 (Jan 4): 104958                     close 104958, r3 = 104958 /  99960 − 1 = +0.05
const TINY = {
  t: [at(2, '14:30'), at(2, '15:30'), at(2, '21:00'), at(3, '14:30'), at(3, '21:00'), at(4, '21:00')],
  equity: [100000, 101000, 102000, 100980, 99960, 104958],
  invested: [0, 1, 1, 1, 0, 0],
};
const TRADES: MetricsTrade[] = [
  { pnl: d('1999'), pnlPct: d('0.02'), commission: d('1') },
  { pnl: d('-2041'), pnlPct: d('-0.02'), commission: d('1') },
  { pnl: d('500.5'), pnlPct: 0.01, commission: d('0.5') },
];

function input(overrides: Partial<MetricsInput> = {}): MetricsInput {
  return {
    initialEquity: d('100000'),
    finalEquity: d('104958'),
    equity: TINY,
    trades: TRADES,
    from: Date.UTC(2024, 0, 2),
    to: Date.UTC(2024, 0, 2) + YEAR, // exactly one 365.25-day year, so CAGR = total return
    ...overrides,
  };
}

describe('computeMetrics on a hand-computed series', () => {
  const m = computeMetrics(input());

  it('money figures are exact strings', () => {
    expect(m.initialEquity).toBe('100000');
    expect(m.finalEquity).toBe('104958');
    expect(m.netPnl).toBe('4958'); // 104958 − 100000
    expect(m.commission).toBe('2.5'); // 1 + 1 + 0.5
    // (1999 − 2041 + 500.5) / 3 = 458.5 / 3 = 152.8333… (12 places, half-even)
    expect(m.averageTrade).toBe('152.833333333333');
  });

  it('return and CAGR', () => {
    expect(m.totalReturnPct).toBeCloseTo(4.958, 12); // (104958 / 100000 − 1) × 100
    expect(m.cagrPct).toBeCloseTo(4.958, 9); // one year: 1.04958^(1/1) − 1
  });

  it('Sharpe and Sortino from the three daily returns', () => {
    // mean = (0.02 − 0.02 + 0.05) / 3 = 5/300; deviations 1/300, −11/300, 10/300;
    // sample variance = (1 + 121 + 100) / 90000 / 2 = 111/90000, std = √111 / 300;
    // Sharpe = (5/300) / (√111/300) × √252 = 5 × √(252/111) = 7.53373…
    expect(m.sharpe).toBeCloseTo(5 * Math.sqrt(252 / 111), 9);
    expect(m.sharpe).toBeCloseTo(7.53373, 4);
    // downside deviation = √(0.02² / 3) = 0.02/√3; Sortino = (0.05/3) / (0.02/√3) × √252 = (5/6)√756 = 22.9129…
    expect(m.sortino).toBeCloseTo((5 / 6) * Math.sqrt(756), 9);
    expect(m.sortino).toBeCloseTo(22.91288, 4);
  });

  it('drawdown, exposure and the trade ratios', () => {
    expect(m.maxDrawdownPct).toBeCloseTo(2, 12); // peak 102000 → trough 99960: 2040 / 102000 = 2 %
    expect(m.exposurePct).toBe(50); // 3 invested points of 6
    expect(m.tradeCount).toBe(3);
    expect(m.winRatePct).toBeCloseTo(200 / 3, 12); // 2 winners of 3
    expect(m.profitFactor).toBeCloseTo(2499.5 / 2041, 12); // (1999 + 500.5) / 2041 = 1.22464…
    expect(m.averageTradePct).toBeCloseTo(1 / 3, 9); // (0.02 − 0.02 + 0.01) / 3 × 100
  });

  it('takes the given commission total over the trades’ sum (fills of positions still open)', () => {
    expect(computeMetrics(input({ commissionPaid: d('3.75') })).commission).toBe('3.75');
  });
});

describe('computeMetrics edge cases', () => {
  it('no trades: trade ratios are null, counts zero', () => {
    const m = computeMetrics(input({ trades: [] }));
    expect(m).toMatchObject({ tradeCount: 0, winRatePct: null, profitFactor: null, averageTrade: null, averageTradePct: null, commission: '0' });
  });

  it('all winners: win rate 100, profit factor null (no loss to divide by)', () => {
    const m = computeMetrics(input({ trades: [TRADES[0]!, TRADES[2]!] }));
    expect(m.winRatePct).toBe(100);
    expect(m.profitFactor).toBeNull();
    expect(m.averageTrade).toBe('1249.75'); // (1999 + 500.5) / 2
  });

  it('a break-even trade is neither winner nor loser; all losers give profit factor 0', () => {
    const even = { pnl: d('0'), pnlPct: d('0'), commission: d('0') };
    expect(computeMetrics(input({ trades: [even, TRADES[0]!] })).winRatePct).toBe(50);
    const m = computeMetrics(input({ trades: [even, TRADES[1]!] }));
    expect(m.winRatePct).toBe(0);
    expect(m.profitFactor).toBe(0); // 0 / 2041
  });

  it('flat equity: zero return, zero drawdown, no variance so Sharpe and Sortino are null', () => {
    const flat = { t: TINY.t, equity: TINY.t.map(() => 100000), invested: TINY.invested };
    const m = computeMetrics(input({ equity: flat, finalEquity: d('100000'), trades: [] }));
    expect(m).toMatchObject({ totalReturnPct: 0, cagrPct: 0, sharpe: null, sortino: null, maxDrawdownPct: 0, netPnl: '0' });
  });

  it('only rising days: Sharpe defined, Sortino null (no downside)', () => {
    const up = { t: TINY.t, equity: [100000, 100500, 101000, 101500, 102000, 103000], invested: TINY.invested };
    const m = computeMetrics(input({ equity: up, finalEquity: d('103000') }));
    expect(m.sharpe).not.toBeNull();
    expect(m.sortino).toBeNull();
    expect(m.maxDrawdownPct).toBe(0);
  });

  it('one day: one daily return so no Sharpe/Sortino, and a span under a day has no CAGR', () => {
    const oneDay = { t: TINY.t.slice(0, 3), equity: TINY.equity.slice(0, 3), invested: TINY.invested.slice(0, 3) };
    const m = computeMetrics(input({ equity: oneDay, finalEquity: d('102000'), from: oneDay.t[0]!, to: oneDay.t[2]! }));
    expect(m).toMatchObject({ sharpe: null, sortino: null, cagrPct: null, maxDrawdownPct: 0 });
    expect(m.totalReturnPct).toBeCloseTo(2, 12);
    expect(m.exposurePct).toBeCloseTo(200 / 3, 12);
  });

  it('an empty curve: no drawdown, no exposure, no ratios', () => {
    const m = computeMetrics(input({ equity: { t: [], equity: [], invested: [] }, trades: [] }));
    expect(m).toMatchObject({ maxDrawdownPct: 0, exposurePct: 0, sharpe: null, sortino: null });
  });

  it('the first day is measured from the initial equity, and drawdown counts a fall below it', () => {
    // Two days closing at 99000 and 99990: r = −0.01 and +0.01; the peak is the initial 100000 → 1 % drawdown.
    const curve = { t: [at(2, '21:00'), at(3, '21:00')], equity: [99000, 99990], invested: [1, 1] };
    const m = computeMetrics(input({ equity: curve, finalEquity: d('99990'), trades: [] }));
    expect(m.maxDrawdownPct).toBeCloseTo(1, 12);
    // mean 0 → Sharpe 0 exactly
    expect(m.sharpe).toBeCloseTo(0, 12);
    expect(m.exposurePct).toBe(100);
  });

  it('an evening point belongs to its New York date, not its UTC date', () => {
    // 2024-01-03T04:30Z is 23:30 ET on Jan 2: with day 1 it makes a single day → one return → Sharpe null.
    const curve = { t: [at(2, '21:00'), at(3, '04:30')], equity: [101000, 102000], invested: [0, 0] };
    expect(computeMetrics(input({ equity: curve, finalEquity: d('102000') })).sharpe).toBeNull();
  });

  it('a blown-up account (equity ≤ 0 as a day base) has no Sharpe; CAGR of a total loss is −100', () => {
    const curve = { t: [at(2, '21:00'), at(3, '21:00'), at(4, '21:00')], equity: [50000, -100, 0], invested: [1, 1, 0] };
    const m = computeMetrics(input({ equity: curve, finalEquity: d('0'), trades: [] }));
    expect(m.sharpe).toBeNull();
    expect(m.sortino).toBeNull();
    expect(m.cagrPct).toBe(-100);
    expect(m.maxDrawdownPct).toBeCloseTo(100.1, 12); // (100000 − (−100)) / 100000
    expect(m.totalReturnPct).toBe(-100);
  });

  it('accepts typed arrays', () => {
    const typed = { t: Float64Array.from(TINY.t), equity: Float64Array.from(TINY.equity), invested: Uint8Array.from(TINY.invested) };
    expect(computeMetrics(input({ equity: typed }))).toEqual(computeMetrics(input()));
  });
});

describe('CAGR', () => {
  it('compounds over 365.25-day years', () => {
    expect(cagrPct(d('100000'), d('121000'), 0, 2 * YEAR)).toBeCloseTo(10, 9); // √1.21 − 1
    expect(cagrPct(d('100'), d('50'), 0, 2 * YEAR)).toBeCloseTo((Math.sqrt(0.5) - 1) * 100, 9);
  });

  it('is null under one day and when the result overflows', () => {
    expect(cagrPct(d('100'), d('200'), 0, DAY - 1)).toBeNull();
    expect(cagrPct(d('100'), d('200'), 0, DAY)).not.toBeNull(); // 2^365.25 − 1: large but finite
    expect(cagrPct(d('1'), d('1e30'), 0, DAY)).toBeNull(); // (1e30)^365.25 = ∞
  });
});

describe('New York day boundaries', () => {
  it('follows DST: 23 h on the spring-forward day, 25 h on the fall-back day', () => {
    const springNoon = Date.parse('2024-03-10T16:00:00Z'); // 12:00 EDT
    expect(new Date(nextEtMidnight(springNoon)).toISOString()).toBe('2024-03-11T04:00:00.000Z');
    const fallNoon = Date.parse('2024-11-03T17:00:00Z'); // 12:00 EST
    expect(new Date(nextEtMidnight(fallNoon)).toISOString()).toBe('2024-11-04T05:00:00.000Z');
    expect(nextEtMidnight(Date.parse('2024-11-04T04:59:59.999Z'))).toBe(Date.parse('2024-11-04T05:00:00Z'));
  });
});

describe('bad input is named', () => {
  const err = (overrides: Partial<MetricsInput>): unknown => {
    try {
      computeMetrics(input(overrides));
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('rejects each malformed field with a message naming it and the value', () => {
    const cases: [Partial<MetricsInput>, RegExp][] = [
      [{ initialEquity: d('0') }, /initialEquity is 0: expected > 0/],
      [{ to: 0 }, /to is 0: expected finite epoch ms ≥ from/],
      [{ from: Number.NaN }, /from is NaN/],
      [{ equity: { t: [1, 2], equity: [1], invested: [0, 0] } }, /t 2, equity 1, invested 2/],
      [{ equity: { t: [2, 1], equity: [1, 1], invested: [0, 0] } }, /equity\.t\[1\] is 1: .*not before the previous point \(2\)/],
      [{ equity: { t: [1, 2], equity: [1, Number.NaN], invested: [0, 0] } }, /equity\.equity\[1\] is NaN/],
      [{ trades: [{ pnl: d('1'), pnlPct: Number.POSITIVE_INFINITY, commission: d('0') }] }, /trades\[0\]\.pnlPct is Infinity/],
      [{ trades: [{ pnl: d('1'), pnlPct: 0, commission: d('-1') }] }, /trades\[0\]\.commission is -1: expected ≥ 0/],
      [{ commissionPaid: d('-2') }, /commissionPaid is -2/],
    ];
    for (const [overrides, message] of cases) {
      const error = err(overrides);
      expect(error).toBeInstanceOf(MetricsInputError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
