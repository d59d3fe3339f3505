// The one graceful shutdown of `alpaca-bot run` (SPEC §10): the hooks that tie the lifecycle's 7 steps to the bot's
// parts. One instance serves every requester (SIGINT/SIGTERM, `alpaca-bot stop`, the supervisor's "too many deaths",
// a failed startup), and it reads the started engine lazily, so a shutdown requested by the supervisor stops the
// same engine and resolves the same exit code the process waits for. Must never: close the broker client or the
// store while the event processor still runs an order action (a stop half-moved would leave a position naked), or
// report a flatten as done while the broker still holds a position the bot knows of.
import type { Clock } from '../../ports/clock.js';
import type { ExecutionClient } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { MarketDataFeed } from '../../ports/market-data.js';
import type { OrderManager } from '../../core/orders/index.js';
import { GracefulShutdown, abortableSleep, systemClock, type ShutdownTimeouts, type Supervisor } from '../lifecycle/index.js';

/** What the shutdown needs of the started bot (undefined before startup finished, or when it failed). */
export interface StartedView {
  readonly engine: { stopSignals(): void };
  readonly ledger: { readonly portfolio: { positions(): readonly { readonly symbol: string }[] } };
}

export interface BotShutdownDeps {
  readonly orders: Pick<OrderManager, 'cancelAll' | 'activeEntries' | 'closeAll' | 'ensureProtection'>;
  /** The event processor (bars, trade updates, reconciliations). */
  readonly queue: { idle(): Promise<void> };
  readonly supervisor: Pick<Supervisor, 'stop'>;
  readonly feed: Pick<MarketDataFeed, 'stop'>;
  readonly client: Pick<ExecutionClient, 'disconnect'>;
  readonly venue: { close(): Promise<void> };
  readonly logger: Logger & { close(): Promise<void> };
  readonly store: { close(): void };
  readonly lock: { release(): void };
  /** shutdown.flatten */
  readonly flatten: boolean;
  /** Read when a step runs, not when the shutdown is built. */
  readonly started: () => StartedView | undefined;
  /** For the flatten wait; the wall clock by default. */
  readonly clock?: Clock;
  /** How long flatten may take, exits sent and their fills recorded (through the trade-update stream). Default 4 500 ms. */
  readonly flattenWaitMs?: number;
  readonly timeouts?: Partial<ShutdownTimeouts>;
}

const POLL_MS = 100;

/** Symbols of the entries that still hold (or may hold) shares. */
function openSymbols(deps: BotShutdownDeps): string[] {
  return [...new Set(deps.orders.activeEntries().map((e) => e.symbol))];
}

/** Step 4 (flatten): market exits for everything, then wait until their fills are recorded or give up loudly. */
async function flatten(deps: BotShutdownDeps, signal: AbortSignal): Promise<void> {
  const clock = deps.clock ?? systemClock;
  // Counted from the step's start, inside its 5 s limit, so a slow flatten still ends with the symbols named.
  const deadline = clock.now() + (deps.flattenWaitMs ?? 4500);
  const results = await deps.orders.closeAll('shutdown.flatten');
  const blocked = results.flatMap((r) => r.blocked.map(() => r.symbol));
  if (blocked.length > 0) deps.logger.error('flatten: an exit was not sent because a stop could not be confirmed cancelled', { symbols: blocked });
  while (openSymbols(deps).length > 0 && clock.now() < deadline && !signal.aborted) await abortableSleep(clock, POLL_MS, signal);
  const left = openSymbols(deps);
  if (left.length > 0) {
    throw new Error(`flatten: position(s) still open at the broker after the exits were sent: ${left.join(', ')} (check them with \`alpaca-bot status\` or close them with \`alpaca-bot close\`)`);
  }
  deps.logger.info('flatten: every position is closed');
}

/** Step 4 (keep): every position keeps its broker-side stop; a missing one is placed now. */
async function keep(deps: BotShutdownDeps): Promise<void> {
  for (const entry of deps.orders.activeEntries()) {
    if (entry.filledQty.isPositive()) await deps.orders.ensureProtection(entry.clientOrderId);
  }
  const held = deps.started()?.ledger.portfolio.positions() ?? [];
  deps.logger.info(`keeping ${String(held.length)} position(s) with their broker-side stops`, { symbols: held.map((p) => p.symbol) });
}

/** Step 6a: no new market data, let the event processor finish what it runs, then close the broker side. */
async function stopTasks(deps: BotShutdownDeps): Promise<void> {
  await deps.supervisor.stop();
  await deps.feed.stop();
  await deps.queue.idle();
  await deps.client.disconnect();
  await deps.venue.close();
}

/** Builds the shutdown; see the module header. */
export function botShutdown(deps: BotShutdownDeps): GracefulShutdown {
  const { orders, logger } = deps;
  return new GracefulShutdown({
    logger, clock: systemClock, flatten: deps.flatten, ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
    hooks: {
      stopNewSignals: () => { deps.started()?.engine.stopSignals(); },
      waitForInFlight: () => deps.queue.idle(),
      cancelUnfilledEntries: async () => {
        await orders.cancelAll({ includeProtective: false });
        return orders.activeEntries().filter((e) => e.filledQty.isZero()).length;
      },
      keepPositions: () => keep(deps),
      flattenPositions: (signal) => flatten(deps, signal),
      stopTasks: () => stopTasks(deps),
      flushLogs: () => logger.close(),
      closeStore: () => {
        deps.store.close();
        deps.lock.release();
      },
    },
  });
}
