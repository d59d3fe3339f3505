// Golden tests of momentum_breakout on small hand-built 1-minute series. Bars have high = low = close, so the
// session VWAP (typical price (h+l+c)/3) is Σ close × volume / Σ volume, computed by hand in the comments.
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../../domain/bar.js';
import { driveStrategy, intentSteps } from '../../../../test/fixtures/strategies/strategy-driver.js';
import type { DecideInput } from '../strategy-api.js';
import { momentumBreakout, type MomentumBreakoutState } from './momentum-breakout.js';
import { momentumBreakoutParams, type MomentumBreakoutParams } from './momentum-breakout-params.js';

const DAY1 = Date.parse('2025-04-09T13:30:00Z'); // 09:30 EDT
const DAY2 = Date.parse('2025-04-10T13:30:00Z');

function flatBar(t: number, price: number, volume: number): Bar {
  return { symbol: 'MOMO', timeframe: '1Min', t, open: price, high: price, low: price, close: price, volume };
}

/** [close, volume] per minute from `start`. */
function series(start: number, rows: readonly (readonly [number, number])[]): Bar[] {
  return rows.map(([close, volume], i) => flatBar(start + i * 60_000, close, volume));
}

const warm = Array.from({ length: 20 }, () => [20, 1000] as const); // bars 0–19: VWAP 20, average volume 1000
const candles = [
  ...series(DAY1, [
    ...warm,
    [20.02, 2000], // 20: VWAP 440040/22000 = 20.001818; × 1.001 = 20.02182 > 20.02: inside the buffer, no entry
    [20.05, 1574], // 21: 1574 / avg(bars 1–20) 1050 = 1.499× < 1.5: volume too low, no entry
    [20.1, 1619], //  22: VWAP 504140.6/25193 = 20.011138, × 1.001 = 20.031149 < 20.10; avg(bars 2–21) 1078.70,
    //                    1619 = 1.5009× ≥ 1.5 → ENTRY (with the average INCLUDING bar 22, 1109.65, it would fail)
    [20.2, 5000], //  23: qualifies again, but long: nothing
    [19.9, 1000], //  24: VWAP 20.037848 > 19.90: close back below VWAP → EXIT
    [20.3, 6000], //  25: qualifies (flat again) but this session already had its breakout: nothing
  ]),
  ...series(DAY2, [
    [20.5, 1000], //  26: new session: VWAP 20.50, close not above it
    [20.6, 4000], //  27: VWAP 20.58, × 1.001 = 20.60058 > 20.60: no entry
    [20.8, 4000], //  28: VWAP 20.677778, × 1.001 = 20.698456 < 20.80; avg(bars 8–27) 1709.65, 4000 = 2.34× → ENTRY
  ]),
];

describe('momentum_breakout golden series', () => {
  const run = driveStrategy(momentumBreakout, candles);
  const acted = intentSteps(run);

  it('enters on bar 22 and 28, exits on bar 24, and nothing else', () => {
    expect(acted.map((s) => [s.index, s.intents.map((i) => i.action)])).toEqual([
      [22, ['enter_long']],
      [24, ['exit']],
      [28, ['enter_long']],
    ]);
    expect(run.steps[0]?.index).toBe(20); // warm-up: 20 bars of volume before the first comparable bar
  });

  it('puts the stop (−1.5 %), take-profit (+2 %) and trailing (+2 %) on the entry, with the key numbers in the reason', () => {
    expect(acted[0]?.intents).toEqual([
      {
        action: 'enter_long',
        symbol: 'MOMO',
        entry: { type: 'market' },
        stop: 19.7985, // 20.10 × 0.985
        takeProfit: 20.502, // 20.10 × 1.02
        trail: { activationPct: 0.02, trailPct: 0.015 },
        reason:
          'close 20.10 > session VWAP 20.0111 × 1.001 = 20.0311; volume 1619 = 1.50× the 20-bar average 1078.70 ' +
          '(≥ 1.5×); price within $10–$500; first breakout of 2025-04-09; stop 19.7985 (−1.5%), take-profit 20.502 ' +
          '(+2%), trailing 1.5% once +2%',
      },
    ]);
    expect(acted[1]?.intents[0]?.reason).toBe('close 19.90 back below session VWAP 20.0378; exit long at market');
    expect(acted[2]?.intents[0]).toMatchObject({ stop: 20.488, takeProfit: 21.216 });
    expect(acted[2]?.intents[0]?.reason).toContain('session VWAP 20.6778 × 1.001 = 20.6985; volume 4000 = 2.34× the 20-bar average 1709.65');
    expect(acted[2]?.intents[0]?.reason).toContain('first breakout of 2025-04-10');
  });

  it('remembers the session of its entry (plain JSON state)', () => {
    expect(run.steps.find((s) => s.index === 25)?.state).toEqual({ enteredOn: '2025-04-09' });
    expect(run.steps.at(-1)?.state).toEqual({ enteredOn: '2025-04-10' });
  });

  it('takes a second entry in the same session only if the first never happened (bar 25 alone)', () => {
    const withoutEarlier = driveStrategy(momentumBreakout, candles, { volume_multiple: 20 });
    expect(intentSteps(withoutEarlier)).toEqual([]);
  });

  it.each([
    [9.9, 10, true],
    [9.9, 9.99, false],
    [495, 500, true],
    [495, 500.01, false],
  ] as const)('price band 10–500 dollars inclusive: warm-up at %d, breakout close %d → entry %s', (base, close, enters) => {
    const bars = series(DAY1, [...Array.from({ length: 20 }, () => [base, 1000] as const), [close, 3000]]);
    expect(intentSteps(driveStrategy(momentumBreakout, bars)).length).toBe(enters ? 1 : 0);
  });
});

describe('momentum_breakout single decisions', () => {
  const params = momentumBreakoutParams.parse({});
  const bar = flatBar(DAY1 + 60 * 60_000, 20, 5000);
  const base: DecideInput<MomentumBreakoutParams, MomentumBreakoutState> = {
    candle: bar,
    candles: [bar],
    indicators: { vwap: { value: 20, previous: 19.9, count: 60, isStable: true }, volume: { value: 1200, previous: 1000, count: 60, isStable: true } },
    position: { side: 'long', qty: 10, avgEntryPrice: 19.5, stop: 19.2, entryTs: DAY1, pendingEntry: false },
    session: { date: '2025-04-09', minutesToClose: 330, isLastCandle: false },
    params,
    state: { enteredOn: '2025-04-09' },
    barCount: 60,
  };

  it('a close exactly at VWAP is not "back below" it', () => {
    expect(momentumBreakout.decide(base).intents).toEqual([]);
  });

  it('does nothing while its entry is working, or without volume history', () => {
    const flat = { ...base.position, side: 'flat' as const, qty: 0, pendingEntry: true };
    const breakout = { ...bar, close: 21, high: 21, low: 21 };
    const fresh = { ...base, candle: breakout, candles: [breakout], state: { enteredOn: null } };
    expect(momentumBreakout.decide({ ...fresh, position: flat }).intents).toEqual([]);
    expect(momentumBreakout.decide({ ...fresh, position: { ...flat, pendingEntry: false } }).intents).toHaveLength(1);
    const noHistory = { ...fresh, position: { ...flat, pendingEntry: false }, indicators: { ...fresh.indicators, volume: { value: 1000, previous: undefined, count: 20, isStable: true } } };
    expect(momentumBreakout.decide(noHistory).intents).toEqual([]);
  });
});
