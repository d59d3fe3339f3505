// User strategies in `strategies/`: loaded into the registry before the runner is configured, then watched; a
// changed file goes to whoever listens (the event processor once the bot runs). A broken file is reported by
// the registry and never stops the bot. Must never: import a file outside the strategies folder.
import { existsSync } from 'node:fs';
import { StrategyFileLoader, type StrategyFileEvent } from '../../adapters/strategy-loader/index.js';
import type { Logger } from '../../ports/logger.js';
import type { StrategyRegistry } from '../../core/strategies/index.js';

export interface StrategyFiles {
  readonly loader: Pick<StrategyFileLoader, 'watch' | 'close'>;
  onChange(listener: (event: StrategyFileEvent) => void): void;
}

/**
 * The supervised task: changed files go to `apply` while it runs; when stopped it closes the folder watcher (an
 * open fs.watch handle would keep the process alive after its graceful shutdown).
 */
export function watchStrategyFiles(files: StrategyFiles, apply: (event: StrategyFileEvent) => void): (signal: AbortSignal) => Promise<void> {
  return async (signal) => {
    files.onChange(apply);
    files.loader.watch();
    try {
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => { resolve(); }, { once: true });
      });
    } finally {
      await files.loader.close();
    }
  };
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
