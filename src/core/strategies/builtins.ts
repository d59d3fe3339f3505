// The built-in strategies of SPEC §5, one folder each. Adding a built-in is one import and one line in the list.
// Must never: list a strategy twice or under a name a user file could be expected to take.
import { momentumBreakout } from './momentum_breakout/momentum-breakout.js';
import { mtfSma } from './mtf_sma/mtf-sma.js';
import { rsiMeanReversion } from './rsi_mean_reversion/rsi-mean-reversion.js';
import { smaCrossover } from './sma_crossover/sma-crossover.js';
import type { AnyStrategyDefinition } from './strategy-registry.js';
import { velez } from './velez/velez.js';

/** Every built-in strategy definition, in the order they are documented. */
export const BUILTIN_STRATEGIES: readonly AnyStrategyDefinition[] = [
  smaCrossover,
  mtfSma,
  velez,
  momentumBreakout,
  rsiMeanReversion,
];
