// Parameter sweeps (SPEC §11, issue #6): every parameter set of a grid runs as a full backtest on a pool of
// worker threads; the results come back ranked by one metric. Failed sets are reported with their error.
// Determinism: each run depends only on its spec; results are keyed by grid index, never by arrival order, and
// ranked by a total order (metric, then grid index) — so the numbers and the order are the same for any worker
// count or scheduling.
// Must never: let one failed set end the sweep, or leave worker threads running when it returns or throws.
import { availableParallelism } from 'node:os';
import type { BacktestMetrics, BacktestSpec } from '../backtest-types.js';
import { defaultDescending, rankRows, type RankMetric } from './rank-metrics.js';
import { expandGrid, type SweepGrid, type SweepParams } from './sweep-grid.js';
import type { SweepJob, SweepJobOutcome } from './sweep-messages.js';
import { SweepPool } from './sweep-pool.js';

/** Options of {@link runSweep}. */
export interface SweepOptions {
  /** The spec every set starts from; a set's params override `base.params` key by key. */
  readonly base: BacktestSpec;
  readonly grid: SweepGrid;
  /** Worker threads; default min(2, os.availableParallelism()), never more than the number of sets. */
  readonly workers?: number;
  readonly rankBy: RankMetric;
  /** Best first = highest first; default true except for maxDrawdownPct and commission. */
  readonly descending?: boolean;
  /** Called after each set finishes (failed ones too). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Module exporting `runBacktest(spec)`; default the real runner. Tests inject a stand-in. */
  readonly runner?: URL | string;
}

/** One set that ran. */
export interface SweepRow {
  /** Position in the grid's expansion (0-based): the tie-break. */
  readonly index: number;
  /** 1 = best. */
  readonly rank: number;
  readonly params: SweepParams;
  readonly metrics: BacktestMetrics;
  readonly bars: number;
  readonly from: number;
  readonly to: number;
}

/** One set whose run threw (bad params for the strategy, no data, ...). */
export interface SweepFailure {
  readonly index: number;
  readonly params: SweepParams;
  readonly error: string;
}

export interface SweepResult {
  readonly rankBy: RankMetric;
  readonly descending: boolean;
  /** Sets that ran, best first. */
  readonly rows: readonly SweepRow[];
  /** Sets that failed, in grid order. */
  readonly failed: readonly SweepFailure[];
  readonly total: number;
  readonly workers: number;
  readonly elapsedMs: number;
}

/** The default worker count: both cores on a 2-core machine, never more than the host has. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Runs `jobs` on `pool`, reporting progress; outcomes come back in job order whatever the finishing order. */
export async function runJobs(pool: SweepPool, jobs: readonly SweepJob[], onDone?: () => void): Promise<SweepJobOutcome[]> {
  return Promise.all(jobs.map(async (job) => {
    const outcome = await pool.run(job);
    onDone?.();
    return outcome;
  }));
}

/** Splits outcomes into ranked rows and failures. */
export function collectOutcomes(sets: readonly SweepParams[], outcomes: readonly SweepJobOutcome[], rankBy: RankMetric, descending: boolean): { rows: SweepRow[]; failed: SweepFailure[] } {
  const ok: Omit<SweepRow, 'rank'>[] = [];
  const failed: SweepFailure[] = [];
  outcomes.forEach((outcome, index) => {
    const params = sets[index] ?? {};
    if (outcome.ok) ok.push({ index, params, ...outcome.summary });
    else failed.push({ index, params, error: outcome.error });
  });
  const rows = rankRows(ok, rankBy, descending).map((row, i) => ({ ...row, rank: i + 1 }));
  return { rows, failed };
}

/**
 * Runs every parameter set of `grid` as a full backtest on worker threads and ranks them by `rankBy`.
 * @throws SweepGridError for a bad grid; RangeError for a bad worker count; SweepPoolError when the threads
 *   cannot start (e.g. the runner module does not load). A set that fails is reported in `failed`, not thrown.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const sets = expandGrid(options.grid);
  const workers = Math.min(options.workers ?? defaultWorkers(), sets.length);
  const descending = options.descending ?? defaultDescending(options.rankBy);
  const pool = new SweepPool({ base: options.base, workers, ...(options.runner !== undefined ? { runner: options.runner } : {}) });
  let done = 0;
  try {
    const outcomes = await runJobs(pool, sets.map((params) => ({ params })), () => options.onProgress?.(++done, sets.length));
    const { rows, failed } = collectOutcomes(sets, outcomes, options.rankBy, descending);
    return { rankBy: options.rankBy, descending, rows, failed, total: sets.length, workers, elapsedMs: performance.now() - started };
  } finally {
    await pool.close();
  }
}
