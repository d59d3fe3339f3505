// Public surface of the incremental indicators (SPEC §5, DESIGN §3.12). Import from here.
// All are hand-rolled rather than taken from trading-signals because we must control TA-Lib's seeding, the
// exact (scaled-integer) averages, and `replace` for the forming bar. Each passes the contract suite and is
// checked against TA-Lib's C code (WebAssembly build) in the tests.
// Must never: export test helpers (the TA-Lib oracle, the contract suite) or internal state classes.

export { Atr, trueRange, type HighLowClose } from './atr.js';
export { BollingerBands, type BollingerOptions, type BollingerValue } from './bollinger-bands.js';
export { compareAverages, compareFractions } from './compare-averages.js';
export { Ema } from './ema.js';
export { MAX_DECIMALS, maxExactInput } from './exact-window-sum.js';
export { readIndicator, type ExactAverage, type Indicator, type IndicatorReading } from './indicator.js';
export { Macd, type MacdOptions, type MacdValue } from './macd.js';
export { Rsi } from './rsi.js';
export { SessionVwap, type SessionVwapOptions, type VwapBar } from './session-vwap.js';
export { Sma, type SmaOptions } from './sma.js';
export { MAX_PERIOD } from './validate.js';
export { VolumeAverage, type VolumeAverageOptions } from './volume-average.js';
