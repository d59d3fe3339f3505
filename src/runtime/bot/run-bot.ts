// `alpaca-bot run`: builds the parts, runs the startup sequence (reconcile before market data, warm-up), starts the
// supervised tasks, prints a readable summary of signals and fills, and shuts down gracefully on SIGINT/SIGTERM or
// `alpaca-bot stop` (SPEC §10). Returns the exit code. Must never: trade before reconciliation, or exit 0 when a
// shutdown step failed.
import type { LoadedConfig } from '../../config/index.js';
import { applyBreakerResetAtStartup, osUserName } from '../breaker-reset.js';
import { Supervisor, installShutdownSignals, systemClock, type ProcessLike } from '../lifecycle/index.js';
import { buildBotParts, type BotParts } from './bot-parts.js';
import { botShutdown } from './bot-shutdown.js';
import { fillLine, signalLine } from './console-summary.js';
import { SerialQueue } from './serial-queue.js';
import { startSessionOf, startUp, type Started } from './startup.js';
import { loadStrategyFiles } from './strategy-files.js';
import { addTasks } from './tasks.js';

const MINUTE = 60_000;

export interface RunBotIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly process?: ProcessLike;
}

function banner(parts: BotParts, started: Started): string {
  const config = parts.loaded.values;
  const strategies = started.runner.summaries().map((s) => `${s.strategy}(${s.symbol} ${s.timeframe})`).join(', ') || 'none';
  return [
    `alpaca-bot ${parts.loaded.mode}${parts.loaded.dryRun ? ' (DRY RUN: no orders are sent)' : ''} — run ${parts.runId}`,
    `  venue:      ${parts.venue.description}`,
    `  watchlist:  ${config.watchlist.join(', ')}`,
    `  strategies: ${strategies}`,
    `  data:       ${config.paths.data_dir}   logs: ${config.paths.log_dir}`,
    '  Ctrl-C (or `alpaca-bot stop`) shuts down gracefully.',
    '',
  ].join('\n');
}

function wireStreams(parts: BotParts, started: Started, queue: SerialQueue, connections: Map<string, string>, io: RunBotIo): void {
  const { client, feed, store, logger } = parts;
  const clock = parts.venue.clock;
  const acknowledge = simAcknowledger(parts, queue);
  feed.onBar((bar) => {
    // A finished bar proves its minute has ended at the venue (a sim's polled clock may not know yet).
    parts.venue.observeMarketTime?.(bar.t + MINUTE);
    void queue.push('bar', async () => {
      await startSessionOf(bar.t, started, client);
      // The clock tick first: the candles judge a bar "from the future" against the last tick, and at sim speed max
      // many virtual minutes pass between two 1-second ticks (the backtest ticks every minute the same way).
      await started.engine.onTime(clock.now());
      await started.engine.onBar(bar);
    });
    acknowledge?.(bar.t + MINUTE);
  });
  feed.onStatus((status) => {
    connections.set('market_data', status.kind);
    if (status.kind === 'reconnect_failures' && status.consecutive >= 10) store.breaker.tripBreaker(`market data: ${status.consecutive} consecutive reconnect failures`);
  });
  client.onExecution((event) => void queue.push('execution', () => started.engine.onExecution(event)));
  client.onStreamStatus((status) => {
    connections.set('trade_updates', status.kind);
    if (status.kind === 'reconnected') void queue.push('reconcile', async () => { await started.reconciler.reconcile(); });
    if (status.kind === 'reconnect_failures' && status.consecutive >= 10) store.breaker.tripBreaker(`trade updates: ${status.consecutive} consecutive reconnect failures`);
  });
  parts.orders.subscribe((event) => {
    if (event.type === 'OrderFilled') io.stdout(fillLine(event));
  });
  logger.info('streams wired');
}

