// Running OHLCV of every window of the current session, as parallel typed arrays. Exists so a bar is
// folded into its window in O(1) with no allocation, in any arrival order: open and close are the bars
// with the earliest and latest timestamps, not the first and last to arrive, so a late bar lands where
// it belongs.
// Must never: let a window's sums depend on arrival order (the property test feeds bars shuffled).

import type { Bar, Timeframe } from '../../domain/bar.js';
import type { Candle } from './candle.js';

/** Window states of the aggregator's state machine. */
export const WINDOW_COLLECTING = 0;
export const WINDOW_AWAITING_FETCH = 1;
export const WINDOW_FETCHED = 2;
export const WINDOW_DONE = 3;

/** Accumulators of up to `capacity` windows. */
export class WindowBook {
  readonly count: Int16Array;
  readonly state: Uint8Array;
  readonly #openT: Float64Array;
  readonly #open: Float64Array;
  readonly #closeT: Float64Array;
  readonly #close: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #volume: Float64Array;
  /** Σ vwap·volume, NaN once a bar without vwap arrives (then the candle has no vwap). */
  readonly #pv: Float64Array;
  /** The vwap of the window's first-added bar, so a one-bar candle keeps it bit for bit. */
  readonly #vwap1: Float64Array;
  /** Σ tradeCount, NaN once a bar without tradeCount arrives. */
  readonly #trades: Float64Array;

  constructor(capacity: number) {
    this.count = new Int16Array(capacity);
    this.state = new Uint8Array(capacity);
    this.#openT = new Float64Array(capacity);
    this.#open = new Float64Array(capacity);
    this.#closeT = new Float64Array(capacity);
    this.#close = new Float64Array(capacity);
    this.#high = new Float64Array(capacity);
    this.#low = new Float64Array(capacity);
    this.#volume = new Float64Array(capacity);
    this.#pv = new Float64Array(capacity);
    this.#vwap1 = new Float64Array(capacity);
    this.#trades = new Float64Array(capacity);
  }

  /** Empties the first `windows` windows for a new session. */
  clear(windows: number): void {
    this.count.fill(0, 0, windows);
    this.state.fill(WINDOW_COLLECTING, 0, windows);
  }

  /** Folds `bar` into window `w`. */
  add(w: number, bar: Bar): void {
    const n = this.count[w] ?? 0;
    const pv = bar.vwap === undefined ? Number.NaN : bar.vwap * bar.volume;
    const trades = bar.tradeCount ?? Number.NaN;
    if (n === 0) {
      this.#openT[w] = bar.t;
      this.#open[w] = bar.open;
      this.#closeT[w] = bar.t;
      this.#close[w] = bar.close;
      this.#high[w] = bar.high;
      this.#low[w] = bar.low;
      this.#volume[w] = bar.volume;
      this.#pv[w] = pv;
      this.#vwap1[w] = bar.vwap ?? Number.NaN;
      this.#trades[w] = trades;
    } else {
      if (bar.t < (this.#openT[w] ?? 0)) {
        this.#openT[w] = bar.t;
        this.#open[w] = bar.open;
      }
      if (bar.t > (this.#closeT[w] ?? 0)) {
        this.#closeT[w] = bar.t;
        this.#close[w] = bar.close;
      }
      if (bar.high > (this.#high[w] ?? 0)) this.#high[w] = bar.high;
      if (bar.low < (this.#low[w] ?? 0)) this.#low[w] = bar.low;
      this.#volume[w] = (this.#volume[w] ?? 0) + bar.volume;
      this.#pv[w] = (this.#pv[w] ?? 0) + pv;
      this.#trades[w] = (this.#trades[w] ?? 0) + trades;
    }
    this.count[w] = n + 1;
  }

  /** The candle of window `w` (call only when it holds at least one bar). */
  candle(w: number, symbol: string, timeframe: Timeframe, span: { t: number; end: number; partial: boolean }): Candle {
    const volume = this.#volume[w] ?? 0;
    const bars = this.count[w] ?? 0;
    const pv = this.#pv[w] ?? Number.NaN;
    const vwap = bars === 1 ? (this.#vwap1[w] ?? Number.NaN) : volume > 0 ? pv / volume : Number.NaN;
    const trades = this.#trades[w] ?? Number.NaN;
    return {
      symbol,
      timeframe,
      t: span.t,
      end: span.end,
      open: this.#open[w] ?? 0,
      high: this.#high[w] ?? 0,
      low: this.#low[w] ?? 0,
      close: this.#close[w] ?? 0,
      volume,
      vwap: Number.isNaN(vwap) ? undefined : vwap,
      tradeCount: Number.isNaN(trades) ? undefined : trades,
      partial: span.partial,
      barCount: bars,
    };
  }
}
