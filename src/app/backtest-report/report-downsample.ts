// Shrinks long series for the report so a 500,000-point run still gives a small file that draws at once:
// equity and drawdown by min/max buckets (each bucket keeps its first, lowest, highest and last point, so peaks,
// troughs and the maximum drawdown survive exactly), candles by merging runs of consecutive candles into one OHLC.
// Must never: invent a value that is not in the data (every kept point is a real point; a merged candle's high/low
// are the real extremes), or allocate per input point (one pass, output-sized arrays only).

import type { EquitySeries, ReportCandles } from '../../runtime/backtest/backtest-types.js';

/** A column pair of instants (epoch ms) and values. */
export interface TimeValues {
  readonly t: number[];
  readonly v: number[];
}

export interface EquityAndDrawdown {
  readonly equity: TimeValues;
  /** Drawdown from the running peak, in percent (≤ 0), computed on every input point before downsampling. */
  readonly drawdown: TimeValues;
  /** Points in the input that had a finite time and equity. */
  readonly inputPoints: number;
}

/** Tracks first, lowest, highest and last (index, value) of one bucket. */
class Bucket {
  #firstI = -1;
  #firstV = 0;
  #lastI = -1;
  #lastV = 0;
  #minI = -1;
  #minV = 0;
  #maxI = -1;
  #maxV = 0;

  add(i: number, v: number): void {
    if (this.#firstI < 0) {
      this.#firstI = i;
      this.#firstV = v;
    }
    this.#lastI = i;
    this.#lastV = v;
    if (this.#minI < 0 || v < this.#minV) {
      this.#minI = i;
      this.#minV = v;
    }
    if (this.#maxI < 0 || v > this.#maxV) {
      this.#maxI = i;
      this.#maxV = v;
    }
  }

  /** Appends the kept points in time order (no index twice) and empties the bucket. */
  flush(times: ArrayLike<number>, out: TimeValues): void {
    if (this.#firstI < 0) return;
    const picks: [number, number][] = [
      [this.#firstI, this.#firstV],
      [this.#minI, this.#minV],
      [this.#maxI, this.#maxV],
      [this.#lastI, this.#lastV],
    ];
    picks.sort((a, b) => a[0] - b[0]);
    let previous = -1;
    for (const [i, v] of picks) {
      if (i === previous) continue;
      previous = i;
      out.t.push(times[i] ?? 0);
      out.v.push(v);
    }
    this.#firstI = -1;
    this.#lastI = -1;
    this.#minI = -1;
    this.#maxI = -1;
  }
}

/**
 * Equity and drawdown series of at most about `maxPoints` points each. Points whose time or equity is not finite
 * are skipped. Drawdown is `(equity / runningPeak - 1) * 100`, 0 while the peak is not positive.
 */
export function equityAndDrawdown(series: EquitySeries, maxPoints: number): EquityAndDrawdown {
  const n = Math.min(series.t.length, series.equity.length);
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = n <= maxPoints ? 1 : Math.ceil(n / buckets);
  const equity: TimeValues = { t: [], v: [] };
  const drawdown: TimeValues = { t: [], v: [] };
  const eqBucket = new Bucket();
  const ddBucket = new Bucket();
  let peak = -Infinity;
  let inputPoints = 0;
  for (let i = 0; i < n; i++) {
    const t = series.t[i] ?? NaN;
    const value = series.equity[i] ?? NaN;
    if (Number.isFinite(t) && Number.isFinite(value)) {
      inputPoints++;
      if (value > peak) peak = value;
      eqBucket.add(i, value);
      ddBucket.add(i, peak > 0 ? (value / peak - 1) * 100 : 0);
    }
    if ((i + 1) % size === 0 || i === n - 1) {
      eqBucket.flush(series.t, equity);
      ddBucket.flush(series.t, drawdown);
    }
  }
  return { equity, drawdown, inputPoints };
}

/** Candles as columns (epoch ms start times). */
export interface CandleColumns {
  readonly t: number[];
  readonly o: number[];
  readonly h: number[];
  readonly l: number[];
  readonly c: number[];
}

export interface AggregatedCandles {
  readonly candles: CandleColumns;
  /** How many input candles each output candle merges (1 = unchanged). */
  readonly per: number;
}

/**
 * At most `maxCandles` candles: runs of `per` consecutive candles become one (open of the first, close of the last,
 * highest high, lowest low, time of the first). Candles with a non-finite field are skipped.
 */
export function aggregateCandles(input: ReportCandles, maxCandles: number): AggregatedCandles {
  const n = Math.min(input.t.length, input.o.length, input.h.length, input.l.length, input.c.length);
  const per = n <= maxCandles ? 1 : Math.ceil(n / Math.max(1, maxCandles));
  const out: CandleColumns = { t: [], o: [], h: [], l: [], c: [] };
  let open = false;
  for (let i = 0; i < n; i++) {
    const t = input.t[i] ?? NaN;
    const o = input.o[i] ?? NaN;
    const h = input.h[i] ?? NaN;
    const l = input.l[i] ?? NaN;
    const c = input.c[i] ?? NaN;
    if (i % per === 0) open = false;
    if (!(Number.isFinite(t) && Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c))) continue;
    const last = out.t.length - 1;
    if (!open || last < 0) {
      out.t.push(t);
      out.o.push(o);
      out.h.push(h);
      out.l.push(l);
      out.c.push(c);
      open = true;
      continue;
    }
    out.h[last] = Math.max(out.h[last] ?? h, h);
    out.l[last] = Math.min(out.l[last] ?? l, l);
    out.c[last] = c;
  }
  return { candles: out, per };
}
