// Config hot-reload for a running bot (SPEC §3): re-reads config.yaml, .env and the settings_overrides rows,
// validates the whole result with the one schema (plus each changed strategy's own params schema), and applies
// only the live keys — risk limits, watchlist, strategies, log level, kill switch — logging each change old → new.
// Restart-only changes (mode gates, credentials, endpoints, paths, ports…) are logged as "needs a restart" and not
// applied. An invalid configuration is rejected as a whole with every problem named; the bot keeps the last good one.
// Must never: apply half a configuration, apply a restart-only key, or log a secret value.
import {
  ConfigError, diffConfig, loadConfigWithOverrides, mergeLiveChanges, overrideRows,
  type Config, type ConfigChange, type ConfigSource, type EnvMap, type LoadConfigInput, type LoadedConfig,
} from '../../config/index.js';
import { parseStrategyParams, type StrategyRegistry, type StrategyRunner } from '../../core/strategies/index.js';
import type { TradingEngine } from '../../core/engine/trading-engine.js';
import type { Logger } from '../../ports/logger.js';
import type { MarketDataFeed } from '../../ports/market-data.js';
import type { LiveConfig } from './live-config.js';

/** The running parts a reload reconfigures (attached once the engine exists). */
export interface ReloadTargets {
  readonly runner: Pick<StrategyRunner, 'configure' | 'summaries'>;
  readonly engine: Pick<TradingEngine, 'configure' | 'symbols'>;
  readonly feed: Pick<MarketDataFeed, 'setSymbols'>;
  /** (strategy, symbol) pairs that hold a position or a working entry. */
  readonly held: () => readonly { readonly strategy: string; readonly symbol: string }[];
}

export interface ConfigReloaderOptions {
  /** How the configuration was loaded at startup (env, cwd; mode and dry-run pinned to the running ones). */
  readonly input: Omit<LoadConfigInput, 'overrides'>;
  readonly live: LiveConfig;
  /** The store's current overrides (key → stored JSON value). */
  readonly readOverrides: () => ReadonlyMap<string, unknown>;
  readonly registry: Pick<StrategyRegistry, 'get' | 'names'>;
  readonly logger: Logger;
}

export interface ReloadOutcome {
  readonly status: 'applied' | 'unchanged' | 'rejected';
  readonly applied: readonly ConfigChange[];
  readonly needsRestart: readonly ConfigChange[];
  readonly problems: readonly string[];
}

const SOURCE_NOTE: Record<ConfigSource, string> = { default: 'default', 'config.yaml': 'config.yaml', '.env': '.env', env: 'environment', override: 'settings override' };
const describe = (c: ConfigChange): string => `${c.key} ${c.from} → ${c.to} [${SOURCE_NOTE[c.source]}]`;
const fields = (c: ConfigChange) => ({ key: c.key, from: c.from, to: c.to, source: c.source });
const STRATEGY_KEYS = (c: ConfigChange): boolean => c.key === 'watchlist' || c.key.startsWith('strategies.');

/** Problems with changed, enabled strategy entries: unknown strategy or params its schema refuses. */
export function strategyProblems(current: Config, next: Config, registry: Pick<StrategyRegistry, 'get' | 'names'>): string[] {
  const before = new Map(current.strategies.map((s) => [s.name, JSON.stringify(s)]));
  const problems: string[] = [];
  for (const entry of next.strategies) {
    if (!entry.enabled || before.get(entry.name) === JSON.stringify(entry)) continue;
    const found = registry.get(entry.name);
    if (found === undefined) problems.push(`strategies.${entry.name}: unknown strategy ${JSON.stringify(entry.name)}: allowed ${registry.names().join(', ')}`);
    else if (found.status === 'ok') {
      const check = parseStrategyParams(found.definition, entry.params);
      if (!check.ok) problems.push(...check.problems);
    }
  }
  return problems;
}

/**
 * How to reload what `loaded` was loaded from: the same environment and working directory, the mode and dry-run the
 * bot runs with (so a reload can never change them), and the config file it started with (a CONFIG_PATH edited
 * into .env needs a restart; a file deleted after start is an error, not a silent return to the defaults).
 */
export function reloadInput(loaded: LoadedConfig, env: EnvMap, cwd: string): Omit<LoadConfigInput, 'overrides'> {
  const pinned = loaded.files.configFound ? { ...env, CONFIG_PATH: loaded.files.configPath } : env;
  return { env: pinned, cwd, argvMode: loaded.mode, argvDryRun: loaded.dryRun };
}

function problemsOf(error: unknown): string[] {
  if (error instanceof ConfigError) return error.issues.map((i) => i.message);
  return [`the configuration could not be read: ${error instanceof Error ? error.message : String(error)}`];
}

export class ConfigReloader {
  readonly #o: ConfigReloaderOptions;
  #targets: ReloadTargets | undefined;
  #lastRejection = '';
  #pendingRestart = new Map<string, string>();
  #ignored = new Set<string>();

