// Average volume over the last `period` bars (an exact SMA of volume), for volume filters such as
// momentum_breakout's "volume ≥ 1.5 × the 20-bar average". `previous` is the average of the `period` bars
// BEFORE the current one, which is what "compared with the prior average" usually means.
// Must never: accept a negative volume.

import { Sma } from './sma.js';
import { checkNonNegative } from './validate.js';

export interface VolumeAverageOptions {
  /** Decimals of the volumes, 0–8. Default 0 (US-equity share volumes are integers). */
  readonly decimals?: number;
}

/** SMA(period) of bar volumes, exact (see `Sma`). Input: the bar's volume. */
export class VolumeAverage extends Sma {
  /**
   * @param period 2–100000
   * @throws RangeError for a bad period or decimals
   */
  constructor(period: number, options: VolumeAverageOptions = {}) {
    super(period, { decimals: options.decimals ?? 0 }, 'VolumeAverage');
  }

  protected override check(input: number): void {
    checkNonNegative('VolumeAverage', 'volume', input);
    super.check(input);
  }
}
