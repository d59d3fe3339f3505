// A sliding-window sum of decimal inputs held as scaled integers in a preallocated ring buffer.
// Exists so the SMA (and Bollinger middle, volume average) never drift: adding and removing values is exact
// integer arithmetic in doubles (all intermediate values are safe integers), so the same window always gives
// the same sum, however many values passed through, and equal averages are equal doubles.
// Must never: round an input that has more decimals than configured (that would be a silent value change),
// or let a sum leave the safe-integer range (both throw a RangeError instead).

import { checkFinite, checkPeriod } from './validate.js';

/** Largest number of decimals an exact average accepts (10^8 scale). */
export const MAX_DECIMALS = 8;

/**
 * The largest |input| an exact window of `period` inputs with `decimals` decimals accepts:
 * period × |input| × 10^decimals must stay ≤ Number.MAX_SAFE_INTEGER (2^53 − 1), so every partial sum is exact.
 * E.g. period 200, 4 decimals: |price| ≤ 4,503,599,627.37.
 */
export function maxExactInput(period: number, decimals: number): number {
  return Math.floor(Number.MAX_SAFE_INTEGER / period) / 10 ** decimals;
}

export class ExactWindowSum {
  readonly #name: string;
  readonly #period: number;
  readonly #decimals: number;
  readonly #scale: number;
  readonly #maxScaled: number;
  readonly #ring: Float64Array;
  #head = 0;
  #filled = 0;
  #sum = 0;
  #savedHead = 0;
  #savedFilled = 0;
  #savedSum = 0;
  #savedEvicted = 0;

  /**
   * @param name indicator name used in error messages
   * @throws RangeError for a period outside 1–100000 or decimals outside 0–8
   */
  constructor(name: string, period: number, decimals: number) {
    this.#name = name;
    this.#period = checkPeriod(name, 'period', period, 1);
    this.#decimals = checkPeriod(name, 'decimals', decimals, 0, MAX_DECIMALS);
    this.#scale = 10 ** decimals;
    this.#maxScaled = Math.floor(Number.MAX_SAFE_INTEGER / period);
    this.#ring = new Float64Array(period);
  }

  get period(): number {
    return this.#period;
  }

  get scale(): number {
    return this.#scale;
  }

  /** True when the window holds `period` inputs. */
  get full(): boolean {
    return this.#filled === this.#period;
  }

  /** Exact sum of the window in units of 10^-decimals (a safe integer). */
  get scaledSum(): number {
    return this.#sum;
  }

  /** Scaled value at `back` positions before the newest (0 = newest); `back` < inputs held. */
  scaledAt(back: number): number {
    const i = (this.#head - 1 - back + 2 * this.#period) % this.#period;
    return this.#ring[i] ?? 0;
  }

  /** Converts an input to its scaled integer. @throws RangeError for non-finite, too many decimals, out of range */
  toScaled(value: number): number {
    checkFinite(this.#name, 'input', value);
    const scaled = Math.round(value * this.#scale);
    if (scaled / this.#scale !== value) {
      throw new RangeError(`${this.#name}: invalid input ${String(value)}: expected at most ${this.#decimals} decimals (exact average)`);
    }
    if (Math.abs(scaled) > this.#maxScaled) {
      const max = maxExactInput(this.#period, this.#decimals);
      throw new RangeError(`${this.#name}: invalid input ${String(value)}: outside the exact range |input| <= ${max} for period ${this.#period} with ${this.#decimals} decimals`);
    }
    return scaled;
  }

  /** Saves the state before an append (so `undo` can revise the newest input). */
  save(): void {
    this.#savedHead = this.#head;
    this.#savedFilled = this.#filled;
    this.#savedSum = this.#sum;
    this.#savedEvicted = this.#ring[this.#head] ?? 0;
  }

  /** Restores the state saved by the last `save` (the window before its newest input). */
  undo(): void {
    this.#head = this.#savedHead;
    this.#filled = this.#savedFilled;
    this.#sum = this.#savedSum;
    this.#ring[this.#head] = this.#savedEvicted;
  }

  reset(): void {
    this.#ring.fill(0);
    this.#head = 0;
    this.#filled = 0;
    this.#sum = 0;
    this.#savedHead = 0;
    this.#savedFilled = 0;
    this.#savedSum = 0;
    this.#savedEvicted = 0;
  }

  /** Appends a scaled input (from `toScaled`), evicting the oldest when full. */
  append(scaled: number): void {
    const evicted = this.#filled === this.#period ? (this.#ring[this.#head] ?? 0) : 0;
    this.#sum = this.#sum - evicted + scaled; // each partial sum is a window sum: stays safe
    this.#ring[this.#head] = scaled;
    this.#head = this.#head + 1 === this.#period ? 0 : this.#head + 1;
    if (this.#filled < this.#period) this.#filled++;
  }
}
