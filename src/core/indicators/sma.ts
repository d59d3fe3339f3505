// Simple moving average (TA-Lib SMA), exact: the window sum is kept as scaled integers.
// Exists for crossovers (sma_crossover, mtf_sma, velez), where an exact tie between two averages must be seen
// as a tie: the value is ONE correctly rounded division of exact integers (sum / (period × 10^decimals)), so
// two SMAs with equal true values are equal doubles; `compareAverages` compares them exactly.
// Must never: accumulate floating-point error (no running double sum of prices).

import { ExactWindowSum } from './exact-window-sum.js';
import { IncrementalIndicator } from './incremental-indicator.js';
import type { ExactAverage } from './indicator.js';
import { checkPeriod } from './validate.js';

export interface SmaOptions {
  /** Decimals of the inputs, 0–8. Default 4 (prices as Alpaca sends them). */
  readonly decimals?: number;
}

/**
 * SMA(period): mean of the last `period` inputs, each with at most `decimals` decimals. TA-Lib lookback
 * period − 1, so `warmUp` = period. Exact range: period × |input| × 10^decimals ≤ 2^53 − 1 (see
 * `maxExactInput`; period 200 at 4 decimals allows |price| ≤ 4.5e9); outside it, or with more decimals,
 * `add` throws a RangeError rather than round.
 */
export class Sma extends IncrementalIndicator<number, number> implements ExactAverage {
  readonly #window: ExactWindowSum;
  readonly #denominator: number;
  #scaled = 0;

  /**
   * @param period 2–100000 (TA-Lib's range)
   * @param name used in error messages
   * @throws RangeError for a bad period or decimals
   */
  constructor(period: number, options: SmaOptions = {}, name = 'SMA') {
    super(name, checkPeriod(name, 'period', period, 2));
    this.#window = new ExactWindowSum(name, period, options.decimals ?? 4);
    this.#denominator = period * this.#window.scale;
  }

  /** value = numerator / denominator exactly; `undefined` before warm-up. */
  get exact(): { readonly numerator: number; readonly denominator: number } | undefined {
    return this.isStable ? { numerator: this.#window.scaledSum, denominator: this.#denominator } : undefined;
  }

  protected check(input: number): void {
    this.#scaled = this.#window.toScaled(input);
  }

  protected save(): void {
    this.#window.save();
  }

  protected restore(): void {
    this.#window.undo();
  }

  protected apply(): number | undefined {
    this.#window.append(this.#scaled);
    return this.#window.full ? this.#window.scaledSum / this.#denominator : undefined;
  }

  protected clear(): void {
    this.#window.reset();
  }
}
