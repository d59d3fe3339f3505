// Golden test of rsi_mean_reversion on a hand-built 1-minute series; RSI values are TA-Lib's (talib-web, TA-Lib's
// C code) and the first two are checked by hand below.
import { beforeAll, describe, expect, it } from 'vitest';

import type { Bar } from '../../../domain/bar.js';
import { driveStrategy, intentSteps } from '../../../../test/fixtures/strategies/strategy-driver.js';
import { talib, type Series } from '../../indicators/talib-oracle.js';
import type { DecideInput } from '../strategy-api.js';
import { rsiMeanReversion, type RsiMeanReversionState } from './rsi-mean-reversion.js';
import { rsiMeanReversionParams, type RsiMeanReversionParams } from './rsi-mean-reversion-params.js';

const START = Date.parse('2025-04-09T13:30:00Z'); // 09:30 EDT
// Bars 1–14 alternate +1.00 / −0.50: avg gain 7/14 = 0.5, avg loss 3.5/14 = 0.25 → RSI[14] = 100 × 0.5 / 0.75 = 66.67.
// Bar 15 (−1.00): gain 0.5 × 13/14 = 0.464286, loss (0.25 × 13 + 1)/14 = 0.303571 → RSI[15] = 60.4651.
const changes = [
  ...Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? 1 : -0.5)),
  ...[-1, -1, -1, -1, -1, -1, -1, -1, -1], // 15–23: RSI falls, crossing below 30 at 23 → BUY
  ...[-1, -0.5], //                            24–25: the buy's stop (−1.5 %) is hit by bar 25's wick; RSI still < 30
  ...[0.5, 0.5, 0.5], //                       26–28: RSI stays < 30 at 26 (no re-buy: no new cross), then recovers
  ...[-1, -1, -0.5], //                        29–31: crosses below 30 again at 30 → BUY
  ...[2, 2, 2, 2, 2, 2, 2], //                 32–38: rally; RSI > 70 first at 37 → EXIT
  ...[-0.5, 1, 1], //                          39–41: RSI stays > 70, flat: nothing
];
const closes = changes.reduce<number[]>((acc, d) => [...acc, (acc.at(-1) ?? 0) + d], [2000]);
const STOP_WICK_BAR = 25;
const candles: Bar[] = closes.map((close, i) => {
  const open = closes[i - 1] ?? close;
  const low = i === STOP_WICK_BAR ? 1964 : Math.min(open, close);
  return { symbol: 'RSIX', timeframe: '1Min', t: START + i * 60_000, open, high: Math.max(open, close), low, close, volume: 1000 };
});

let rsi: Series = [];
beforeAll(async () => {
  rsi = (await talib()).rsi(closes, 14);
});

const at = (i: number): number => {
  const v = rsi[i];
  if (v === undefined) throw new Error(`no RSI at ${i}`);
  return v;
};

