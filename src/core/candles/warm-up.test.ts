// Warm-up (SPEC §4): how much history a strategy needs, where to fetch it from across nights, weekends,
// holidays and early closes, and the sequence history → aggregate → fill buffers → live, with live bars
// that overlap the history dropped by (symbol, timestamp).
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { sessionsBetween } from '../../domain/calendar/index.js';
import { CandleAggregator } from './candle-aggregator.js';
import { candlesOf, diagnosticsOf, et, fetchesOf, minuteBar, randomBars, referenceOhlcv } from './candle-test-kit.js';
import { historyMinutesFor, warmUpStart } from './warm-up.js';

describe('historyMinutesFor', () => {
  it('is candles × minutes per candle (SMA-200 on 2-minute candles = 400 one-minute bars)', () => {
    expect(historyMinutesFor('2Min', 200)).toBe(400);
    expect(historyMinutesFor('1Min', 90)).toBe(90);
    expect(historyMinutesFor('1Hour', 10)).toBe(600);
    expect(historyMinutesFor('5Min', 0)).toBe(0);
  });

  it('refuses 1Day and bad counts with a clear message', () => {
    expect(() => historyMinutesFor('1Day', 20)).toThrow(/1Day is fed daily bars/);
    expect(() => historyMinutesFor('5Min', -1)).toThrow(/candlesNeeded: -1 is invalid; expected an integer >= 0/);
    expect(() => historyMinutesFor('5Min', 1.5)).toThrow(/candlesNeeded: 1.5/);
  });
});

describe('warmUpStart', () => {
  const MONDAY_10 = et('2025-12-01', '10:00'); // after Thanksgiving (11-27 closed) and the 11-28 early close

  it('walks back across the weekend, the early close and the holiday to a window start', () => {
    // today 15 two-minute candles (09:30–10:00), 11-28 gives 105 (13:00 close), 11-26 the last 80 of 195
    expect(warmUpStart(MONDAY_10, '2Min', 200)).toBe(et('2025-11-26', '13:20'));
    // the 09:30–10:30 candle is still forming at 10:00; 11-28 has four (the last 12:30–13:00); 11-26 ends 15:30–16:00
    expect(warmUpStart(MONDAY_10, '1Hour', 5)).toBe(et('2025-11-26', '15:30'));
    expect(warmUpStart(et('2025-12-01', '08:00'), '5Min', 3)).toBe(et('2025-11-28', '12:45'));
    expect(warmUpStart(MONDAY_10, '1Min', 30)).toBe(et('2025-12-01', '09:30'));
    expect(warmUpStart(MONDAY_10, '5Min', 0)).toBe(MONDAY_10);
  });

  it('counts extended-hours windows when asked', () => {
    expect(warmUpStart(et('2025-12-01', '09:00'), '30Min', 2, { extendedHours: true })).toBe(et('2025-12-01', '08:00'));
    expect(warmUpStart(et('2025-12-01', '09:00'), '30Min', 2)).toBe(et('2025-11-28', '12:00'));
  });

  it('for 1Day returns ET midnight of the first day; today counts once its session closed', () => {
    expect(warmUpStart(MONDAY_10, '1Day', 3)).toBe(et('2025-11-25', '00:00'));
    expect(warmUpStart(et('2025-12-01', '16:00'), '1Day', 3)).toBe(et('2025-11-26', '00:00'));
  });

  it('gives exactly the candles needed when the history from it is aggregated', () => {
    const from = warmUpStart(MONDAY_10, '2Min', 200);
    const history = sessionsBetween('2025-11-26', '2025-12-01').flatMap((s, i) => randomBars('SPY', Math.max(s.open, from), Math.min(s.close, MONDAY_10), i + 1));
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '2Min' });
    const candles = candlesOf(agg.warmUp(history, MONDAY_10));
    expect(candles).toHaveLength(200);
    expect(candles.every((c) => !c.partial)).toBe(true);
    expect(candles[0]!.t).toBe(from);
    expect(candles.at(-1)!.end).toBe(MONDAY_10);
  });
});

