// The built-in strategies of SPEC §5, one folder each. Adding a built-in is one import and one line in the list.
// Must never: list a strategy twice or under a name a user file could be expected to take.
import { mtfSma } from './mtf_sma/mtf-sma.js';
import { smaCrossover } from './sma_crossover/sma-crossover.js';
import type { AnyStrategyDefinition } from './strategy-registry.js';

/** Every built-in strategy definition, in the order they are documented. */
export const BUILTIN_STRATEGIES: readonly AnyStrategyDefinition[] = [
  smaCrossover,
  mtfSma,
  // velez, momentum_breakout and rsi_mean_reversion are added here (one import above and one line each).
];
