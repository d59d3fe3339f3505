// Edge cases of SPEC §4 for the candle aggregator, one test each: complete windows at once, late bars,
// windows missing bars (90 s grace), empty windows (fetch → supply / skip / timeout), duplicates, early
// close flush, rejected bars, session changes, and strictly ordered output.
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../domain/bar.js';
import { CandleAggregator } from './candle-aggregator.js';
import { candlesOf, diagnosticsOf, et, fetchesOf, minuteBar, MINUTE, referenceOhlcv } from './candle-test-kit.js';

const DAY = '2025-06-10'; // an ordinary Tuesday (EDT)
const SYM = 'AAPL';

function bars(from: string, count: number, date = DAY): Bar[] {
  const start = et(date, from);
  return Array.from({ length: count }, (_, i) => minuteBar(SYM, start + i * MINUTE, 100, i));
}

function feed(agg: CandleAggregator, input: readonly Bar[]) {
  return input.flatMap((b) => agg.onBar(b));
}

/** Feeds bars as a live engine would: the clock ticks to each bar's end, then the bar arrives. */
function live(agg: CandleAggregator, input: readonly Bar[]) {
  return input.flatMap((b) => [...agg.onTime(b.t + MINUTE), ...agg.onBar(b)]);
}

function five(options: Partial<ConstructorParameters<typeof CandleAggregator>[0]> = {}): CandleAggregator {
  return new CandleAggregator({ symbol: SYM, timeframe: '5Min', ...options });
}

describe('complete windows', () => {
  it('emits a 5-minute candle the moment its last minute arrives, stamped at the window start, OHLCV + vwap', () => {
    const agg = five();
    const input = bars('09:30', 5);
    const before = feed(agg, input.slice(0, 4));
    expect(before).toEqual([]);
    const events = agg.onBar(input[4]!);
    const [candle] = candlesOf(events);
    expect(candlesOf(events)).toHaveLength(1);
    expect(candle).toMatchObject({ symbol: SYM, timeframe: '5Min', t: et(DAY, '09:30'), end: et(DAY, '09:35'), partial: false, ...referenceOhlcv(input) });
    const pv = input.reduce((s, b) => s + b.vwap! * b.volume, 0);
    expect(candle!.vwap).toBeCloseTo(pv / candle!.volume, 9);
    expect(candle!.tradeCount).toBe(input.reduce((s, b) => s + b.tradeCount!, 0));
    expect(diagnosticsOf(events)).toEqual([]);
  });

  it('leaves vwap out when an input bar lacks it, and keeps a 1-minute bar vwap bit for bit', () => {
    const agg = five();
    const input = bars('09:30', 5).map((b, i) => (i === 2 ? { ...b, vwap: undefined } : b));
    expect(candlesOf(feed(agg, input))[0]!.vwap).toBeUndefined();
    const one = new CandleAggregator({ symbol: SYM, timeframe: '1Min' });
    const bar = { ...bars('09:30', 1)[0]!, vwap: 100.123457, volume: 3 };
    expect(candlesOf(one.onBar(bar))[0]).toMatchObject({ vwap: 100.123457, open: bar.open, close: bar.close, barCount: 1 });
  });
});

describe('late bars', () => {
  it('buffers a bar that arrives after the next window started and uses it', () => {
    const agg = five();
    const input = bars('09:30', 7);
    const late = input[2]!;
    const early = feed(agg, input.filter((b) => b !== late));
    expect(candlesOf(early)).toEqual([]);
    const events = agg.onBar(late);
    expect(diagnosticsOf(events, 'LATE_BAR_BUFFERED')).toHaveLength(1);
    expect(candlesOf(events)).toEqual([expect.objectContaining({ t: et(DAY, '09:30'), partial: false, ...referenceOhlcv(input.slice(0, 5)) })]);
  });

  it('drops a bar for a window already emitted, with a reason, without re-emitting', () => {
    const agg = five();
    const input = bars('09:30', 5);
    feed(agg, input.slice(0, 3));
    feed(agg, input.slice(4));
    const flushed = agg.onTime(et(DAY, '09:35') + 90_000);
    expect(candlesOf(flushed)).toHaveLength(1);
    const events = agg.onBar(input[3]!);
    expect(candlesOf(events)).toEqual([]);
    expect(diagnosticsOf(events, 'LATE_BAR_DROPPED')).toEqual([expect.objectContaining({ level: 'warning', t: input[3]!.t })]);
  });
});

