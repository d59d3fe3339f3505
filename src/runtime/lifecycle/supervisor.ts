// Keeps the bot's long-lived tasks alive (SPEC §10): a task that dies is restarted after 1 s, then 2, 4 … up to
// 30 s; when tasks die 3 times within 5 minutes the supervisor stops restarting and asks for a graceful shutdown,
// because a bot that keeps crashing must not keep trading. Time comes from the injected Clock, so tests run on a
// manual clock. Must never: restart a task after stop() or after it asked for shutdown, or swallow a death
// without logging it.
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { abortableSleep, errorMessage } from './abortable-sleep.js';

/** A long-lived task. It should run until `signal` aborts; resolving earlier counts as a death. */
export type SupervisedTask = (signal: AbortSignal) => Promise<void>;

export interface SupervisorOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called once when too many tasks died; the caller starts the graceful shutdown. */
  readonly requestShutdown: (reason: string) => void;
  /** First restart delay; default 1000 ms. */
  readonly initialDelayMs?: number;
  /** Delay cap; default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** A run at least this long counts as healthy and resets that task's delay to the initial one; default 60 000 ms. */
  readonly healthyAfterMs?: number;
  /** Deaths (of any task) within `deathWindowMs` that trigger the shutdown; default 3. */
  readonly deathLimit?: number;
  /** Default 300 000 ms (5 minutes). */
  readonly deathWindowMs?: number;
}

export type TaskState = 'running' | 'waiting_restart' | 'stopped';

/** One task as the dashboard or a test sees it. */
export interface TaskStatus {
  readonly name: string;
  readonly state: TaskState;
  readonly deaths: number;
  readonly lastError: string | null;
  /** The delay before the next restart (ms), when waiting. */
  readonly nextDelayMs: number | null;
}

interface Entry {
  readonly name: string;
  readonly task: SupervisedTask;
  state: TaskState;
  deaths: number;
  lastError: string | null;
  nextDelayMs: number | null;
  done: Promise<void>;
}

/** Runs named tasks and restarts them with back-off; see the module header for the policy. */
export class Supervisor {
  readonly #o: Required<SupervisorOptions>;
  readonly #entries = new Map<string, Entry>();
  readonly #controller = new AbortController();
  #deaths: number[] = [];
  #started = false;
  #shutdownRequested = false;

  constructor(options: SupervisorOptions) {
    this.#o = { initialDelayMs: 1000, maxDelayMs: 30_000, healthyAfterMs: 60_000, deathLimit: 3, deathWindowMs: 300_000, ...options };
  }

  /**
   * Adds a task; it starts at once when the supervisor is already started.
   * @throws Error when the name is taken or the supervisor was stopped
   */
  add(name: string, task: SupervisedTask): void {
    if (this.#entries.has(name)) throw new Error(`Supervisor: a task named '${name}' is already supervised`);
    if (this.#controller.signal.aborted) throw new Error(`Supervisor: cannot add '${name}' after stop()`);
    const entry: Entry = { name, task, state: 'stopped', deaths: 0, lastError: null, nextDelayMs: null, done: Promise.resolve() };
    this.#entries.set(name, entry);
    if (this.#started) entry.done = this.#loop(entry);
  }

  /** Starts every added task. Idempotent. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const entry of this.#entries.values()) entry.done = this.#loop(entry);
  }

  /** True once stop() was called. */
  get stopping(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Aborts every task and resolves when all have returned (or after `timeoutMs` of clock time, default 5000). */
  async stop(timeoutMs = 5000): Promise<void> {
    this.#controller.abort();
    const all = Promise.all([...this.#entries.values()].map((e) => e.done));
    const outcome = await Promise.race([all.then(() => 'done' as const), this.#o.clock.sleep(timeoutMs).then(() => 'timeout' as const)]);
    if (outcome === 'timeout') this.#o.logger.warn('supervisor: some tasks did not stop in time', { timeout_ms: timeoutMs, tasks: this.status().filter((s) => s.state !== 'stopped').map((s) => s.name) });
  }

  /** A call, not a property, so TypeScript does not narrow it across awaits. */
  #halted(): boolean {
    return this.#controller.signal.aborted;
  }

  status(): TaskStatus[] {
    return [...this.#entries.values()].map(({ name, state, deaths, lastError, nextDelayMs }) => ({ name, state, deaths, lastError, nextDelayMs }));
  }

  async #loop(entry: Entry): Promise<void> {
    const { clock, initialDelayMs, maxDelayMs, healthyAfterMs } = this.#o;
    const signal = this.#controller.signal;
    let delay = initialDelayMs;
    while (!this.#halted()) {
      const startedAt = clock.now();
      entry.state = 'running';
      const error = await this.#runOnce(entry, signal);
      if (this.#halted()) break;
      if (clock.now() - startedAt >= healthyAfterMs) delay = initialDelayMs;
      if (!this.#recordDeath(entry, error, delay)) break;
      entry.state = 'waiting_restart';
      entry.nextDelayMs = delay;
      await abortableSleep(clock, delay, signal);
      entry.nextDelayMs = null;
      delay = Math.min(delay * 2, maxDelayMs);
      if (this.#halted() || this.#shutdownRequested) break;
      this.#o.logger.info(`supervisor: restarting task ${entry.name}`, { task: entry.name, deaths: entry.deaths });
    }
    entry.state = 'stopped';
  }

  /** Runs the task once; returns why it died (or undefined when it ended because of stop()). */
  async #runOnce(entry: Entry, signal: AbortSignal): Promise<unknown> {
    try {
      await entry.task(signal);
      return signal.aborted ? undefined : new Error(`task ${entry.name} returned while the bot was running`);
    } catch (error) {
      return error;
    }
  }

  /** Logs the death; returns false when the task must not be restarted (shutdown requested). */
  #recordDeath(entry: Entry, error: unknown, delay: number): boolean {
    const now = this.#o.clock.now();
    entry.deaths += 1;
    entry.lastError = errorMessage(error);
    this.#deaths = [...this.#deaths.filter((t) => now - t < this.#o.deathWindowMs), now];
    const fields = { task: entry.name, error: entry.lastError, stack: error instanceof Error ? error.stack : undefined, deaths: entry.deaths, restart_in_ms: delay };
    if (this.#deaths.length >= this.#o.deathLimit) {
      this.#o.logger.error(`supervisor: task ${entry.name} died`, { ...fields, restart_in_ms: null });
      if (!this.#shutdownRequested) {
        this.#shutdownRequested = true;
        const reason = `${String(this.#deaths.length)} task deaths within ${String(this.#o.deathWindowMs / 1000)} s (last: ${entry.name}: ${entry.lastError})`;
        this.#o.logger.critical(`supervisor: ${reason}; requesting graceful shutdown`, { task: entry.name });
        this.#o.requestShutdown(reason);
      }
      return false;
    }
    if (this.#shutdownRequested) return false;
    this.#o.logger.error(`supervisor: task ${entry.name} died; restarting in ${String(delay)} ms`, fields);
    return true;
  }
}
