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
import { openVenue, type Venue } from './venue.js';

export interface BotParts {
  readonly loaded: LoadedConfig;
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
export async function buildBotParts(loaded: LoadedConfig, options: { readonly cwd: string; readonly consoleStream?: NodeJS.WritableStream }): Promise<BotParts> {
  const config = loaded.values;
  const runId = newRunId();
  const logger = await createPinoLogger({
    level: config.log.level, runId, logDir: config.paths.log_dir, secrets: secretValues(config), console: 'pretty',
    ...(options.consoleStream ? { consoleStream: options.consoleStream } : {}),
  });
  for (const warning of loaded.warnings) logger.warn(warning);
  const store = openStore(databasePath(config));
  let lock: PidLock | undefined;
  let venue: Venue | undefined;
  try {
    lock = acquirePidLock({ dataDir: config.paths.data_dir, mode: loaded.mode, runId, logger });
    venue = await openVenue(loaded.mode, config, logger);
    logger.scrubber.add([venue.config.alpaca.api_key, venue.config.alpaca.secret_key]);
    const clock = venue.clock;
    const client = createAlpacaExecutionClient({ config: venue.config, clock, logger: logger.child({ component: 'execution' }) });
    const { feed, history } = createMarketData(venue.config, {
      clock, logger,
      wrapHistory: (inner) => new CachedHistoricalBars({ inner, store, clock, source: loaded.mode === 'sim' ? 'sim' : 'alpaca' }),
    });
    const orders = new OrderManager({ store, client, clock, logger: logger.child({ component: 'orders' }), options: { dryRun: loaded.dryRun } });
    const killSwitch = new KillSwitchWatcher({ read: () => isKillSwitchOn({ config }), clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, logger });
    return {
      loaded, runId, startedAt: Date.now(), logger, store, lock, venue, client, feed, history, orders, killSwitch,
      registry: new StrategyRegistry(BUILTIN_STRATEGIES), strategiesDir: resolve(options.cwd, 'strategies'),
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
