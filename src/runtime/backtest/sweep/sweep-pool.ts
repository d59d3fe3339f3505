// A pool of worker threads that run sweep jobs (one full backtest each) for one base spec. Jobs queue in the
// order given and go to whichever thread is free; each answer is matched to its job by id, so the caller's
// results never depend on scheduling. A thread that dies mid-job fails that job only and is replaced.
// Must never: give one thread two jobs at once, lose a job (every run() settles), or leave threads running
// after close().
import { Worker } from 'node:worker_threads';
import type { BacktestSpec } from '../backtest-types.js';
import type { FromWorker, SweepJob, SweepJobOutcome, SweepWorkerInit, ToWorker } from './sweep-messages.js';

/** Options of {@link SweepPool}. */
export interface SweepPoolOptions {
  readonly base: BacktestSpec;
  /** Worker threads (≥ 1). */
  readonly workers: number;
  /** Module exporting `runBacktest(spec)`; default the real runner (../run-backtest.ts). */
  readonly runner?: URL | string;
}

interface Pending {
  readonly id: number;
  readonly job: SweepJob;
  readonly settle: (outcome: SweepJobOutcome) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  busy: Pending | undefined;
}

/** Thrown when the worker threads cannot start (missing runner, loader failure): the sweep cannot run at all. */
export class SweepPoolError extends Error {
  override readonly name = 'SweepPoolError';
}

const BOOTSTRAP = new URL('./sweep-worker-bootstrap.js', import.meta.url);
const ENTRY = new URL('./sweep-worker.ts', import.meta.url).href;
/** The real runner, resolved next to this folder (the lead's run-backtest module). */
export const DEFAULT_RUNNER = new URL('../run-backtest.ts', import.meta.url).href;

/** The worker-thread pool of a sweep. */
export class SweepPool {
  readonly #init: SweepWorkerInit;
  readonly #size: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Pending[] = [];
  readonly #rejects = new Set<(error: Error) => void>();
  #nextId = 0;
  #fatal: SweepPoolError | undefined;
  #closed = false;

  /** @throws RangeError when `workers` is not a whole number ≥ 1 */
  constructor(options: SweepPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`workers = ${String(options.workers)}: must be a whole number ≥ 1`);
    }
    this.#size = options.workers;
    this.#init = { entry: ENTRY, runner: String(options.runner ?? DEFAULT_RUNNER), base: options.base };
  }

  /** Threads started so far (they start lazily with the first jobs, at most `workers`). */
  get threads(): number {
    return this.#slots.size;
  }

  /**
   * Queues one job; resolves with its outcome (a failed run is an outcome, not a rejection).
   * @throws SweepPoolError (as a rejection) when the threads cannot start, or after close()
   */
  run(job: SweepJob): Promise<SweepJobOutcome> {
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (this.#closed) return Promise.reject(new SweepPoolError('the sweep pool is closed'));
    return new Promise<SweepJobOutcome>((resolve, reject) => {
      const pending: Pending = { id: this.#nextId++, job, settle: (outcome) => { this.#rejects.delete(reject); resolve(outcome); } };
      this.#rejects.add(reject);
      this.#queue.push(pending);
      this.#pump();
    });
  }

  /** Stops every thread (jobs still queued are rejected). Safe to call twice. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#failAll(new SweepPoolError('the sweep pool was closed with jobs still queued'));
    const slots = [...this.#slots];
    this.#slots.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.ready && slot.busy === undefined) this.#send(slot);
    }
    const starting = [...this.#slots].filter((s) => !s.ready).length;
    while (this.#slots.size < this.#size && this.#queue.length > starting + this.#idleCount() && !this.#closed) this.#spawn();
  }

  #idleCount(): number {
    return [...this.#slots].filter((s) => s.ready && s.busy === undefined).length;
  }

  #send(slot: Slot): void {
    const pending = this.#queue.shift();
    if (pending === undefined) return;
    slot.busy = pending;
    const message: ToWorker = { type: 'job', id: pending.id, job: pending.job };
    slot.worker.postMessage(message);
  }

  #spawn(): void {
    const worker = new Worker(BOOTSTRAP, { workerData: this.#init });
    const slot: Slot = { worker, ready: false, busy: undefined };
    this.#slots.add(slot);
    worker.on('message', (message: FromWorker) => { this.#onMessage(slot, message); });
    worker.on('error', (error) => { this.#onDeath(slot, `threw ${error.name}: ${error.message}`); });
    worker.on('exit', (code) => { this.#onDeath(slot, `exited with code ${code}`); });
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
    } else if (message.type === 'fatal') {
      this.#setFatal(message.error);
      return;
    } else if (slot.busy?.id === message.id) {
      const done = slot.busy;
      slot.busy = undefined;
      done.settle(message.outcome);
    }
    this.#pump();
  }

  #onDeath(slot: Slot, how: string): void {
    if (!this.#slots.delete(slot) || this.#closed) return;
    if (!slot.ready) {
      this.#setFatal(`a sweep worker thread ${how} before it was ready`);
      return;
    }
    slot.busy?.settle({ ok: false, error: `the worker thread running this set ${how}` });
    void slot.worker.terminate();
    this.#pump();
  }

  #setFatal(error: string): void {
    this.#fatal ??= new SweepPoolError(error);
    this.#failAll(this.#fatal);
    void this.close();
  }

  #failAll(error: Error): void {
    this.#queue.length = 0;
    for (const reject of this.#rejects) reject(error);
    this.#rejects.clear();
  }
}