describe('windows missing bars', () => {
  it('waits, then emits 90 s after the window end from what arrived, partial, with a WARNING', () => {
    const agg = five();
    const input = bars('09:30', 5);
    feed(agg, input.slice(0, 4));
    expect(agg.onTime(et(DAY, '09:35') + 89_999)).toEqual([]);
    const events = agg.onTime(et(DAY, '09:35') + 90_000);
    expect(candlesOf(events)).toEqual([expect.objectContaining({ partial: true, ...referenceOhlcv(input.slice(0, 4)) })]);
    expect(diagnosticsOf(events, 'PARTIAL_WINDOW')).toEqual([expect.objectContaining({ level: 'warning', t: et(DAY, '09:30') })]);
    expect(fetchesOf(events)).toEqual([]);
  });

  it('honours a custom grace period', () => {
    const agg = five({ graceMs: 10_000 });
    feed(agg, bars('09:30', 3));
    expect(candlesOf(agg.onTime(et(DAY, '09:35') + 10_000))).toHaveLength(1);
  });
});

describe('windows with no bars', () => {
  function withGap(agg: CandleAggregator) {
    const first = bars('09:30', 5);
    const third = bars('09:40', 5);
    return [...feed(agg, first), ...feed(agg, third)];
  }

  it('asks for a REST fetch, holds later windows back, then emits the fetched window and the held ones in order', () => {
    const agg = five();
    expect(candlesOf(withGap(agg)).map((c) => c.t)).toEqual([et(DAY, '09:30')]);
    expect(agg.onTime(et(DAY, '09:40') + 89_000)).toEqual([]);
    const asked = agg.onTime(et(DAY, '09:41') + 30_000);
    expect(fetchesOf(asked)).toEqual([{ kind: 'fetch', symbol: SYM, timeframe: '5Min', window: et(DAY, '09:35'), from: et(DAY, '09:35'), to: et(DAY, '09:40') }]);
    expect(candlesOf(asked)).toEqual([]);
    expect(agg.onTime(et(DAY, '09:42'))).toEqual([]); // asked once only, and still inside the fetch timeout
    const fetched = bars('09:35', 5);
    const events = agg.supplyFetched(et(DAY, '09:35'), fetched);
    expect(candlesOf(events).map((c) => [c.t, c.partial])).toEqual([[et(DAY, '09:35'), false], [et(DAY, '09:40'), false]]);
    expect(candlesOf(events)[0]).toMatchObject(referenceOhlcv(fetched));
  });

  it('skips the window when the fetch finds nothing, then lets later windows through', () => {
    const agg = five();
    withGap(agg);
    agg.onTime(et(DAY, '09:41') + 30_000);
    const events = agg.supplyFetched(et(DAY, '09:35'), []);
    expect(diagnosticsOf(events, 'EMPTY_WINDOW_SKIPPED')).toEqual([expect.objectContaining({ level: 'warning', t: et(DAY, '09:35') })]);
    expect(candlesOf(events).map((c) => c.t)).toEqual([et(DAY, '09:40')]);
  });

  it('emits a fetched window that is still short as partial', () => {
    const agg = five();
    withGap(agg);
    agg.onTime(et(DAY, '09:41') + 30_000);
    const events = agg.supplyFetched(et(DAY, '09:35'), bars('09:35', 2));
    expect(candlesOf(events)[0]).toMatchObject({ t: et(DAY, '09:35'), partial: true, barCount: 2 });
    expect(diagnosticsOf(events, 'PARTIAL_WINDOW')).toHaveLength(1);
  });

  it('gives up on a fetch that is never answered (fetchTimeoutMs after the grace)', () => {
    const agg = five();
    withGap(agg);
    agg.onTime(et(DAY, '09:41') + 30_000);
    expect(agg.onTime(et(DAY, '09:42') + 29_999)).toEqual([]);
    const events = agg.onTime(et(DAY, '09:42') + 30_000);
    expect(diagnosticsOf(events, 'FETCH_UNANSWERED')).toHaveLength(1);
    expect(candlesOf(events).map((c) => c.t)).toEqual([et(DAY, '09:40')]);
    expect(diagnosticsOf(agg.supplyFetched(et(DAY, '09:35'), bars('09:35', 5)), 'UNEXPECTED_FETCH_RESULT')).toHaveLength(1);
  });

  it('requests several empty windows at once, and skips without fetching when fetching is off', () => {
    const agg = five();
    feed(agg, bars('09:30', 5));
    const asked = agg.onTime(et(DAY, '09:50') + 90_000);
    expect(fetchesOf(asked).map((f) => f.window)).toEqual([et(DAY, '09:35'), et(DAY, '09:40'), et(DAY, '09:45')]);
    const off = five({ fetchEmptyWindows: false });
    feed(off, bars('09:30', 5));
    feed(off, bars('09:40', 5));
    const events = off.onTime(et(DAY, '09:40') + 90_000);
    expect(fetchesOf(events)).toEqual([]);
    expect(diagnosticsOf(events, 'EMPTY_WINDOW_SKIPPED')).toHaveLength(1);
    expect(candlesOf(events).map((c) => c.t)).toEqual([et(DAY, '09:40')]);
  });

  it('ignores fetched bars outside the window and results for unknown windows', () => {
    const agg = five();
    withGap(agg);
    agg.onTime(et(DAY, '09:41') + 30_000);
    const otherDay = minuteBar(SYM, et('2025-06-09', '10:00'));
    const events = agg.supplyFetched(et(DAY, '09:35'), [...bars('09:35', 5), ...bars('09:44', 1), otherDay]);
    expect(diagnosticsOf(events, 'FETCHED_BAR_OUTSIDE_WINDOW').map((d) => d.t)).toEqual([et(DAY, '09:44'), otherDay.t]);
    expect(candlesOf(events).map((c) => c.t)).toEqual([et(DAY, '09:35'), et(DAY, '09:40')]);
    expect(diagnosticsOf(agg.supplyFetched(et(DAY, '09:36'), []), 'UNEXPECTED_FETCH_RESULT')).toHaveLength(1);
  });
});

