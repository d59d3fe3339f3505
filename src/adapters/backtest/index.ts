// Public surface of the backtest execution adapter: the in-process ExecutionClient over the exchange's matching
// core, its factory, and the venue mappers (shared with tests that compare a backtest with sim mode).
// Must never: export anything that reaches a socket or the Alpaca SDK at run time.
export {
  BacktestExecutionClient, createBacktestExecution,
  type BacktestExecutionClientOptions, type BacktestVenue, type CreateBacktestExecutionOptions,
} from './backtest-execution-client.js';
export { mapVenueAccount, mapVenueOrder, mapVenuePosition, mapVenueTradeUpdate } from './venue-mapper.js';
