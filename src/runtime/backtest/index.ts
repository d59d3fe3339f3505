// The backtest runtime's public surface (SPEC §11).
export { runBacktest, backtestRunId, type RunBacktestOptions } from './run-backtest.js';
export { loadTimeline, BacktestDataError, type BacktestTimeline } from './backtest-bars.js';
export { parseSizing, backtestLimits } from './backtest-limits.js';
export type * from './backtest-types.js';
export { FILL_MODELS } from './backtest-types.js';
