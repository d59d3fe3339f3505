// Property: arrival order and duplicates do not change the candles. A full session of random bars fed
// shuffled with random duplicates gives exactly the candles of feeding them once in order (same OHLCV,
// no duplicate, no gap), and with random bars missing the same holds once the clock passes the close
// and every fetch comes back empty.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Bar, Timeframe } from '../../domain/bar.js';
import type { Candle } from './candle.js';
import { CandleAggregator } from './candle-aggregator.js';
import { candlesOf, fetchesOf, prng, randomBars, shuffled, tradingSession } from './candle-test-kit.js';

const TIMEFRAMES: Exclude<Timeframe, '1Day'>[] = ['1Min', '2Min', '5Min', '10Min', '15Min', '30Min', '1Hour'];
const DATES = ['2025-06-10', '2025-11-28', '2025-03-10', '2025-11-03', '2024-07-03'];

/** Feeds `input`, then moves the clock past the close and answers every fetch with nothing. */
function run(timeframe: Timeframe, date: string, input: readonly Bar[]): Candle[] {
  const agg = new CandleAggregator({ symbol: 'QQQ', timeframe });
  const events = input.flatMap((b) => agg.onBar(b));
  const end = tradingSession(date).close + 90_000;
  for (let now = end; now <= end + 60_000; now += 60_000) {
    const tick = agg.onTime(now);
    events.push(...tick);
    for (const f of fetchesOf(tick)) events.push(...agg.supplyFetched(f.window, []));
  }
  return candlesOf(events);
}

/** Same candles: every field exact except vwap, equal to 1e-12 relative (its Σ vwap·volume depends on order by an ulp). */
function expectSameCandles(actual: readonly Candle[], expected: readonly Candle[]): void {
  const strip = (candles: readonly Candle[]) => candles.map(({ vwap: _vwap, ...rest }) => rest);
  expect(strip(actual)).toEqual(strip(expected));
  actual.forEach((c, i) => {
    const want = expected[i]!.vwap!;
    expect(Math.abs(c.vwap! - want)).toBeLessThanOrEqual(1e-12 * want);
  });
}

function withDuplicates(bars: readonly Bar[], percent: number, seed: number): Bar[] {
  const rnd = prng(seed);
  return bars.flatMap((b) => (rnd() * 100 < percent ? [b, { ...b }] : [b]));
}

const scenario = fc.record({
  timeframe: fc.constantFrom(...TIMEFRAMES),
  date: fc.constantFrom(...DATES),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  duplicatePercent: fc.integer({ min: 0, max: 60 }),
  missingPercent: fc.integer({ min: 0, max: 40 }),
});

describe('order independence (fast-check)', () => {
  it('a full session shuffled with duplicates gives the in-order candles: same OHLCV, no duplicates, no gaps', () => {
    fc.assert(
      fc.property(scenario, ({ timeframe, date, seed, duplicatePercent }) => {
        const s = tradingSession(date);
        const bars = randomBars('QQQ', s.open, s.close, seed);
        const inOrder = run(timeframe, date, bars);
        const scrambled = run(timeframe, date, shuffled(withDuplicates(bars, duplicatePercent, seed + 1), seed + 2));
        expectSameCandles(scrambled, inOrder);
        expect(inOrder[0]!.t).toBe(s.open);
        expect(inOrder.at(-1)!.end).toBe(s.close);
        for (let i = 1; i < inOrder.length; i++) expect(inOrder[i]!.t).toBe(inOrder[i - 1]!.end);
        expect(inOrder.every((c) => !c.partial)).toBe(true);
        expect(inOrder.reduce((n, c) => n + c.barCount, 0)).toBe(bars.length);
      }),
      { numRuns: 60 },
    );
  });

  it('with random bars missing, order and duplicates still do not matter, and only windows with bars become candles', () => {
    fc.assert(
      fc.property(scenario, ({ timeframe, date, seed, duplicatePercent, missingPercent }) => {
        const s = tradingSession(date);
        const rnd = prng(seed + 3);
        const bars = randomBars('QQQ', s.open, s.close, seed).filter(() => rnd() * 100 >= missingPercent);
        const inOrder = run(timeframe, date, bars);
        const scrambled = run(timeframe, date, shuffled(withDuplicates(bars, duplicatePercent, seed + 1), seed + 2));
        expectSameCandles(scrambled, inOrder);
        for (let i = 1; i < inOrder.length; i++) expect(inOrder[i]!.t).toBeGreaterThanOrEqual(inOrder[i - 1]!.end);
        expect(inOrder.reduce((n, c) => n + c.barCount, 0)).toBe(bars.length);
        for (const c of inOrder) {
          const inside = bars.filter((b) => b.t >= c.t && b.t < c.end).length;
          expect(c.barCount).toBe(inside);
          expect(c.partial).toBe(inside < (c.end - c.t) / 60_000);
        }
      }),
      { numRuns: 60 },
    );
  });
});
