// Average True Range exactly as TA-Lib's ATR (Wilder smoothing): the first true range is at index 1 (it needs
// the previous close), the first ATR is the simple mean of the true ranges at indices 1..period (output at
// index `period`), then atr = (atr × (period − 1) + tr) / period. Period 1 gives the true range (TA_TRANGE).
// Must never: use a true range at index 0 (TA-Lib has none) or reorder the floating-point operations.

import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkPeriod } from './validate.js';

/** The fields of a bar the ATR reads (a `Bar` fits). */
export interface HighLowClose {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** TA-Lib's TRUE_RANGE macro: max(high − low, |high − prevClose|, |low − prevClose|). */
export function trueRange(high: number, low: number, previousClose: number): number {
  let out = high - low;
  const up = Math.abs(high - previousClose);
  if (up > out) out = up;
  const down = Math.abs(low - previousClose);
  if (down > out) out = down;
  return out;
}

/** ATR(period) of bars. TA-Lib lookback `period`, so `warmUp` = period + 1. */
export class Atr extends IncrementalIndicator<HighLowClose, number> {
  readonly #period: number;
  #close = 0;
  #atr = 0;
  #savedClose = 0;
  #savedAtr = 0;

  /**
   * @param period 1–100000 (TA-Lib's range); Wilder's default is 14
   * @throws RangeError for a bad period
   */
  constructor(period: number) {
    super('ATR', checkPeriod('ATR', 'period', period, 1) + 1);
    this.#period = period;
  }

  protected check(bar: HighLowClose): void {
    checkFinite('ATR', 'high', bar.high);
    checkFinite('ATR', 'low', bar.low);
    checkFinite('ATR', 'close', bar.close);
  }

  protected save(): void {
    this.#savedClose = this.#close;
    this.#savedAtr = this.#atr;
  }

  protected restore(): void {
    this.#close = this.#savedClose;
    this.#atr = this.#savedAtr;
  }

  protected apply(bar: HighLowClose, index: number): number | undefined {
    const previousClose = this.#close;
    this.#close = bar.close;
    if (index === 0) return undefined;
    const tr = trueRange(bar.high, bar.low, previousClose);
    const p = this.#period;
    if (index <= p) {
      this.#atr += tr; // the sum of the first `period` true ranges, sequential as TA_INT_SMA
      if (index < p) return undefined;
      this.#atr /= p;
      return this.#atr;
    }
    this.#atr *= p - 1;
    this.#atr += tr;
    this.#atr /= p;
    return this.#atr;
  }

  protected clear(): void {
    this.#close = 0;
    this.#atr = 0;
    this.save();
  }
}
