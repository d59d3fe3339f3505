// Public surface of parameter sweeps and walk-forward analysis (issue #6, docs/backtest-sweeps.md). The CLI
// imports from here. Must never: export the worker-thread internals (pool messages, the worker entry).
export { dataDateRange, type DateWindow } from './data-window.js';
export { defaultDescending, parseRankMetric, RANK_METRICS, RankMetricError, type RankMetric } from './rank-metrics.js';
export { defaultWorkers, runSweep, type SweepFailure, type SweepOptions, type SweepResult, type SweepRow } from './run-sweep.js';
export {
  runWalkForward, summarizeWalkForward,
  type WalkForwardResult, type WalkForwardRunOptions, type WalkForwardSplitResult, type WalkForwardSummary,
} from './run-walk-forward.js';
export { expandGrid, gridSize, MAX_SWEEP_COMBINATIONS, parseSweep, SweepGridError, type SweepGrid, type SweepParam, type SweepParams, type SweepValue } from './sweep-grid.js';
export type { SweepRunSummary } from './sweep-messages.js';
export { SweepPoolError } from './sweep-pool.js';
export { DEFAULT_WALK_FORWARD_RATIO, walkForwardSplits, type SessionWindow, type WalkForwardOptions, type WalkForwardSplit } from './walk-forward-splits.js';
