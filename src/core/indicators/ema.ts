// Exponential moving average exactly as TA-Lib's EMA: seeded with the SMA of the first `period` inputs
// (TA_COMPATIBILITY_DEFAULT), then ema = (x − ema) × k + ema with k = 2 / (period + 1).
// Exists because EMA libraries differ in seeding (first value vs SMA), which changes every early value.
// Must never: reorder the floating-point operations (they mirror TA-Lib's, so values match bit for bit).

import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkPeriod } from './validate.js';

/** EMA(period). TA-Lib lookback period − 1, so `warmUp` = period. */
export class Ema extends IncrementalIndicator<number, number> {
  readonly #period: number;
  readonly #k: number;
  #sum = 0;
  #ema = 0;
  #savedSum = 0;
  #savedEma = 0;

  /**
   * @param period 2–100000 (TA-Lib's range)
   * @throws RangeError for a bad period
   */
  constructor(period: number) {
    super('EMA', checkPeriod('EMA', 'period', period, 2));
    this.#period = period;
    this.#k = 2 / (period + 1);
  }

  protected check(input: number): void {
    checkFinite('EMA', 'input', input);
  }

  protected save(): void {
    this.#savedSum = this.#sum;
    this.#savedEma = this.#ema;
  }

  protected restore(): void {
    this.#sum = this.#savedSum;
    this.#ema = this.#savedEma;
  }

  protected apply(x: number, index: number): number | undefined {
    if (index < this.#period) {
      this.#sum += x;
      if (index < this.#period - 1) return undefined;
      this.#ema = this.#sum / this.#period;
    } else {
      this.#ema = (x - this.#ema) * this.#k + this.#ema;
    }
    return this.#ema;
  }

  protected clear(): void {
    this.#sum = 0;
    this.#ema = 0;
    this.#savedSum = 0;
    this.#savedEma = 0;
  }
}
