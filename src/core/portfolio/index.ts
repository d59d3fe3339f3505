// Public surface of the portfolio (issue #5 item 3): the ledger, its persistence wrapper, its inputs and views.
// Import from here, not from the files behind it.
// Must never: export the test kit or the internal arithmetic helpers beyond what callers need.
export { DayLedger, type PortfolioDay } from './day-ledger.js';
export {
  PortfolioInputError,
  PortfolioStateError,
  checkFill,
  type AdoptAdjustment,
  type CloseAdjustment,
  type PortfolioAdjustment,
  type PortfolioFill,
} from './portfolio-fill.js';
export { PortfolioLedger, type PortfolioRestoreReport, type PortfolioRestoreStore, type PortfolioStore } from './portfolio-ledger.js';
export { PORTFOLIO_STATE_KEYS, type StoredPeak } from './portfolio-state-codec.js';
export type { PortfolioRiskFacts, PortfolioSnapshot, PositionSnapshot, StrategySnapshot } from './portfolio-views.js';
export { ADOPTED_STRATEGY, Portfolio, type FillOutcome, type LocalClose, type PortfolioOptions } from './portfolio.js';
export { averagePrice, marketValue, unrealizedPnl, type Position } from './position.js';
export { RECONCILED_STRATEGY, cashBefore, fillFromRecord, rebuildFromFills, type RebuildInput, type RebuildResult } from './rebuild.js';
export { EXIT_REASON_BY_ROLE, durationSeconds, type RoundTrip } from './round-trip.js';
export type { StrategyBook, StrategyTotals } from './strategy-book.js';
