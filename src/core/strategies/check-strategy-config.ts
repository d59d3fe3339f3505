// Startup check of the `strategies` config list against the registry (SPEC §3: validation fails fast, one
// message per problem). The runner would disable a bad entry; at startup a person should hear about it first.
// Must never: throw; every problem is returned as one sentence.
import { parseStrategyParams } from './strategy-params.js';
import type { StrategyConfigEntry } from './strategy-runner.js';
import type { StrategyRegistry } from './strategy-registry.js';

/** Problems with the enabled entries: unknown strategy, broken file, bad params. Empty when all is well. */
export function checkStrategyConfig(entries: readonly StrategyConfigEntry[], registry: StrategyRegistry): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.enabled) continue;
    const found = registry.get(entry.name);
    if (found === undefined) problems.push(`strategies: unknown strategy ${JSON.stringify(entry.name)}: allowed ${registry.names().join(', ')}`);
    else if (found.status === 'broken') problems.push(`strategies: ${entry.name} cannot run: ${found.problem}`);
    else {
      const params = parseStrategyParams(found.definition, entry.params);
      if (!params.ok) problems.push(...params.problems);
    }
  }
  return problems;
}