/**
 * In sim mode: after the bars that arrived together (one frame: every symbol's bar of a minute) have been handled,
 * tell the exchange so it matches the next bar (ADR 0004). The acknowledgement is queued behind those bars, on the
 * next macrotask, so it never runs before a bar of the same minute. A first acknowledgement at once tells the
 * exchange to wait for them from the first bar on.
 */
function simAcknowledger(parts: BotParts, queue: SerialQueue): ((t: number) => void) | undefined {
  const send = parts.venue.acknowledge;
  if (send === undefined) return undefined;
  const post = async (t: number): Promise<void> => {
    try {
      await send(t);
    } catch (error) {
      parts.logger.warn('sim acknowledgement failed: the exchange falls back to its quiet period', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  void post(Math.floor(parts.venue.clock.now() / MINUTE) * MINUTE);
  let through = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  return (t) => {
    through = Math.max(through, t);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const at = through;
      void queue.push('sim-ack', () => post(at));
    });
  };
}

export async function runBot(loaded: LoadedConfig, io: RunBotIo): Promise<number> {
  const parts = await buildBotParts(loaded, { cwd: io.cwd, env: io.env });
  const { logger } = parts;
  applyBreakerResetAtStartup({
    store: parts.store, resetFlag: loaded.values.safety.circuit_breaker_reset, who: osUserName(io.env),
    log: (level, msg, fields) => { logger[level](msg, fields); },
  });
  const queue = new SerialQueue((error, label) => { logger.error(`event processor: ${label} failed`, { error: error instanceof Error ? error.stack ?? error.message : String(error) }); });
  const connections = new Map<string, string>();
  let started: Started | undefined;
  const supervisor = new Supervisor({ clock: systemClock, logger, requestShutdown: (reason) => void shutdown.shutdown(reason) });
  // One shutdown for every requester (signals, `stop`, the supervisor, a failed startup); it reads `started` when it runs.
  const shutdown = botShutdown({ ...parts, queue, supervisor, flatten: loaded.values.shutdown.flatten, started: () => started });
  // Signals are handled from the start: one that arrives during startup (reconciliation, warm-up) is honoured as soon
  // as startup has finished, so Ctrl-C never kills the process half-way (a third one still forces exit 1).
  let startupDone = false;
  let requestedDuringStartup: string | undefined;
  installShutdownSignals({
    process: io.process ?? process, logger,
    shutdown: (reason) => {
      if (startupDone) return shutdown.shutdown(reason);
      requestedDuringStartup ??= reason;
      logger.info('shutdown requested during startup: it runs as soon as startup has finished (nothing trades before then)');
      return shutdown.done;
    },
  });
  try {
    const strategyFiles = await loadStrategyFiles(parts.strategiesDir, parts.registry, logger);
    started = await startUp(parts, {
      onDecision: (recorded, decision) => {
        // An exit signal while flat is recorded and denied (NO_POSITION) but is noise on the console.
        if (!decision.approved && decision.denial.code === 'NO_POSITION') return;
        io.stdout(signalLine(recorded, decision, parts.venue.clock.now()));
      },
      onFetch: (request) => void queue.push('fetch', async () => {
        const bars = await parts.history.fetchBars({ symbols: [request.symbol], timeframe: '1Min', from: request.from, to: request.to });
        await started?.engine.supplyFetched(request, bars.get(request.symbol) ?? []);
      }),
    });
    wireStreams(parts, started, queue, connections, io);
    addTasks({ parts, started, queue, supervisor, connections, strategyFiles });
  } catch (error) {
    startupDone = true;
    logger.fatal('startup failed: nothing was traded', { error: error instanceof Error ? error.message : String(error) });
    await shutdown.shutdown('startup failed');
    return 1;
  }
  startupDone = true;
  if (requestedDuringStartup !== undefined) {
    void shutdown.shutdown(requestedDuringStartup);
    return shutdown.done;
  }
  io.stdout(banner(parts, started));
  supervisor.start();
  return shutdown.done;
}
