// The long-running tasks of a live-like bot (SPEC §10), each supervised: the market-data consumer, the clock
// tick, account refresh + equity snapshots, the kill-switch watcher, strategy-file watching and housekeeping.
// Listeners only enqueue into the one event processor (SerialQueue). Must never: let a bar reach the engine
// outside the queue, or let a task's failure pass silently (the supervisor logs and restarts it).
import { Housekeeping, abortableSleep, systemClock, type Supervisor } from '../lifecycle/index.js';
import type { BotParts } from './bot-parts.js';
import { ConfigReloadTask } from './config-reload-task.js';
import type { SerialQueue } from './serial-queue.js';
import { watchStrategyFiles, type StrategyFiles } from './strategy-files.js';
import { dayStartEquity, startDay, type Started } from './startup.js';
import { statusSnapshot } from './status-snapshot.js';

const TICK_MS = 1_000;
const EQUITY_MS = 60_000;

/** Reads the flag afresh (TypeScript keeps a narrowed `aborted` across an await). */
const isAborted = (signal: AbortSignal): boolean => signal.aborted;

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => { resolve(); }, { once: true });
  });
}

export function addTasks(args: { parts: BotParts; started: Started; queue: SerialQueue; supervisor: Supervisor; connections: Map<string, string>; strategyFiles: StrategyFiles }): Housekeeping {
  const { parts, started, queue, supervisor, connections } = args;
  const clock = parts.venue.clock;
  supervisor.add('market-data', async (signal) => {
    await parts.feed.start(started.engine.symbols());
    connections.set('market_data', 'connected');
    try {
      await untilAborted(signal);
    } finally {
      await parts.feed.stop();
    }
  });
  supervisor.add('clock-tick', async (signal) => {
    while (!signal.aborted) {
      await queue.push('tick', () => started.engine.onTime(clock.now()));
      await abortableSleep(systemClock, TICK_MS, signal);
    }
  });
  supervisor.add('account-and-equity', async (signal) => {
    while (!signal.aborted) {
      await abortableSleep(clock, EQUITY_MS, signal);
      if (isAborted(signal)) break;
      started.account = await parts.client.getAccount();
      started.ledger.syncCash(started.account.cash);
      started.ledger.recordEquity(clock.now());
    }
  });
  supervisor.add('kill-switch', (signal) => parts.killSwitch.run(signal));
  // From now on a changed file is applied in the event processor and the runner swaps definitions.
  supervisor.add('strategy-files', watchStrategyFiles(args.strategyFiles, (event) => void queue.push('strategy-file', () => {
    const change = parts.registry.applyFileEvent(event);
    parts.logger.info(`strategy file ${event.kind}: ${event.file}`, { ...change });
    for (const e of started.runner.refresh()) parts.logger.info(`strategy ${e.type}`, { ...e });
  })));
  parts.reloader.attach({
    runner: started.runner, engine: started.engine, feed: parts.feed,
    held: () => [...started.ledger.portfolio.positions(), ...parts.orders.activeEntries()].map((p) => ({ strategy: p.strategy, symbol: p.symbol })),
  });
  const files = [parts.loaded.files.configPath, parts.loaded.files.dotEnvPath];
  const reload = new ConfigReloadTask({ reloader: parts.reloader, queue, files, intervalMs: parts.reloadIntervalMs });
  supervisor.add('config-reload', (signal) => reload.run(signal));
  const housekeeping = new Housekeeping({
    clock, logger: parts.logger, dataDir: parts.loaded.values.paths.data_dir, runId: parts.runId, store: parts.store,
    status: () => statusSnapshot(parts, started, connections),
    onDailyReset: () => queue.push('daily-reset', async () => {
      started.account = await parts.client.getAccount();
      startDay(started.ledger, clock.now(), dayStartEquity(started.account));
    }),
  });
  for (const [name, task] of housekeeping.tasks()) supervisor.add(name, task);
  return housekeeping;
}
