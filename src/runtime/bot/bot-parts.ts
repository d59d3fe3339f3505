// Builds every part of a live-like bot (sim, paper, live) from the loaded configuration: logger, store, venue,
// Alpaca adapters, order manager, portfolio, strategies, engine. Nothing starts trading here; startup.ts and
// tasks.ts decide when. Must never: log a secret, or open a second bot on the same DATA_DIR (the pid lock).
import { resolve } from 'node:path';
import { createPinoLogger, newRunId, type ClosableLogger } from '../../adapters/logging/index.js';
import { createAlpacaExecutionClient } from '../../adapters/alpaca/execution/index.js';
import { CachedHistoricalBars, createMarketData } from '../../adapters/alpaca/market-data/index.js';
import { openStore } from '../../adapters/sqlite/index.js';
import { databasePath, isKillSwitchOn, secretValues, type LoadedConfig } from '../../config/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { ExecutionClient } from '../../ports/execution-client.js';
import type { HistoricalBars, MarketDataFeed } from '../../ports/market-data.js';
import type { Store } from '../../ports/store.js';
import { OrderManager } from '../../core/orders/index.js';
import { BUILTIN_STRATEGIES, StrategyRegistry } from '../../core/strategies/index.js';
import { KillSwitchWatcher, acquirePidLock, type PidLock } from '../lifecycle/index.js';
import { reloadIntervalMs } from './config-reload-task.js';
import { ConfigReloader, reloadInput } from './config-reloader.js';
import { LiveConfig } from './live-config.js';
import { openVenue, type Venue } from './venue.js';

export interface BotParts {
  /** The configuration in force: live keys follow reloads and overrides; restart-only keys stay as started. */
  readonly loaded: LoadedConfig;
  readonly live: LiveConfig;
  readonly reloader: ConfigReloader;
  /** Full config reload interval (CONFIG_RELOAD_MS, default 60 s). */
  readonly reloadIntervalMs: number;
  readonly runId: string;
  readonly startedAt: number;
  readonly logger: ClosableLogger;
  readonly store: Store;
  readonly lock: PidLock;
  readonly venue: Venue;
  readonly client: ExecutionClient;
  readonly feed: MarketDataFeed;
  readonly history: HistoricalBars;
  readonly orders: OrderManager;
  readonly registry: StrategyRegistry;
  readonly killSwitch: KillSwitchWatcher;
  readonly strategiesDir: string;
}

/** Opens logger, store (with the pid lock), venue and adapters. On failure, closes what was opened and rethrows. */
export async function buildBotParts(loaded: LoadedConfig, options: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>>; readonly consoleStream?: NodeJS.WritableStream }): Promise<BotParts> {
  const runId = newRunId();
  const logger = await createPinoLogger({
    level: loaded.values.log.level, runId, logDir: loaded.values.paths.log_dir, secrets: secretValues(loaded.values), console: 'pretty',
    ...(options.consoleStream ? { consoleStream: options.consoleStream } : {}),
  });
  for (const warning of loaded.warnings) logger.warn(warning);
  const store = openStore(databasePath(loaded.values));
  let lock: PidLock | undefined;
  let venue: Venue | undefined;
  try {
    const registry = new StrategyRegistry(BUILTIN_STRATEGIES);
    const live = new LiveConfig(loaded);
    const reloader = new ConfigReloader({
      input: reloadInput(loaded, options.env, options.cwd),
      live, registry, logger, readOverrides: () => store.settingsOverrides.current(),
    });
    lock = acquirePidLock({ dataDir: loaded.values.paths.data_dir, mode: loaded.mode, runId, logger });
    await reloader.applyAtStartup(); // settings overrides in force before the venue and the strategies start
    const config = live.current().values;
    venue = await openVenue(loaded.mode, config, logger);
    logger.scrubber.add([venue.config.alpaca.api_key, venue.config.alpaca.secret_key]);
    const clock = venue.clock;
    const client = createAlpacaExecutionClient({ config: venue.config, clock, logger: logger.child({ component: 'execution' }) });
    const { feed, history } = createMarketData(venue.config, {
      clock, logger,
      wrapHistory: (inner) => new CachedHistoricalBars({ inner, store, clock, source: loaded.mode === 'sim' ? 'sim' : 'alpaca' }),
    });
    const orders = new OrderManager({ store, client, clock, logger: logger.child({ component: 'orders' }), options: { dryRun: loaded.dryRun } });
    const killSwitch = new KillSwitchWatcher({ read: () => isKillSwitchOn({ config: live.current().values }), clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, logger });
    return {
      get loaded() { return live.current(); },
      live, reloader, reloadIntervalMs: reloadIntervalMs(options.env, logger), runId, startedAt: Date.now(), logger, store, lock, venue, client, feed, history, orders, killSwitch,
      registry, strategiesDir: resolve(options.cwd, 'strategies'),
    };
  } catch (error) {
    await venue?.close();
    lock?.release();
    store.close();
    await logger.close();
    throw error;
  }
}

/** The stop distance used by reconciliation for positions found without a stop. */
export function defaultStopPct(loaded: LoadedConfig): Decimal {
  return Decimal.fromNumber(loaded.values.risk.stop_loss_pct, 6);
}