describe('duplicates', () => {
  it('drops a second bar with the same (symbol, timestamp), even with other values; the first is kept', () => {
    const agg = five();
    const input = bars('09:30', 5);
    feed(agg, input.slice(0, 2));
    const copy = agg.onBar(input[1]!);
    const altered = agg.onBar({ ...input[1]!, high: 999, close: 998, volume: 1e9 });
    expect(diagnosticsOf(copy, 'DUPLICATE_BAR')).toHaveLength(1);
    expect(diagnosticsOf(altered, 'DUPLICATE_BAR')).toHaveLength(1);
    const [candle] = candlesOf(feed(agg, input.slice(2)));
    expect(candle).toMatchObject({ partial: false, ...referenceOhlcv(input) });
  });
});

describe('early close (2025-11-28, 13:00)', () => {
  const EARLY = '2025-11-28';

  it('flushes the short last 60-minute candle (12:30–13:00) at the close, complete', () => {
    const agg = new CandleAggregator({ symbol: SYM, timeframe: '1Hour' });
    const input = bars('12:30', 30, EARLY);
    const events = feed(agg, [...bars('09:30', 180, EARLY), ...input]);
    const last = candlesOf(events).at(-1);
    expect(last).toMatchObject({ t: et(EARLY, '12:30'), end: et(EARLY, '13:00'), partial: false, ...referenceOhlcv(input) });
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et(EARLY, '13:00'))), 'OUT_OF_SESSION')).toHaveLength(1);
  });

  it('emits the last candle partial 90 s after 13:00 when its last minutes are missing', () => {
    const agg = new CandleAggregator({ symbol: SYM, timeframe: '1Hour' });
    feed(agg, [...bars('09:30', 180, EARLY), ...bars('12:30', 25, EARLY)]);
    const events = agg.onTime(et(EARLY, '13:01') + 30_000);
    expect(candlesOf(events)).toEqual([expect.objectContaining({ t: et(EARLY, '12:30'), end: et(EARLY, '13:00'), partial: true, barCount: 25 })]);
  });
});

