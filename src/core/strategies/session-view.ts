// Where a candle sits in its NYSE session (SPEC S6), as strategies see it (`SessionView`): the ET date, the
// minutes left to the close and whether it is the session's last candle (flat-before-close rules).
// Must never: read the wall clock; everything is derived from the candle's own timestamps.
import { TIMEFRAME_MINUTES, type Bar } from '../../domain/bar.js';
import { etDate, session } from '../../domain/calendar/index.js';
import type { SessionView } from './strategy-api.js';

/** A bar or an aggregated Candle (which knows its exact window end). */
export type CandleLike = Bar & { readonly end?: number };

function candleEnd(candle: CandleLike, close: number): number {
  if (candle.end !== undefined && candle.timeframe !== '1Day') return candle.end;
  if (candle.timeframe === '1Day') return close;
  return candle.t + TIMEFRAME_MINUTES[candle.timeframe] * 60_000;
}

/**
 * The session view of `candle`. A candle outside any session (extended hours, or a date the calendar does not
 * cover) gets minutesToClose 0 and isLastCandle false.
 */
export function sessionViewOf(candle: CandleLike): SessionView {
  let date: string;
  try {
    date = etDate(candle.t);
  } catch {
    return Object.freeze({ date: new Date(candle.t).toISOString().slice(0, 10), minutesToClose: 0, isLastCandle: false });
  }
  const day = session(date);
  if (day === undefined || candle.t >= day.close) return Object.freeze({ date, minutesToClose: 0, isLastCandle: false });
  const end = candleEnd(candle, day.close);
  return Object.freeze({ date, minutesToClose: Math.max(0, Math.round((day.close - end) / 60_000)), isLastCandle: end >= day.close });
}
