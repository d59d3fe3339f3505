// Public surface of candle aggregation (SPEC §4). Import from here, not from the files behind it.
// Must never: export the internal engines (IntradayCandles, DailyCandles) or the typed-array books.

export type { CandleAggregatorOptions } from './aggregator-options.js';
export { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_GRACE_MS } from './aggregator-options.js';
export {
  CANDLE_DIAGNOSTIC_CODES,
  NO_EVENTS,
  type Candle,
  type CandleDiagnostic,
  type CandleDiagnosticCode,
  type CandleDiagnosticLevel,
  type CandleEmitted,
  type CandleEvent,
  type FetchRequest,
} from './candle.js';
export { CandleAggregator } from './candle-aggregator.js';
export { historyMinutesFor, warmUpStart, type WarmUpStartOptions } from './warm-up.js';
