// Walk-forward analysis (issue #6): for each split, sweep the grid on the in-sample window, take the best set by
// the ranking metric, and run it once on the out-of-sample window (warmed up on the in-sample bars, trading only
// from the out-of-sample start). All splits share one worker pool, so both cores stay busy across splits.
// Must never: pick out-of-sample params with knowledge of out-of-sample data, or let one split's failure end the run.
import { Decimal } from '../../../domain/decimal.js';
import type { BacktestSpec } from '../backtest-types.js';
import { windowBounds } from './data-window.js';
import { defaultDescending, type RankMetric } from './rank-metrics.js';
import { collectOutcomes, defaultWorkers, runJobs, type SweepFailure, type SweepRow } from './run-sweep.js';
import { expandGrid, type SweepGrid, type SweepParams } from './sweep-grid.js';
import type { SweepRunSummary } from './sweep-messages.js';
import { SweepPool } from './sweep-pool.js';
import type { WalkForwardSplit } from './walk-forward-splits.js';

/** Options of {@link runWalkForward}. */
export interface WalkForwardRunOptions {
  /** The spec every run starts from; its own `startAt` is ignored (each window sets it). */
  readonly base: BacktestSpec;
  readonly grid: SweepGrid;
  readonly splits: readonly WalkForwardSplit[];
  readonly rankBy: RankMetric;
  readonly descending?: boolean;
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Module exporting `runBacktest(spec)`; default the real runner. Tests inject a stand-in. */
  readonly runner?: URL | string;
}

/** One split's outcome. */
export interface WalkForwardSplitResult {
  readonly split: WalkForwardSplit;
  /** The best in-sample set (null when no set ran or none has a value for the metric). */
  readonly best: SweepRow | null;
  /** In-sample sets that ran / failed. */
  readonly inSampleRuns: number;
  readonly inSampleFailed: readonly SweepFailure[];
  /** The best set's out-of-sample run (null when there was no best set or the run failed). */
  readonly outOfSample: SweepRunSummary | null;
  /** Why there is no out-of-sample run, when there is none. */
  readonly problem: string | null;
}

/** The out-of-sample runs taken together (each starts from the base cash). */
export interface WalkForwardSummary {
  readonly splits: number;
  /** Splits with an out-of-sample run. */
  readonly evaluated: number;
  /** Π(1 + return) − 1 over the out-of-sample runs, in percent: the return of reinvesting window to window. */
  readonly compoundedReturnPct: number | null;
  readonly meanReturnPct: number | null;
  /** Sum of the out-of-sample net P&L (exact decimal). */
  readonly netPnl: string;
  readonly tradeCount: number;
  readonly profitableSplits: number;
  readonly worstMaxDrawdownPct: number | null;
  /** Mean of the ranking metric in-sample (best sets) and out-of-sample (decimal-string metrics as numbers). */
  readonly meanInSampleMetric: number | null;
  readonly meanOutOfSampleMetric: number | null;
}

export interface WalkForwardResult {
  readonly rankBy: RankMetric;
  readonly descending: boolean;
  readonly splits: readonly WalkForwardSplitResult[];
  readonly summary: WalkForwardSummary;
  readonly workers: number;
  readonly elapsedMs: number;
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** A metric as a number for averaging (decimal strings too); null when undefined. */
function numeric(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Combines the out-of-sample runs of every split. */
export function summarizeWalkForward(results: readonly WalkForwardSplitResult[], rankBy: RankMetric): WalkForwardSummary {
  const runs = results.flatMap((r) => (r.outOfSample ? [r.outOfSample.metrics] : []));
  const returns = runs.map((m) => m.totalReturnPct);
  const oosMetric = runs.map((m) => numeric(m[rankBy])).filter((v): v is number => v !== null);
  const isMetric = results.map((r) => numeric(r.best?.metrics[rankBy])).filter((v): v is number => v !== null);
  return {
    splits: results.length,
    evaluated: runs.length,
    compoundedReturnPct: runs.length === 0 ? null : (returns.reduce((acc, r) => acc * (1 + r / 100), 1) - 1) * 100,
    meanReturnPct: mean(returns),
    netPnl: runs.reduce((acc, m) => acc.plus(m.netPnl), Decimal.of('0')).toString(),
    tradeCount: runs.reduce((n, m) => n + m.tradeCount, 0),
    profitableSplits: runs.filter((m) => Decimal.of(m.netPnl).cmp('0') > 0).length,
    worstMaxDrawdownPct: runs.length === 0 ? null : Math.max(...runs.map((m) => m.maxDrawdownPct)),
    meanInSampleMetric: mean(isMetric),
    meanOutOfSampleMetric: mean(oosMetric),
  };
}

interface SplitContext {
  readonly pool: SweepPool;
  readonly sets: readonly SweepParams[];
  readonly rankBy: RankMetric;
  readonly descending: boolean;
  readonly tick: () => void;
}

async function runSplit(ctx: SplitContext, split: WalkForwardSplit): Promise<WalkForwardSplitResult> {
  const outcomes = await runJobs(ctx.pool, ctx.sets.map((params) => ({ params, window: split.inSample })), ctx.tick);
  const { rows, failed } = collectOutcomes(ctx.sets, outcomes, ctx.rankBy, ctx.descending);
  const best = rows.find((row) => row.metrics[ctx.rankBy] !== null) ?? null;
  const base = { split, best, inSampleRuns: rows.length, inSampleFailed: failed };
  if (best === null) {
    ctx.tick();
    const why = rows.length === 0 ? `every in-sample set failed (first: ${failed[0]?.error ?? 'none ran'})` : `no in-sample set has a value for ${ctx.rankBy}`;
    return { ...base, outOfSample: null, problem: why };
  }
  const window = { from: split.inSample.from, to: split.outOfSample.to };
  const outcome = await ctx.pool.run({ params: best.params, window, startAt: windowBounds(split.outOfSample).from });
  ctx.tick();
  return outcome.ok ? { ...base, outOfSample: outcome.summary, problem: null } : { ...base, outOfSample: null, problem: `out-of-sample run failed: ${outcome.error}` };
}

/**
 * Runs a walk-forward analysis: per split an in-sample sweep, then the best set out-of-sample.
 * @throws SweepGridError for a bad grid; RangeError for no splits or a bad worker count; SweepPoolError when
 *   the threads cannot start. Failed runs are reported per split, not thrown.
 */
export async function runWalkForward(options: WalkForwardRunOptions): Promise<WalkForwardResult> {
  const started = performance.now();
  if (options.splits.length === 0) throw new RangeError('walk-forward needs at least one split');
  const sets = expandGrid(options.grid);
  const total = options.splits.length * (sets.length + 1);
  const workers = Math.min(options.workers ?? defaultWorkers(), total);
  const descending = options.descending ?? defaultDescending(options.rankBy);
  const { startAt: _ignored, ...base } = options.base;
  const pool = new SweepPool({ base, workers, ...(options.runner !== undefined ? { runner: options.runner } : {}) });
  let done = 0;
  const ctx: SplitContext = { pool, sets, rankBy: options.rankBy, descending, tick: () => options.onProgress?.(++done, total) };
  try {
    const splits = await Promise.all(options.splits.map((split) => runSplit(ctx, split)));
    return { rankBy: options.rankBy, descending, splits, summary: summarizeWalkForward(splits, options.rankBy), workers, elapsedMs: performance.now() - started };
  } finally {
    await pool.close();
  }
}
