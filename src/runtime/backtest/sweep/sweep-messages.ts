// The messages between a sweep's pool (main thread) and its worker threads. Plain data only (structured clone):
// a worker gets the base spec once at start, then one small job at a time, and answers with the run's metrics
// and a few counts — never fills, trades or the equity curve, so messages stay small however long the run.
// Must never: carry functions or class instances, or anything a run did not compute from its spec.
import type { BacktestMetrics, BacktestSpec } from '../backtest-types.js';
import type { DateWindow } from './data-window.js';
import type { SweepParams } from './sweep-grid.js';

/** What a worker thread starts with (its `workerData`). */
export interface SweepWorkerInit {
  /** URL of the worker module the bootstrap imports (sweep-worker.ts). */
  readonly entry: string;
  /** URL of a module exporting `runBacktest(spec)` (the real one, or a stand-in in tests). */
  readonly runner: string;
  /** The spec every job starts from; a job overrides params and may narrow the data to a window. */
  readonly base: BacktestSpec;
}

/** One run: the base spec with these params merged over the base params, optionally on a window of the data. */
export interface SweepJob {
  readonly params: SweepParams;
  readonly window?: DateWindow;
  /** Trade from this instant (epoch ms); the window's earlier bars only warm the strategy up (spec.startAt). */
  readonly startAt?: number;
}

/** The small part of a BacktestResult a sweep keeps. */
export interface SweepRunSummary {
  readonly metrics: BacktestMetrics;
  readonly bars: number;
  readonly from: number;
  readonly to: number;
}

export type SweepJobOutcome = { readonly ok: true; readonly summary: SweepRunSummary } | { readonly ok: false; readonly error: string };

export type ToWorker = { readonly type: 'job'; readonly id: number; readonly job: SweepJob };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly error: string }
  | { readonly type: 'done'; readonly id: number; readonly outcome: SweepJobOutcome };

/** An error as one line of text (name unless plain Error, then message). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}
