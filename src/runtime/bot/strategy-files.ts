// User strategies in `strategies/`: loaded into the registry before the runner is configured, then watched; a
// changed file goes to whoever listens (the event processor once the bot runs). A broken file is reported by
// the registry and never stops the bot. Must never: import a file outside the strategies folder.
import { existsSync } from 'node:fs';
import { StrategyFileLoader, type StrategyFileEvent } from '../../adapters/strategy-loader/index.js';
import type { Logger } from '../../ports/logger.js';
import type { StrategyRegistry } from '../../core/strategies/index.js';

export interface StrategyFiles {
  readonly loader: StrategyFileLoader;
  onChange(listener: (event: StrategyFileEvent) => void): void;
}

/** Loads every strategy file now (applied to the registry at once) and returns the loader for watching. */
export async function loadStrategyFiles(dir: string, registry: StrategyRegistry, logger: Logger): Promise<StrategyFiles> {
  let sink = (event: StrategyFileEvent): void => {
    const change = registry.applyFileEvent(event);
    logger.info(`strategy file ${event.kind}: ${event.file}`, { ...change });
  };
  const loader = new StrategyFileLoader({ dir, onEvent: (event) => { sink(event); }, onError: (message) => { logger.warn(message); } });
  if (existsSync(dir)) await loader.loadAll();
  return {
    loader,
    onChange: (listener) => {
      sink = listener;
    },
  };
}