describe('rsi_mean_reversion golden series', () => {
  const run = driveStrategy(rsiMeanReversion, candles);
  const acted = intentSteps(run);

  it('the series has the RSI path it was built for (TA-Lib, and by hand)', () => {
    expect(at(14)).toBeCloseTo(66.666_666_67, 8);
    expect(at(15)).toBeCloseTo(60.465_116_28, 8);
    expect([at(22), at(23)]).toEqual([expect.closeTo(32.0685, 4), expect.closeTo(29.4407, 4)]);
    expect(at(26)).toBeLessThan(30);
    expect(at(29)).toBeGreaterThanOrEqual(30);
    expect(at(36)).toBeLessThanOrEqual(70);
    expect(at(37)).toBeGreaterThan(70);
  });

  it('buys where TA-Lib RSI crosses below 30, exits where it first exceeds 70, and nothing else', () => {
    const crossesDown = closes.map((_, i) => i).filter((i) => i > 14 && at(i) < 30 && at(i - 1) >= 30);
    expect(crossesDown).toEqual([23, 30]);
    expect(acted.map((s) => [s.index, s.intents.map((x) => x.action)])).toEqual([
      [23, ['enter_long']],
      [30, ['enter_long']],
      [37, ['exit']],
    ]);
    expect(run.events.map((e) => [e.index, e.kind])).toEqual([
      [24, 'fill'],
      [25, 'stopped'],
      [31, 'fill'],
      [38, 'exited'],
    ]);
  });

  it('puts stop −1.5 % and take-profit +2 % of the signal close on the entry; reasons carry the RSI values', () => {
    expect(acted[0]?.intents).toEqual([
      {
        action: 'enter_long',
        symbol: 'RSIX',
        entry: { type: 'market' },
        stop: 1964.5825, // 1994.50 × 0.985
        takeProfit: 2034.39, // 1994.50 × 1.02
        reason:
          `RSI(14) ${at(23).toFixed(2)} < oversold 30 (previous ${at(22).toFixed(2)}); buy at market from close 1994.50, ` +
          'stop 1964.5825 (−1.5%), take-profit 2034.39 (+2%)',
      },
    ]);
    expect(acted[0]?.intents[0]?.reason).toMatch(/^RSI\(14\) 29\.44 < oversold 30 \(previous 32\.07\)/);
    expect(acted[1]?.intents[0]).toMatchObject({ stop: 1962.6125, takeProfit: 2032.35 });
    expect(acted[2]?.intents[0]?.reason).toBe(`RSI(14) ${at(37).toFixed(2)} > overbought 70; exit long at market`);
    expect(acted[2]?.intents[0]?.reason).toBe('RSI(14) 70.22 > overbought 70; exit long at market');
  });

  it('does not buy again while RSI stays oversold after a stop-out (bars 25–26)', () => {
    for (const i of [25, 26]) {
      const step = run.steps.find((s) => s.index === i);
      expect(step?.position.side).toBe('flat');
      expect(at(i)).toBeLessThan(30);
      expect(step?.intents).toEqual([]);
    }
  });

  it('thresholds are configurable: oversold 35 / overbought 60 moves every signal', () => {
    const wide = driveStrategy(rsiMeanReversion, candles, { oversold: 35, overbought: 60 });
    expect(intentSteps(wide).map((s) => [s.index, s.intents[0]?.action])).toEqual([
      [21, 'enter_long'], // RSI 38.17 → 34.97
      [29, 'enter_long'], // after the stop-out at 25: RSI 35.35 → 32.19
      [35, 'exit'], // RSI 55.84 → 61.57
    ]);
    expect(wide.events.map((e) => [e.index, e.kind])).toEqual([
      [22, 'fill'],
      [25, 'stopped'],
      [30, 'fill'],
      [36, 'exited'],
    ]);
  });
});

describe('rsi_mean_reversion single decisions at the exact thresholds', () => {
  const params = rsiMeanReversionParams.parse({});
  const bar: Bar = { symbol: 'RSIX', timeframe: '1Min', t: START, open: 100, high: 100, low: 100, close: 100, volume: 1 };
  const flat = { side: 'flat', qty: 0, avgEntryPrice: undefined, stop: undefined, entryTs: undefined, pendingEntry: false } as const;
  const input = (value: number, previous: number | undefined, position = flat as DecideInput<RsiMeanReversionParams, RsiMeanReversionState>['position']) => ({
    candle: bar,
    candles: [bar],
    indicators: { rsi: { value, previous, count: 40, isStable: true } },
    position,
    session: { date: '2025-04-09', minutesToClose: 300, isLastCandle: false },
    params,
    state: {},
    barCount: 40,
  });

  it('RSI exactly 30 is not oversold; a previous RSI of exactly 30 counts as not oversold', () => {
    expect(rsiMeanReversion.decide(input(30, 31)).intents).toEqual([]);
    expect(rsiMeanReversion.decide(input(29.99, 30)).intents.map((i) => i.action)).toEqual(['enter_long']);
    expect(rsiMeanReversion.decide(input(29.99, 29.995)).intents).toEqual([]);
    expect(rsiMeanReversion.decide(input(25, undefined)).intents).toEqual([]);
  });

  it('RSI exactly 70 does not exit; above it does; no entry while an entry is working', () => {
    const long = { ...flat, side: 'long' as const, qty: 5, avgEntryPrice: 99, stop: 97.5 };
    expect(rsiMeanReversion.decide(input(70, 69, long)).intents).toEqual([]);
    expect(rsiMeanReversion.decide(input(70.01, 69, long)).intents.map((i) => i.action)).toEqual(['exit']);
    expect(rsiMeanReversion.decide(input(29, 31, { ...flat, pendingEntry: true })).intents).toEqual([]);
  });
});
