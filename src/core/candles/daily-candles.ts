// Daily bars pass through the aggregator unchanged (SPEC §4), with the same input checks and
// de-duplication as intraday bars, so a daily strategy sees the same guarantees.
// Must never: reorder, merge or alter a daily bar's values, or emit one twice.

import type { Bar } from '../../domain/bar.js';
import type { ResolvedAggregatorOptions } from './aggregator-options.js';
import { barProblem } from './bar-check.js';
import type { CandleEvent } from './candle.js';
import { EventSink, iso } from './event-sink.js';

const MS_PER_DAY = 86_400_000;

/** 1Day engine of a CandleAggregator: validate, de-duplicate, pass through. */
export class DailyCandles {
  readonly #o: ResolvedAggregatorOptions;
  readonly #sink: EventSink;
  #newest: number | undefined;
  #historyEnd: number | undefined;
  #warmedUp = false;

  constructor(options: ResolvedAggregatorOptions) {
    this.#o = options;
    this.#sink = new EventSink(options.symbol, options.timeframe);
  }

  get lastMinute(): number | undefined {
    return this.#newest;
  }

  get historyEnd(): number | undefined {
    return this.#historyEnd;
  }

  onBar(bar: Bar): readonly CandleEvent[] {
    this.#accept(bar);
    return this.#sink.take();
  }

  onTime(now: number): readonly CandleEvent[] {
    if (!Number.isFinite(now)) throw new RangeError(`candle aggregator: now ${String(now)} is not a finite epoch ms`);
    return this.#sink.take();
  }

  supplyFetched(window: number, bars: readonly Bar[]): readonly CandleEvent[] {
    this.#sink.diag('info', 'UNEXPECTED_FETCH_RESULT', window, `fetch result for ${iso(window)} ignored (${bars.length} bars): a 1Day aggregator never requests fetches`);
    return this.#sink.take();
  }

  warmUp(history: readonly Bar[], now: number): readonly CandleEvent[] {
    if (this.#warmedUp || this.#newest !== undefined) {
      throw new Error(`warmUp(${this.#o.symbol} 1Day) must be called once, before any live bar`);
    }
    if (!Number.isFinite(now)) throw new RangeError(`candle aggregator: now ${String(now)} is not a finite epoch ms`);
    this.#warmedUp = true;
    for (const bar of [...history].sort((a, b) => a.t - b.t)) this.#accept(bar);
    this.#historyEnd = this.#newest;
    const events = this.#sink.take();
    const candles = events.filter((e) => e.kind === 'candle').length;
    this.#sink.diag('info', 'WARM_UP_SUMMARY', this.#historyEnd, `warm-up ${this.#o.symbol} 1Day: ${history.length} history bars → ${candles} candles`);
    return [...events, ...this.#sink.take()];
  }

  #accept(bar: Bar): void {
    const problem = barProblem(bar, this.#o.symbol, this.#o.timeframe);
    if (problem !== undefined) {
      this.#sink.diag('warning', 'INVALID_BAR', bar.t, `rejected ${this.#o.symbol} bar: ${problem}`);
      return;
    }
    if (this.#newest !== undefined && bar.t <= this.#newest) {
      if (this.#historyEnd !== undefined && bar.t <= this.#historyEnd) {
        this.#sink.diag('debug', 'WARM_UP_OVERLAP', bar.t, `daily bar ${iso(bar.t)} overlaps the warm-up history: dropped`);
      } else if (bar.t === this.#newest) {
        this.#sink.diag('info', 'DUPLICATE_BAR', bar.t, `duplicate ${this.#o.symbol} daily bar ${iso(bar.t)}: dropped, the first one is kept`);
      } else {
        this.#sink.diag('warning', 'LATE_BAR_DROPPED', bar.t, `late ${this.#o.symbol} daily bar ${iso(bar.t)} dropped: a later day (${iso(this.#newest)}) was already passed on`);
      }
      return;
    }
    this.#newest = bar.t;
    const { symbol, timeframe, t, open, high, low, close, volume, vwap, tradeCount } = bar;
    this.#sink.push({
      kind: 'candle',
      candle: { symbol, timeframe, t, end: t + MS_PER_DAY, open, high, low, close, volume, vwap, tradeCount, partial: false, barCount: 1 },
    });
  }
}
