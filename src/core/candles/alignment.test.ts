// Window alignment for every intraday timeframe on a normal day, the 2025-11-28 early close, and the
// sessions around both 2025 DST changes: candles start at 09:30 ET + k·N, the last one ends at the close
// (shorter when N does not divide the session), and every expected minute is in exactly one candle.
import { describe, expect, it } from 'vitest';

import { TIMEFRAME_MINUTES, type Timeframe } from '../../domain/bar.js';
import { CandleAggregator } from './candle-aggregator.js';
import { candlesOf, et, MINUTE, randomBars, referenceOhlcv, tradingSession } from './candle-test-kit.js';

type Intraday = Exclude<Timeframe, '1Day'>;
const INTRADAY = Object.keys(TIMEFRAME_MINUTES) as Intraday[];

/** Expected [start, end) of every window, stated in ET wall time independently of the code under test. */
function expectedWindows(date: string, minutes: number, close: string): [number, number][] {
  const open = et(date, '09:30');
  const end = et(date, close);
  const out: [number, number][] = [];
  for (let t = open; t < end; t += minutes * MINUTE) out.push([t, Math.min(t + minutes * MINUTE, end)]);
  return out;
}

function aggregateDay(date: string, timeframe: Intraday) {
  const s = tradingSession(date);
  const bars = randomBars('SPY', s.open, s.close, 7);
  const agg = new CandleAggregator({ symbol: 'SPY', timeframe });
  return { bars, candles: candlesOf(bars.flatMap((b) => agg.onBar(b))) };
}

const DAYS: [string, string, string][] = [
  ['normal day (EDT)', '2025-06-10', '16:00'],
  ['early close', '2025-11-28', '13:00'],
  ['Friday before spring-forward (EST)', '2025-03-07', '16:00'],
  ['Monday after spring-forward (EDT)', '2025-03-10', '16:00'],
  ['Friday before fall-back (EDT)', '2025-10-31', '16:00'],
  ['Monday after fall-back (EST)', '2025-11-03', '16:00'],
];

describe.each(DAYS)('%s %s (close %s)', (_label, date, close) => {
  it.each(INTRADAY)('%s windows start at 09:30 + k·N ET and end at the close, all complete', (timeframe) => {
    const minutes = TIMEFRAME_MINUTES[timeframe];
    const { bars, candles } = aggregateDay(date, timeframe);
    expect(candles.map((c) => [c.t, c.end])).toEqual(expectedWindows(date, minutes, close));
    for (const c of candles) {
      expect(c).toMatchObject({ partial: false, timeframe, ...referenceOhlcv(bars.filter((b) => b.t >= c.t && b.t < c.end)) });
    }
    expect(candles.reduce((n, c) => n + c.barCount, 0)).toBe(bars.length);
  });
});

describe('DST', () => {
  it('09:30 ET is 14:30Z in winter and 13:30Z in summer, and the first candle follows it', () => {
    expect(aggregateDay('2025-03-07', '5Min').candles[0]!.t).toBe(Date.UTC(2025, 2, 7, 14, 30));
    expect(aggregateDay('2025-03-10', '5Min').candles[0]!.t).toBe(Date.UTC(2025, 2, 10, 13, 30));
    expect(aggregateDay('2025-11-03', '1Hour').candles.at(-1)!.end).toBe(Date.UTC(2025, 10, 3, 21, 0));
  });
});

describe('explicit stamps', () => {
  it('5-min 09:30–09:34 is stamped 09:30; 60-min 09:30–10:29 is stamped 09:30; the last 60-min candle is 15:30–16:00', () => {
    const five = aggregateDay('2025-06-10', '5Min').candles[0]!;
    expect([five.t, five.end, five.barCount]).toEqual([et('2025-06-10', '09:30'), et('2025-06-10', '09:35'), 5]);
    const hours = aggregateDay('2025-06-10', '1Hour').candles;
    expect([hours[0]!.t, hours[0]!.end, hours[0]!.barCount]).toEqual([et('2025-06-10', '09:30'), et('2025-06-10', '10:30'), 60]);
    expect([hours.at(-1)!.t, hours.at(-1)!.end, hours.at(-1)!.barCount]).toEqual([et('2025-06-10', '15:30'), et('2025-06-10', '16:00'), 30]);
    const early = aggregateDay('2025-11-28', '1Hour').candles;
    expect(early.map((c) => c.barCount)).toEqual([60, 60, 60, 30]);
  });

  it('with extendedHours, 60-min pre-market windows end at 09:30 (first cut at 04:00) and after-hours start at the close', () => {
    const date = '2025-11-28';
    const s = tradingSession(date);
    const bars = randomBars('SPY', s.extendedOpen, s.extendedClose, 3);
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '1Hour', extendedHours: true });
    const candles = candlesOf(bars.flatMap((b) => agg.onBar(b)));
    const hhmm = ['04:00', '04:30', '05:30', '06:30', '07:30', '08:30', '09:30', '10:30', '11:30', '12:30', '13:00', '14:00', '15:00', '16:00', '17:00'];
    expect(candles.map((c) => c.t)).toEqual(hhmm.slice(0, -1).map((h) => et(date, h)));
    expect(candles.map((c) => c.end)).toEqual(hhmm.slice(1).map((h) => et(date, h)));
  });
});
