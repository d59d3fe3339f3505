// The candle aggregator the engine holds, one per (symbol, timeframe): 1-minute bars in, closed candles
// out, plus the fetch requests and diagnostics the engine must act on or log (SPEC §4). One per
// timeframe rather than one per symbol because each timeframe has its own windows, late-bar buffer,
// fetch requests and grace deadlines; keeping them apart keeps every call O(1) with no loop over
// timeframes, and the engine shares one aggregator among all strategies on the same (symbol, timeframe).
// Must never: throw on bad data (data problems are diagnostics), read the clock (time comes from
// onTime), or emit a candle that can still change.

import type { Bar, Timeframe } from '../../domain/bar.js';
import { resolveAggregatorOptions, type CandleAggregatorOptions } from './aggregator-options.js';
import type { CandleEvent } from './candle.js';
import { DailyCandles } from './daily-candles.js';
import { IntradayCandles } from './intraday-candles.js';

/**
 * Turns one symbol's 1-minute bars into candles of one timeframe, aligned to the 09:30 open (daily bars
 * pass through). Every method returns the events it produced, in order: `candle` (closed, in strictly
 * increasing time), `fetch` (a window got no bar: fetch it and call {@link supplyFetched}) and
 * `diagnostic` (log it). Windows complete as soon as their last minute is in and every earlier window
 * is resolved; a window missing bars is emitted `partial` once `now ≥ end + graceMs` (see {@link onTime}).
 */
export class CandleAggregator {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly #impl: IntradayCandles | DailyCandles;

  /** @throws RangeError naming a bad option (symbol, timeframe, graceMs, fetchTimeoutMs) */
  constructor(options: CandleAggregatorOptions) {
    const resolved = resolveAggregatorOptions(options);
    this.symbol = resolved.symbol;
    this.timeframe = resolved.timeframe;
    this.#impl = resolved.timeframe === '1Day' ? new DailyCandles(resolved) : new IntradayCandles(resolved);
  }

  /** Newest bar timestamp accepted (history or live), epoch ms: where a backfill resumes. */
  get lastMinute(): number | undefined {
    return this.#impl.lastMinute;
  }

  /** Timestamp of the last warm-up history bar; live bars at or before it are dropped as overlap. */
  get historyEnd(): number | undefined {
    return this.#impl.historyEnd;
  }

  /**
   * Feeds one bar (1Min for intraday timeframes, 1Day for 1Day). Bad, duplicate, late-for-an-emitted-
   * window and out-of-session bars are dropped with a diagnostic; a late bar for an open window is used.
   */
  onBar(bar: Bar): readonly CandleEvent[] {
    return this.#impl.onBar(bar);
  }

  /**
   * Tells the aggregator the time (the engine calls it on every clock tick; backtests with the virtual
   * clock). Windows `graceMs` past their end are emitted partial, or turn into fetch requests when they
   * have no bar; unanswered fetches give up after `fetchTimeoutMs`. A clock that goes back is ignored.
   * @throws RangeError when `now` is not finite (a broken clock, not bad data)
   */
  onTime(now: number): readonly CandleEvent[] {
    return this.#impl.onTime(now);
  }

  /**
   * Hands back the result of a `fetch` request (`window` = the request's `window`); pass an empty array
   * when the fetch failed or found nothing. The bars go through the usual checks; the window is then
   * emitted (partial if still short) or skipped when still empty.
   */
  supplyFetched(window: number, bars: readonly Bar[]): readonly CandleEvent[] {
    return this.#impl.supplyFetched(window, bars);
  }

  /**
   * Aggregates history (any order) into the candles that fill indicator buffers, and remembers where it
   * ends: live bars at or before that are dropped as overlap. Windows that ended more than `graceMs`
   * before `now` are closed from what history holds (partial or skipped, summarised in one
   * WARM_UP_SUMMARY diagnostic, never fetched); the window forming at `now` stays open for live bars.
   * @param now the engine's clock, epoch ms
   * @throws Error when called twice or after live bars; RangeError when `now` is not finite
   */
  warmUp(history: readonly Bar[], now: number): readonly CandleEvent[] {
    return this.#impl.warmUp(history, now);
  }
}
