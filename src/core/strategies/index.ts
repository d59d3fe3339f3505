// Public surface of the strategy runtime (SPEC §5, DESIGN §3.10–11). The engine wires: a StrategyRegistry of
// BUILTIN_STRATEGIES plus user-file events, a StrategyRunner over the Store port, and feeds it closed candles.
// Must never: export test helpers or the instance internals the runner owns.
export { BUILTIN_STRATEGIES } from './builtins.js';
export { deriveCorrelationId, type CorrelationParts } from './correlation-id.js';
export { compareReadings, stepCross, type CrossDirection, type CrossSign, type CrossStep } from './cross-tracker.js';
export { checkDecision, type DecisionCheck, type DecisionContext } from './decision-check.js';
export { checkDefinition, STRATEGY_NAME_PATTERN, type DefinitionCheck } from './definition-check.js';
export { safeDecide, type SafeDecision } from './safe-decide.js';
export { sessionViewOf, type CandleLike } from './session-view.js';
export {
  lastSignalKey,
  readLastSignal,
  readPersistedState,
  SignalJournal,
  strategyStateKey,
  type LastSignal,
  type PersistedState,
  type RecordedSignal,
  type StrategyStore,
} from './signal-journal.js';
export * from './strategy-api.js';
export type {
  InstanceStatus,
  IntentDiscarded,
  SignalSuppressed,
  StrategyError,
  StrategyErrorPhase,
  StrategyEvent,
  StrategyReloaded,
  StrategyStateRestored,
} from './strategy-events.js';
export { parseStrategyParams, type ParamsCheck } from './strategy-params.js';
export {
  StrategyRegistry,
  strategyNameOfFile,
  type AnyStrategyDefinition,
  type RegistryChange,
  type RegistryEntry,
  type StrategyFileEvent,
} from './strategy-registry.js';
export {
  StrategyRunner,
  type CandleMode,
  type CandleOutcome,
  type InstanceSummary,
  type StrategyConfigEntry,
  type StrategyRunnerOptions,
  type WarmUpNeed,
} from './strategy-runner.js';
export { checkStrategyConfig } from './check-strategy-config.js';
export { smaCrossover, SmaCrossoverParams, type SmaCrossoverState } from './sma_crossover/sma-crossover.js';
export { mtfSma, MtfSmaParams, type MtfSmaState } from './mtf_sma/mtf-sma.js';
