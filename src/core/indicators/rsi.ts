// Relative Strength Index exactly as TA-Lib's RSI (Wilder smoothing, TA_COMPATIBILITY_DEFAULT): the first
// average gain/loss is the simple mean of the first `period` changes (output at index `period`), then
// avg = (avg × (period − 1) + change) / period. When avgGain + avgLoss is within TA_EPSILON = 1e-14 of zero
// (a long flat stretch), TA-Lib outputs 0, and so does this. (TA-Lib 0.4.0 used 1e-8; the TA-Lib build we
// verify against, talib-web 0.1.3, uses 1e-14, checked in talib-agreement.test.ts.)
// Must never: reorder the floating-point operations (they mirror TA-Lib's C code).

import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkPeriod, TA_EPSILON } from './validate.js';

/** TA-Lib's TA_IS_ZERO: |v| < TA_EPSILON. */
function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** RSI(period), 0–100. TA-Lib lookback `period`, so `warmUp` = period + 1. */
export class Rsi extends IncrementalIndicator<number, number> {
  readonly #period: number;
  #last = 0;
  #gain = 0;
  #loss = 0;
  #savedLast = 0;
  #savedGain = 0;
  #savedLoss = 0;

  /**
   * @param period 2–100000 (TA-Lib's range); Wilder's default is 14
   * @throws RangeError for a bad period
   */
  constructor(period: number) {
    super('RSI', checkPeriod('RSI', 'period', period, 2) + 1);
    this.#period = period;
  }

  protected check(input: number): void {
    checkFinite('RSI', 'input', input);
  }

  protected save(): void {
    this.#savedLast = this.#last;
    this.#savedGain = this.#gain;
    this.#savedLoss = this.#loss;
  }

  protected restore(): void {
    this.#last = this.#savedLast;
    this.#gain = this.#savedGain;
    this.#loss = this.#savedLoss;
  }

  protected apply(x: number, index: number): number | undefined {
    const change = x - this.#last;
    this.#last = x;
    if (index === 0) return undefined;
    const p = this.#period;
    if (index > p) {
      this.#loss *= p - 1;
      this.#gain *= p - 1;
    }
    if (change < 0) this.#loss -= change;
    else this.#gain += change;
    if (index < p) return undefined;
    this.#loss /= p;
    this.#gain /= p;
    const total = this.#gain + this.#loss;
    return isZero(total) ? 0 : 100 * (this.#gain / total);
  }

  protected clear(): void {
    this.#last = 0;
    this.#gain = 0;
    this.#loss = 0;
    this.save();
  }
}
