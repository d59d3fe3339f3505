// Bollinger Bands as TA-Lib's BBANDS with MA type SMA: middle = SMA(period), upper/lower = middle ± k × σ
// where σ is the POPULATION standard deviation of the window (divide by period). As TA-Lib, a variance below
// TA_EPSILON = 1e-14 (TA_IS_ZERO_OR_NEG; 1e-8 in TA-Lib 0.4.0) gives σ = 0.
// The middle band is the exact SMA (scaled integers). σ comes from exact integer sums of deviations from a
// reference K (a safe-integer window value): Σ(s − K) and Σ(s − K)² stay exact while Σ(s − K)² < 2^53,
// which holds for any real price path; K is re-centred on the window mean every `period` inputs (one O(period)
// pass per `period` inputs: amortised O(1)), so nothing can drift even outside that range.
// Must never: compute σ from a running double sum of squares of raw prices (catastrophic cancellation).

import { ExactWindowSum } from './exact-window-sum.js';
import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkPeriod, TA_EPSILON } from './validate.js';

export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

export interface BollingerOptions {
  /** 2–100000. Default 20. */
  readonly period?: number;
  /** Standard deviations above the middle. Default 2. */
  readonly devUp?: number;
  /** Standard deviations below the middle. Default 2. */
  readonly devDown?: number;
  /** Decimals of the inputs, 0–8. Default 4. */
  readonly decimals?: number;
}


/** Bollinger Bands. TA-Lib lookback period − 1, so `warmUp` = period. */
export class BollingerBands extends IncrementalIndicator<number, BollingerValue> {
  readonly #period: number;
  readonly #devUp: number;
  readonly #devDown: number;
  readonly #window: ExactWindowSum;
  readonly #scale2: number;
  #scaled = 0;
  #ref = 0;
  #sumD = 0;
  #sumD2 = 0;
  #sinceCentre = 0;
  #saved = { ref: 0, sumD: 0, sumD2: 0, sinceCentre: 0 };

  /** @throws RangeError for a bad period, decimals, or non-finite deviations */
  constructor(options: BollingerOptions = {}) {
    const period = checkPeriod('BollingerBands', 'period', options.period ?? 20, 2);
    super('BollingerBands', period);
    this.#period = period;
    this.#devUp = checkFinite('BollingerBands', 'devUp', options.devUp ?? 2);
    this.#devDown = checkFinite('BollingerBands', 'devDown', options.devDown ?? 2);
    this.#window = new ExactWindowSum('BollingerBands', period, options.decimals ?? 4);
    this.#scale2 = this.#window.scale * this.#window.scale;
  }

  protected check(input: number): void {
    this.#scaled = this.#window.toScaled(input);
  }

  protected save(): void {
    this.#window.save();
    const saved = this.#saved;
    saved.ref = this.#ref;
    saved.sumD = this.#sumD;
    saved.sumD2 = this.#sumD2;
    saved.sinceCentre = this.#sinceCentre;
  }

  protected restore(): void {
    this.#window.undo();
    this.#ref = this.#saved.ref;
    this.#sumD = this.#saved.sumD;
    this.#sumD2 = this.#saved.sumD2;
    this.#sinceCentre = this.#saved.sinceCentre;
  }

  protected apply(_input: number, index: number): BollingerValue | undefined {
    const w = this.#window;
    if (index === 0) this.#ref = this.#scaled;
    if (w.full) {
      const old = w.scaledAt(this.#period - 1) - this.#ref;
      this.#sumD -= old;
      this.#sumD2 -= old * old;
    }
    w.append(this.#scaled);
    const d = this.#scaled - this.#ref;
    this.#sumD += d;
    this.#sumD2 += d * d;
    if (++this.#sinceCentre >= this.#period) this.#recentre();
    if (!w.full) return undefined;
    return this.#bands();
  }

  /** K := window mean (rounded), then the deviation sums are recomputed from the ring. */
  #recentre(): void {
    const w = this.#window;
    const n = this.#period; // the first re-centring is at the period-th input: the window is always full
    this.#ref = Math.round(w.scaledSum / n);
    let sumD = 0;
    let sumD2 = 0;
    for (let back = 0; back < n; back++) {
      const d = w.scaledAt(back) - this.#ref;
      sumD += d;
      sumD2 += d * d;
    }
    this.#sumD = sumD;
    this.#sumD2 = sumD2;
    this.#sinceCentre = 0;
  }

  #bands(): BollingerValue {
    const n = this.#period;
    const w = this.#window;
    const middle = w.scaledSum / (n * w.scale);
    const meanD = this.#sumD / n;
    const variance = (this.#sumD2 / n - meanD * meanD) / this.#scale2;
    const sigma = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
    return { upper: middle + this.#devUp * sigma, middle, lower: middle - this.#devDown * sigma };
  }

  protected clear(): void {
    this.#window.reset();
    this.#ref = 0;
    this.#sumD = 0;
    this.#sumD2 = 0;
    this.#sinceCentre = 0;
    this.#saved = { ref: 0, sumD: 0, sumD2: 0, sinceCentre: 0 };
  }
}