describe('rejected input (never thrown)', () => {
  const good = minuteBar(SYM, et(DAY, '09:30'));
  const cases: [string, Bar][] = [
    ['high < low', { ...good, high: 99, low: 101 }],
    ['open above high', { ...good, open: good.high + 1 }],
    ['NaN close', { ...good, close: Number.NaN }],
    ['zero price', { ...good, low: 0 }],
    ['negative volume', { ...good, volume: -1 }],
    ['bad vwap', { ...good, vwap: Number.POSITIVE_INFINITY }],
    ['other symbol', { ...good, symbol: 'MSFT' }],
    ['5Min bar', { ...good, timeframe: '5Min' }],
    ['not on a minute', { ...good, t: good.t + 1000 }],
  ];
  it.each(cases)('%s → INVALID_BAR', (_name, bar) => {
    const events = five().onBar(bar);
    expect(diagnosticsOf(events, 'INVALID_BAR')).toEqual([expect.objectContaining({ level: 'warning', symbol: SYM })]);
    expect(candlesOf(events)).toEqual([]);
  });

  it('ignores pre/post-market, weekend and holiday bars by default; rejects dates outside the calendar', () => {
    const agg = five();
    for (const t of [et(DAY, '09:29'), et(DAY, '16:00'), et('2025-06-14', '10:00'), et('2025-07-04', '10:00')]) {
      expect(diagnosticsOf(agg.onBar(minuteBar(SYM, t)), 'OUT_OF_SESSION')).toHaveLength(1);
    }
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et('1998-06-10', '10:00'))), 'OUTSIDE_CALENDAR')).toHaveLength(1);
  });

  it('rejects a bar stamped well after the clock (a corrupt timestamp must not close the session)', () => {
    const agg = five();
    agg.onTime(et(DAY, '10:00'));
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et('2025-06-11', '10:00'))), 'FUTURE_BAR')).toHaveLength(1);
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et(DAY, '09:58'))), 'FUTURE_BAR')).toEqual([]);
  });

  it('throws only on a broken clock', () => {
    expect(() => five().onTime(Number.NaN)).toThrow(/now NaN/);
  });
});

