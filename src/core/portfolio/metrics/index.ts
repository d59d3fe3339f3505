// Public surface of the backtest performance metrics (SPEC §11). Import from here, not from the files behind it.
// Must never: export the per-pass accumulators.
export { cagrPct, computeMetrics, DAYS_PER_YEAR, MIN_CAGR_SPAN_MS } from './compute-metrics.js';
export { nextEtMidnight, TRADING_DAYS_PER_YEAR } from './equity-stats.js';
export {
  MetricsInputError,
  type MetricsEquity,
  type MetricsInput,
  type MetricsTrade,
  type PerformanceMetrics,
} from './performance-metrics.js';
