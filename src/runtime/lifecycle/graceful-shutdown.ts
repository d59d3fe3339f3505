// The graceful shutdown of SPEC §10, one ordered path for SIGINT, SIGTERM, `alpaca-bot stop`, the dashboard's
// POST /api/shutdown and the supervisor's "too many deaths": stop new signals → wait ≤ 5 s for in-flight
// submissions → cancel unfilled entry orders (3 tries) → keep positions with their broker-side stops (or
// flatten when shutdown.flatten) → tell dashboard clients → stop tasks, flush logs, close the DB → exit code.
// Each step is an injected hook with its own timeout; a failing or slow step is logged and the next one still
// runs (a shutdown must finish). Must never: run twice, skip the position step, or call process.exit itself
// except on the third signal (forced exit 1).
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { errorMessage } from './abortable-sleep.js';

/** Hooks the composition root provides; each gets an AbortSignal that aborts when its step times out. */
export interface ShutdownHooks {
  /** Step 1: strategies and risk stop producing orders (e.g. the event processor drops new bars). */
  readonly stopNewSignals?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 2: resolves when no order submission is in flight. Waited for at most `waitInFlightMs`. */
  readonly waitForInFlight?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 3: one attempt to cancel every unfilled entry order; returns how many are still open. */
  readonly cancelUnfilledEntries?: (attempt: number, signal: AbortSignal) => Promise<number> | number;
  /** Step 4 when flatten is false: positions stay, each with its broker-side stop (check and log them). */
  readonly keepPositions?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 4 when flatten is true: close every position. */
  readonly flattenPositions?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 5: tell dashboard clients the bot is going away (then close their sockets). */
  readonly notifyClients?: (reason: string, signal: AbortSignal) => Promise<void> | void;
  /** Step 6a: stop the supervised tasks, the web server, the broker streams. */
  readonly stopTasks?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 6b: flush the log. */
  readonly flushLogs?: (signal: AbortSignal) => Promise<void> | void;
  /** Step 6c: close the store (and release the pid file). */
  readonly closeStore?: (signal: AbortSignal) => Promise<void> | void;
}

/** Per-step time limits, ms. */
export interface ShutdownTimeouts {
  readonly stopNewSignals: number;
  readonly waitInFlight: number;
  /** Per cancel attempt. */
  readonly cancelAttempt: number;
  readonly positions: number;
  readonly notifyClients: number;
  readonly stopTasks: number;
  readonly flushLogs: number;
  readonly closeStore: number;
}

/** Defaults; an idle bot finishes in well under a second, the worst case is about 22 s. */
export const DEFAULT_SHUTDOWN_TIMEOUTS: ShutdownTimeouts = {
  stopNewSignals: 1000, waitInFlight: 5000, cancelAttempt: 2000, positions: 5000, notifyClients: 1000, stopTasks: 3000, flushLogs: 1000, closeStore: 2000,
};

/** Attempts at cancelling unfilled entries (SPEC §10). */
export const CANCEL_ATTEMPTS = 3;

export type StepOutcome = 'ok' | 'skipped' | 'timeout' | 'failed';

export interface StepResult {
  readonly step: string;
  readonly outcome: StepOutcome;
  readonly ms: number;
  readonly detail?: string;
}

export interface ShutdownResult {
  /** 0 when every step finished (an in-flight wait that ran out is only a warning), else 1. */
  readonly code: number;
  readonly reason: string;
  readonly steps: readonly StepResult[];
  readonly ms: number;
}

export interface GracefulShutdownOptions {
  readonly hooks: ShutdownHooks;
  readonly logger: Logger;
  /** Use a wall clock in live-like runs; a manual clock in tests. */
  readonly clock: Clock;
  /** shutdown.flatten: close positions instead of keeping them with their stops. */
  readonly flatten: boolean;
  readonly timeouts?: Partial<ShutdownTimeouts>;
}

type Step = (signal: AbortSignal) => Promise<unknown>;

/** Runs the shutdown once; see the module header. */
export class GracefulShutdown {
  readonly #o: GracefulShutdownOptions;
  readonly #t: ShutdownTimeouts;
  #running: Promise<number> | undefined;
  #result: ShutdownResult | undefined;
  #resolveDone!: (code: number) => void;
  /** Resolves with the exit code when the shutdown (started by anyone) has finished. */
  readonly done: Promise<number>;

