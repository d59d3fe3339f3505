// The configuration a running bot moves to after a reload: the one in force, with only the live keys (see
// isLiveKey) taken from the freshly loaded one. Restart-only keys keep the values the bot started with, so the
// result always describes what the process really runs. Must never copy a restart-only value across.
import { isLiveKey } from './config-diff.js';
import type { Config } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import type { LoadedConfig } from './load-config.js';

function liveValues(current: Config, next: Config): Config {
  return {
    ...current,
    risk: next.risk,
    watchlist: next.watchlist,
    strategies: next.strategies,
    log: next.log,
    safety: { ...current.safety, kill_switch: next.safety.kill_switch },
  };
}

function pick<T>(current: Readonly<Record<string, T>>, next: Readonly<Record<string, T>>): Record<string, T> {
  const kept = Object.entries(current).filter(([key]) => !isLiveKey(key));
  const taken = Object.entries(next).filter(([key]) => isLiveKey(key));
  return Object.fromEntries([...kept, ...taken]);
}

/**
 * `current` with the live keys of `next` (values, sources and env names); mode, warnings, files and every
 * restart-only key stay as in `current`. The result is deeply frozen.
 */
export function mergeLiveChanges(current: LoadedConfig, next: LoadedConfig): LoadedConfig {
  return deepFreeze({
    ...current,
    values: liveValues(current.values, next.values),
    sources: pick(current.sources, next.sources),
    envNames: pick(current.envNames, next.envNames),
  });
}
