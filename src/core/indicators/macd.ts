// MACD exactly as TA-Lib's MACD: line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line,
// histogram = line − signal. TA-Lib aligns the two EMAs so both start at index slow − 1: the slow EMA is
// seeded with the SMA of inputs 0..slow−1 and the FAST EMA with the SMA of inputs slow−fast..slow−1 (not of
// the first `fast` inputs, as a standalone EMA would be). The signal EMA is seeded with the SMA of the first
// `signal` MACD values, so the first output is at index slow + signal − 2.
// Must never: reorder the floating-point operations (they mirror TA-Lib's C code).

import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkPeriod } from './validate.js';

export interface MacdValue {
  /** EMA(fast) − EMA(slow). */
  readonly macd: number;
  /** EMA(signal) of `macd`. */
  readonly signal: number;
  /** macd − signal. */
  readonly histogram: number;
}

export interface MacdOptions {
  /** 2–100000, below `slow`. Default 12. */
  readonly fast?: number;
  /** 2–100000, above `fast`. Default 26. */
  readonly slow?: number;
  /** 1–100000. Default 9. */
  readonly signal?: number;
}

interface MacdState {
  fastSum: number;
  slowSum: number;
  signalSum: number;
  fastEma: number;
  slowEma: number;
  signalEma: number;
}

const ZERO_STATE: Readonly<MacdState> = { fastSum: 0, slowSum: 0, signalSum: 0, fastEma: 0, slowEma: 0, signalEma: 0 };

/** MACD(fast, slow, signal). TA-Lib lookback slow + signal − 2, so `warmUp` = slow + signal − 1. */
export class Macd extends IncrementalIndicator<number, MacdValue> {
  readonly #fast: number;
  readonly #slow: number;
  readonly #signal: number;
  readonly #kFast: number;
  readonly #kSlow: number;
  readonly #kSignal: number;
  readonly #s: MacdState = { ...ZERO_STATE };
  readonly #saved: MacdState = { ...ZERO_STATE };

  /**
   * @throws RangeError for a period outside its range, or fast >= slow (TA-Lib would swap them silently)
   */
  constructor(options: MacdOptions = {}) {
    const fast = checkPeriod('MACD', 'fast', options.fast ?? 12, 2);
    const slow = checkPeriod('MACD', 'slow', options.slow ?? 26, 2);
    const signal = checkPeriod('MACD', 'signal', options.signal ?? 9, 1);
    if (fast >= slow) throw new RangeError(`MACD: invalid fast ${fast}: expected fast < slow (slow is ${slow})`);
    super('MACD', slow + signal - 1);
    this.#fast = fast;
    this.#slow = slow;
    this.#signal = signal;
    this.#kFast = 2 / (fast + 1);
    this.#kSlow = 2 / (slow + 1);
    this.#kSignal = 2 / (signal + 1);
  }

  protected check(input: number): void {
    checkFinite('MACD', 'input', input);
  }

  protected save(): void {
    Object.assign(this.#saved, this.#s);
  }

  protected restore(): void {
    Object.assign(this.#s, this.#saved);
  }

  protected apply(x: number, index: number): MacdValue | undefined {
    const s = this.#s;
    if (index < this.#slow) {
      s.slowSum += x;
      if (index >= this.#slow - this.#fast) s.fastSum += x;
      if (index < this.#slow - 1) return undefined;
      s.slowEma = s.slowSum / this.#slow;
      s.fastEma = s.fastSum / this.#fast;
    } else {
      s.fastEma = (x - s.fastEma) * this.#kFast + s.fastEma;
      s.slowEma = (x - s.slowEma) * this.#kSlow + s.slowEma;
    }
    return this.#signalStep(s.fastEma - s.slowEma, index - (this.#slow - 1));
  }

  /** Feeds MACD value number `j` (0-based) to the signal EMA. */
  #signalStep(macd: number, j: number): MacdValue | undefined {
    const s = this.#s;
    if (j < this.#signal) {
      s.signalSum += macd;
      if (j < this.#signal - 1) return undefined;
      s.signalEma = s.signalSum / this.#signal;
    } else {
      s.signalEma = (macd - s.signalEma) * this.#kSignal + s.signalEma;
    }
    return { macd, signal: s.signalEma, histogram: macd - s.signalEma };
  }

  protected clear(): void {
    Object.assign(this.#s, ZERO_STATE);
    Object.assign(this.#saved, ZERO_STATE);
  }
}
