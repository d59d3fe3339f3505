// How much history a strategy needs before it may trade (SPEC §4 warm-up): the nominal count of
// 1-minute bars, and the calendar-exact instant to fetch from so that enough whole candles close before
// `now` (nights, weekends, holidays and 13:00 closes are not minutes of data).
// Must never: read the clock (callers pass `now`) or return a start inside a window (the first
// candle would be short).

import { TIMEFRAME_MINUTES, TIMEFRAMES, isTimeframe, type Timeframe } from '../../domain/bar.js';
import { etDate, etDateTime, previousTradingDay, session } from '../../domain/calendar/index.js';
import { SessionGrid } from './session-grid.js';

/** Options of {@link warmUpStart}. */
export interface WarmUpStartOptions {
  /** Count pre/post-market windows too (as a CandleAggregator with `extendedHours` does). Default false. */
  readonly extendedHours?: boolean;
}

function checkCount(candlesNeeded: number): void {
  if (!Number.isSafeInteger(candlesNeeded) || candlesNeeded < 0) {
    throw new RangeError(`candlesNeeded: ${String(candlesNeeded)} is invalid; expected an integer >= 0`);
  }
}

function checkTimeframe(timeframe: Timeframe): void {
  if (!isTimeframe(timeframe)) {
    throw new RangeError(`timeframe: ${JSON.stringify(timeframe)} is invalid; allowed ${TIMEFRAMES.join(', ')}`);
  }
}

/**
 * Nominal number of 1-minute bars behind `candlesNeeded` candles: candles × minutes per candle
 * (SMA-200 on 2-minute candles = 400). It ignores session boundaries (the 60-minute candle that ends at
 * the close is 30 minutes long), so fetch by {@link warmUpStart}, not by this count.
 * @throws RangeError for 1Day (daily history is daily bars, see warmUpStart) or a bad count
 */
export function historyMinutesFor(timeframe: Timeframe, candlesNeeded: number): number {
  checkTimeframe(timeframe);
  checkCount(candlesNeeded);
  if (timeframe === '1Day') {
    throw new RangeError('historyMinutesFor: timeframe 1Day is fed daily bars, not 1-minute bars; allowed 1Min, 2Min, 5Min, 10Min, 15Min, 30Min, 1Hour');
  }
  return candlesNeeded * TIMEFRAME_MINUTES[timeframe];
}

/**
 * The instant to fetch 1-minute history from (daily bars for 1Day) so that at least `candlesNeeded`
 * whole candles of `timeframe` end at or before `now`, walking back session by session with the NYSE
 * calendar. The result is a window start (a 1Day result is ET midnight of the first day, which is how
 * daily bars are stamped). Fetch [result, now): the window forming at `now` is included and finishes
 * with live bars.
 * @throws RangeError on a bad timeframe, count or `now`; CalendarRangeError when the walk leaves 2020–2030
 */
export function warmUpStart(now: number, timeframe: Timeframe, candlesNeeded: number, options?: WarmUpStartOptions): number {
  checkTimeframe(timeframe);
  checkCount(candlesNeeded);
  if (!Number.isFinite(now)) throw new RangeError(`now: ${String(now)} is not a finite epoch ms`);
  if (candlesNeeded === 0) return now;
  return timeframe === '1Day' ? dailyStart(now, candlesNeeded) : intradayStart(now, TIMEFRAME_MINUTES[timeframe], candlesNeeded, options?.extendedHours ?? false);
}

function dailyStart(now: number, candlesNeeded: number): number {
  let date = etDate(now);
  const today = session(date);
  let remaining = candlesNeeded;
  if (today !== undefined && today.close <= now) remaining--;
  while (remaining > 0) {
    date = previousTradingDay(date);
    remaining--;
  }
  return etDateTime(date, '00:00');
}

function intradayStart(now: number, minutes: number, candlesNeeded: number, extendedHours: boolean): number {
  const grid = new SessionGrid(minutes, extendedHours);
  let date = etDate(now);
  let remaining = candlesNeeded;
  const today = session(date);
  if (today !== undefined) {
    grid.reset(today);
    for (let w = grid.windowCount - 1; w >= 0; w--) {
      if (grid.windowEnd(w) > now) continue;
      remaining--;
      if (remaining === 0) return grid.windowStart(w);
    }
  }
  for (;;) {
    date = previousTradingDay(date);
    const s = session(date);
    if (s === undefined) continue; // unreachable: previousTradingDay returns trading days
    grid.reset(s);
    if (grid.windowCount >= remaining) return grid.windowStart(grid.windowCount - remaining);
    remaining -= grid.windowCount;
  }
}