describe('CandleAggregator.warmUp', () => {
  const DAY = '2025-06-10';
  const all = randomBars('SPY', et(DAY, '09:30'), et(DAY, '10:10'), 42);
  const upTo = (hhmm: string): Bar[] => all.filter((b) => b.t <= et(DAY, hhmm));

  it('fills buffers from history, then drops live bars that overlap it; the forming candle completes with live bars', () => {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    const warm = agg.warmUp([...upTo('10:02')].reverse(), et(DAY, '10:03') + 5_000); // any order
    expect(candlesOf(warm).map((c) => c.t)).toEqual(['09:30', '09:35', '09:40', '09:45', '09:50', '09:55'].map((h) => et(DAY, h)));
    expect(diagnosticsOf(warm, 'WARM_UP_SUMMARY')).toHaveLength(1);
    expect(agg.historyEnd).toBe(et(DAY, '10:02'));
    const overlap = [...agg.onBar(all[31]!), ...agg.onBar(all[32]!), ...agg.onBar(all[20]!)]; // 10:01, 10:02, 09:50
    expect(diagnosticsOf(overlap, 'WARM_UP_OVERLAP')).toHaveLength(3);
    expect(candlesOf(overlap)).toEqual([]);
    const live = [...agg.onBar(all[33]!), ...agg.onBar(all[34]!)];
    expect(candlesOf(live)).toEqual([expect.objectContaining({ t: et(DAY, '10:00'), partial: false, ...referenceOhlcv(all.slice(30, 35)) })]);
    expect(agg.lastMinute).toBe(et(DAY, '10:04'));
  });

  it('closes past windows from what history holds, quietly: partial flagged, empty skipped, never fetched, one summary', () => {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    const sparse = upTo('10:02').filter((b) => b.t < et(DAY, '09:33') || b.t >= et(DAY, '09:40'));
    const extras = [minuteBar('SPY', et(DAY, '09:00')), sparse[0]!];
    const events = agg.warmUp([...sparse, ...extras], et(DAY, '10:03'));
    expect(fetchesOf(events)).toEqual([]);
    expect(candlesOf(events).map((c) => [c.t, c.partial])).toEqual([
      [et(DAY, '09:30'), true],
      ...['09:40', '09:45', '09:50', '09:55'].map((h) => [et(DAY, h), false]),
    ]);
    expect(diagnosticsOf(events, 'PARTIAL_WINDOW')).toEqual([]);
    const [summary] = diagnosticsOf(events, 'WARM_UP_SUMMARY');
    expect(summary!.message).toMatch(/5 candles \(1 partial\); 1 empty windows skipped, 1 bars outside the session and 1 duplicates/);
  });

  it('starting mid-session with no history, windows before now are closed, not fetched; the one just ended is', () => {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    agg.warmUp([], et(DAY, '11:00'));
    // 10:55–11:00 ended at `now`: its bars may still come, so it follows the live rules (fetched when empty)
    expect(fetchesOf(agg.onTime(et(DAY, '11:02'))).map((f) => f.window)).toEqual([et(DAY, '10:55')]);
  });

  it('may run once, before any live bar', () => {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    agg.warmUp([], et(DAY, '09:00'));
    expect(() => agg.warmUp([], et(DAY, '09:00'))).toThrow(/must be called once, before any live bar/);
    const live = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    live.onBar(all[0]!);
    expect(() => live.warmUp([], et(DAY, '10:00'))).toThrow(/before any live bar/);
  });

  it('daily: history passes through sorted, and live daily bars it already holds are overlap', () => {
    const day = (date: string): Bar => ({ symbol: 'SPY', timeframe: '1Day', t: et(date, '00:00'), open: 10, high: 12, low: 9, close: 11, volume: 5 });
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '1Day' });
    const events = agg.warmUp([day('2025-06-10'), day('2025-06-06'), day('2025-06-09')], et('2025-06-11', '08:00'));
    expect(candlesOf(events).map((c) => c.t)).toEqual(['2025-06-06', '2025-06-09', '2025-06-10'].map((d) => et(d, '00:00')));
    expect(diagnosticsOf(agg.onBar(day('2025-06-10')), 'WARM_UP_OVERLAP')).toHaveLength(1);
    expect(candlesOf(agg.onBar(day('2025-06-11')))).toHaveLength(1);
  });

  it('a live session after warm-up behaves as usual (missing bars flagged after the grace)', () => {
    const agg = new CandleAggregator({ symbol: 'SPY', timeframe: '5Min' });
    agg.warmUp(upTo('10:04'), et(DAY, '10:05'));
    agg.onBar(all[35]!);
    const events = agg.onTime(et(DAY, '10:10') + 90_000);
    expect(candlesOf(events)).toEqual([expect.objectContaining({ t: et(DAY, '10:05'), partial: true, barCount: 1 })]);
    expect(diagnosticsOf(events, 'PARTIAL_WINDOW')).toHaveLength(1);
  });
});