  constructor(options: ConfigReloaderOptions) {
    this.#o = options;
  }

  /** From now on, strategy and watchlist changes reconfigure these parts too. */
  attach(targets: ReloadTargets): void {
    this.#targets = targets;
  }

  /** Re-reads every layer and applies what is live. Never throws: problems are logged and returned. */
  reload(trigger: string): Promise<ReloadOutcome> {
    return this.#reload(trigger, true);
  }

  /**
   * The first load with the store open: puts the settings overrides in force before the strategies are set up.
   * Strategy entries are not checked here (user strategy files are not loaded yet; the runner reports bad ones).
   */
  applyAtStartup(): Promise<ReloadOutcome> {
    return this.#reload('startup', false);
  }

  async #reload(trigger: string, checkStrategies: boolean): Promise<ReloadOutcome> {
    const current = this.#o.live.current();
    let next;
    try {
      const result = loadConfigWithOverrides(this.#o.input, overrideRows(this.#o.readOverrides()));
      this.#reportIgnored(result.ignored.map((i) => i.message));
      next = result.loaded;
    } catch (error) {
      return this.#reject(problemsOf(error), trigger);
    }
    const changes = diffConfig(current, next);
    const problems = checkStrategies ? strategyProblems(current.values, next.values, this.#o.registry) : [];
    if (problems.length > 0) return this.#reject(problems, trigger);
    if (this.#lastRejection !== '') this.#o.logger.info('config reload: the configuration is valid again', { trigger });
    this.#lastRejection = '';
    const needsRestart = changes.filter((c) => !c.live);
    this.#reportRestart(needsRestart, trigger);
    const applied = changes.filter((c) => c.live);
    if (applied.length === 0) return { status: 'unchanged', applied, needsRestart, problems: [] };
    const merged = mergeLiveChanges(current, next);
    this.#o.live.replace(merged);
    for (const change of applied) this.#o.logger.info(`config change applied: ${describe(change)}`, { ...fields(change), trigger });
    if (merged.values.log.level !== current.values.log.level) this.#o.logger.setLevel(merged.values.log.level);
    if (this.#targets !== undefined && applied.some(STRATEGY_KEYS)) await this.#reconfigure(this.#targets, merged.values);
    return { status: 'applied', applied, needsRestart, problems: [] };
  }

  #reject(problems: readonly string[], trigger: string): ReloadOutcome {
    const text = problems.join('; ');
    if (text !== this.#lastRejection) {
      this.#o.logger.error(`config reload rejected, the bot keeps running with the last good configuration: ${text}`, { problems, trigger });
    }
    this.#lastRejection = text;
    return { status: 'rejected', applied: [], needsRestart: [], problems };
  }

  #reportRestart(changes: readonly ConfigChange[], trigger: string): void {
    const next = new Map(changes.map((c) => [c.key, `${c.from}→${c.to}`]));
    for (const change of changes) {
      if (this.#pendingRestart.get(change.key) === next.get(change.key)) continue;
      this.#o.logger.warn(`config change needs a restart (not applied): ${describe(change)}`, { ...fields(change), trigger });
    }
    this.#pendingRestart = next;
  }

  #reportIgnored(messages: readonly string[]): void {
    for (const message of messages) {
      if (!this.#ignored.has(message)) this.#o.logger.warn(`settings override ignored: ${message}`);
    }
    this.#ignored = new Set(messages);
  }

  async #reconfigure(targets: ReloadTargets, values: Config): Promise<void> {
    const key = (s: { strategy: string; symbol: string }): string => `${s.strategy} on ${s.symbol}`;
    const before = new Set(targets.runner.summaries().map(key));
    const subscribed = new Set(targets.engine.symbols());
    for (const event of targets.runner.configure(values.strategies, values.watchlist)) this.#o.logger.info(`strategy ${event.type}`, { ...event });
    targets.engine.configure();
    const after = targets.runner.summaries();
    const afterKeys = new Set(after.map(key));
    const held = new Set(targets.held().map(key));
    for (const gone of [...before].filter((k) => !afterKeys.has(k))) {
      const note = held.has(gone) ? ': its position keeps its broker-side stop, but no strategy exit will be sent for it' : '';
      this.#o.logger[note === '' ? 'info' : 'warn'](`config reload: strategy ${gone} stopped${note}`);
    }
    for (const added of after.filter((s) => !before.has(key(s)))) {
      this.#o.logger.info(`config reload: strategy ${key(added)} (${added.timeframe}) started; it decides after ${added.warmUp} candles (${added.barCount} known)`);
    }
    const fresh = targets.engine.symbols().filter((s) => !subscribed.has(s));
    if (this.#o.input.argvMode === 'sim' && fresh.length > 0) {
      this.#o.logger.warn(`config reload: the simulator replays only the symbols it started with; ${fresh.join(', ')} get no bars until a restart`);
    }
    try {
      await targets.feed.setSymbols(targets.engine.symbols());
    } catch (error) {
      this.#o.logger.error('config reload: market-data subscription update failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