describe('ordering and sessions', () => {
  it('holds a complete later window until the earlier one is resolved, so candles leave in time order', () => {
    const agg = five();
    feed(agg, bars('09:30', 4));
    expect(candlesOf(feed(agg, bars('09:35', 5)))).toEqual([]);
    const events = agg.onTime(et(DAY, '09:35') + 90_000);
    expect(candlesOf(events).map((c) => [c.t, c.partial])).toEqual([[et(DAY, '09:30'), true], [et(DAY, '09:35'), false]]);
  });

  it('closes a session left open when a bar of the next session arrives; bars of the closed session are late', () => {
    const agg = five(); // no clock at all (onTime never called): only a bar of the next session can close the day
    expect(candlesOf(feed(agg, bars('09:30', 377))).at(-1)!.t).toBe(et(DAY, '15:40'));
    const events = agg.onBar(minuteBar(SYM, et('2025-06-11', '09:30')));
    expect(candlesOf(events).map((c) => [c.t, c.partial])).toEqual([[et(DAY, '15:45'), true]]);
    expect(diagnosticsOf(events, 'EMPTY_WINDOW_SKIPPED').map((d) => d.t)).toEqual([et(DAY, '15:50'), et(DAY, '15:55')]);
    expect(fetchesOf(events)).toEqual([]);
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et(DAY, '15:58'))), 'LATE_BAR_DROPPED')).toHaveLength(1);
    expect(agg.lastMinute).toBe(et('2025-06-11', '09:30'));
  });

  it('aggregates pre- and post-market bars only with extendedHours, in windows that never span the open or close', () => {
    const agg = new CandleAggregator({ symbol: SYM, timeframe: '15Min', extendedHours: true, fetchEmptyWindows: false });
    expect(candlesOf(agg.warmUp(bars('09:00', 15), et(DAY, '09:15'))).map((c) => c.t)).toEqual([et(DAY, '09:00')]);
    const events = live(agg, [...bars('09:15', 15), ...bars('09:30', 15)]);
    expect(candlesOf(events).map((c) => [c.t, c.end])).toEqual([
      [et(DAY, '09:15'), et(DAY, '09:30')],
      [et(DAY, '09:30'), et(DAY, '09:45')],
    ]);
    const later = live(agg, bars('16:00', 15)); // the clock passes the day's grace: empty windows skipped (fetching off)
    expect(diagnosticsOf(later, 'EMPTY_WINDOW_SKIPPED')).toHaveLength(25); // 09:45 … 15:45
    expect(candlesOf(later).at(-1)).toMatchObject({ t: et(DAY, '16:00'), end: et(DAY, '16:15'), partial: false });
  });
});

describe('daily bars', () => {
  const day = (date: string, close: number): Bar => ({ symbol: SYM, timeframe: '1Day', t: et(date, '00:00'), open: 100, high: 110, low: 95, close, volume: 1_000_000, vwap: 101.5 });

  it('pass through unchanged; duplicates and older days are dropped; 1-minute bars are refused', () => {
    const agg = new CandleAggregator({ symbol: SYM, timeframe: '1Day' });
    const bar = day('2025-06-10', 105);
    const [candle] = candlesOf(agg.onBar(bar));
    expect(candle).toEqual({ ...bar, tradeCount: undefined, end: bar.t + 86_400_000, partial: false, barCount: 1 });
    expect(diagnosticsOf(agg.onBar(bar), 'DUPLICATE_BAR')).toHaveLength(1);
    expect(diagnosticsOf(agg.onBar(day('2025-06-09', 104)), 'LATE_BAR_DROPPED')).toHaveLength(1);
    expect(diagnosticsOf(agg.onBar(minuteBar(SYM, et(DAY, '10:00'))), 'INVALID_BAR')).toHaveLength(1);
    expect(agg.onTime(et(DAY, '16:00'))).toEqual([]);
  });
});

describe('options', () => {
  it('rejects bad options with the option name, value and allowed range', () => {
    expect(() => new CandleAggregator({ symbol: '', timeframe: '5Min' })).toThrow(/symbol: "" is invalid/);
    expect(() => new CandleAggregator({ symbol: SYM, timeframe: '3Min' as '5Min' })).toThrow(/timeframe: "3Min" is invalid; allowed 1Min, 2Min/);
    expect(() => new CandleAggregator({ symbol: SYM, timeframe: '5Min', graceMs: -1 })).toThrow(/graceMs: -1 is invalid/);
    expect(() => new CandleAggregator({ symbol: SYM, timeframe: '5Min', fetchTimeoutMs: 1.5 })).toThrow(/fetchTimeoutMs: 1.5/);
  });
});