  constructor(options: GracefulShutdownOptions) {
    this.#o = options;
    this.#t = { ...DEFAULT_SHUTDOWN_TIMEOUTS, ...options.timeouts };
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  /** True once shutdown() was called. */
  get started(): boolean {
    return this.#running !== undefined;
  }

  /** The result, once finished. */
  get result(): ShutdownResult | undefined {
    return this.#result;
  }

  /** Starts the shutdown, or returns the one already running. Resolves with the exit code for the caller to use. */
  shutdown(reason: string): Promise<number> {
    if (this.#running !== undefined) {
      this.#o.logger.info('shutdown already in progress', { reason });
      return this.#running;
    }
    this.#running = this.#run(reason);
    return this.#running;
  }

  async #run(reason: string): Promise<number> {
    const { logger, clock, hooks, flatten } = this.#o;
    const started = clock.now();
    logger.info('graceful shutdown started', { reason, flatten });
    const steps: StepResult[] = [];
    const step = async (name: string, ms: number, fn: Step | undefined): Promise<StepResult> => {
      const result = await this.#step(name, ms, fn);
      steps.push(result);
      return result;
    };
    await step('stop_new_signals', this.#t.stopNewSignals, hooks.stopNewSignals && ((s) => Promise.resolve(hooks.stopNewSignals?.(s))));
    await step('wait_in_flight', this.#t.waitInFlight, hooks.waitForInFlight && ((s) => Promise.resolve(hooks.waitForInFlight?.(s))));
    steps.push(await this.#cancelEntries());
    const positionHook = flatten ? hooks.flattenPositions : hooks.keepPositions;
    await step(flatten ? 'flatten_positions' : 'keep_positions', this.#t.positions, positionHook && ((s) => Promise.resolve(positionHook(s))));
    await step('notify_clients', this.#t.notifyClients, hooks.notifyClients && ((s) => Promise.resolve(hooks.notifyClients?.(reason, s))));
    await step('stop_tasks', this.#t.stopTasks, hooks.stopTasks && ((s) => Promise.resolve(hooks.stopTasks?.(s))));
    // The summary is logged before the log is flushed and the store closed, so it reaches the file.
    const failed = steps.filter((s) => s.outcome === 'failed' || (s.outcome === 'timeout' && s.step !== 'wait_in_flight'));
    const code = failed.length === 0 ? 0 : 1;
    logger.info('graceful shutdown finished', { reason, code, ms: clock.now() - started, failed_steps: failed.map((s) => s.step) });
    await step('flush_logs', this.#t.flushLogs, hooks.flushLogs && ((s) => Promise.resolve(hooks.flushLogs?.(s))));
    await step('close_store', this.#t.closeStore, hooks.closeStore && ((s) => Promise.resolve(hooks.closeStore?.(s))));
    const late = steps.slice(-2).some((s) => s.outcome === 'failed' || s.outcome === 'timeout');
    this.#result = { code: late ? 1 : code, reason, steps, ms: clock.now() - started };
    this.#resolveDone(this.#result.code);
    return this.#result.code;
  }

  /** Step 3: up to CANCEL_ATTEMPTS attempts until no unfilled entry remains. */
  async #cancelEntries(): Promise<StepResult> {
    const hook = this.#o.hooks.cancelUnfilledEntries;
    if (hook === undefined) return { step: 'cancel_entries', outcome: 'skipped', ms: 0 };
    const started = this.#o.clock.now();
    let remaining = -1;
    for (let attempt = 1; attempt <= CANCEL_ATTEMPTS; attempt++) {
      const r = await this.#step(`cancel_entries#${String(attempt)}`, this.#t.cancelAttempt, async (s) => {
        remaining = await hook(attempt, s);
      });
      if (r.outcome === 'ok' && remaining === 0) return { step: 'cancel_entries', outcome: 'ok', ms: this.#o.clock.now() - started, detail: `attempts: ${String(attempt)}` };
    }
    const detail = remaining > 0 ? `${String(remaining)} entry order(s) still open after ${String(CANCEL_ATTEMPTS)} attempts` : `cancel did not complete after ${String(CANCEL_ATTEMPTS)} attempts`;
    this.#o.logger.error(`shutdown: ${detail}; they stay at the broker and startup reconciliation will see them`, { step: 'cancel_entries' });
    return { step: 'cancel_entries', outcome: 'failed', ms: this.#o.clock.now() - started, detail };
  }

  /** Runs one hook with a time limit; never throws. */
  async #step(name: string, timeoutMs: number, fn: Step | undefined): Promise<StepResult> {
    const { logger, clock } = this.#o;
    if (fn === undefined) {
      logger.debug(`shutdown step ${name}: skipped (no hook)`, { step: name });
      return { step: name, outcome: 'skipped', ms: 0 };
    }
    const started = clock.now();
    const controller = new AbortController();
    // new Promise turns a hook's synchronous throw into a failed step instead of an escaped exception.
    const work = new Promise<unknown>((resolve) => { resolve(fn(controller.signal)); }).then(() => ({ outcome: 'ok' as const }), (error: unknown) => ({ outcome: 'failed' as const, detail: errorMessage(error) }));
    const limit = clock.sleep(timeoutMs).then(() => ({ outcome: 'timeout' as const, detail: `no answer within ${String(timeoutMs)} ms` }));
    const r: { outcome: StepOutcome; detail?: string } = await Promise.race([work, limit]);
    controller.abort();
    const result: StepResult = { step: name, outcome: r.outcome, ms: clock.now() - started, ...(r.detail === undefined ? {} : { detail: r.detail }) };
    const fields = { step: name, outcome: r.outcome, ms: result.ms, ...(r.detail === undefined ? {} : { detail: r.detail }) };
    if (r.outcome === 'ok') logger.info(`shutdown step ${name}: done`, fields);
    else if (r.outcome === 'timeout' && name === 'wait_in_flight') logger.warn(`shutdown step ${name}: gave up waiting; pending intents are resolved by reconciliation at the next start`, fields);
    else logger.error(`shutdown step ${name}: ${r.outcome}`, fields);
    return result;
  }
}
