// `alpaca-bot backtest --sweep ... [--walk-forward N]`: parameter sweeps across worker threads and walk-forward
// analysis (SPEC §11), printed as a ranked table or JSON. Must never: print a ranking that hides failed sets (they
// are listed with their reason), or run more combinations than MAX_SWEEP_COMBINATIONS.
import Table from 'cli-table3';
import type { BacktestSpec } from '../../../runtime/backtest/index.js';
import {
  dataDateRange, parseRankMetric, parseSweep, runSweep, runWalkForward, walkForwardSplits,
  type RankMetric, type SweepGrid, type SweepResult, type WalkForwardResult,
} from '../../../runtime/backtest/sweep/index.js';
import { FlagError } from './backtest-flags.js';

export interface SweepFlags {
  readonly sweep?: string;
  readonly walkForward?: string;
  readonly rankBy: string;
  readonly workers?: string;
}

export interface SweepPlan {
  readonly grid: SweepGrid;
  readonly rankBy: RankMetric;
  readonly workers: number | undefined;
  readonly walkForward: number | undefined;
}

const wrap = <T>(f: () => T): T => {
  try {
    return f();
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
};

/** Checks the sweep flags. @throws FlagError */
export function sweepPlan(flags: SweepFlags): SweepPlan | undefined {
  if (flags.sweep === undefined) {
    if (flags.walkForward !== undefined) throw new FlagError('--walk-forward N needs --sweep (the parameters to choose from in each in-sample window)');
    return undefined;
  }
  const grid = wrap(() => parseSweep(flags.sweep ?? ''));
  const rankBy = wrap(() => parseRankMetric(flags.rankBy));
  const workers = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 16)) throw new FlagError(`--workers ${JSON.stringify(flags.workers)}: expected a whole number from 1 to 16`);
  const walkForward = flags.walkForward === undefined ? undefined : Number(flags.walkForward);
  if (walkForward !== undefined && !(Number.isInteger(walkForward) && walkForward >= 1 && walkForward <= 50)) throw new FlagError(`--walk-forward ${JSON.stringify(flags.walkForward)}: expected a number of splits from 1 to 50`);
  return { grid, rankBy, workers, walkForward };
}

/** No colour codes when piped. */
const plain = (tty: boolean): { style?: { head: string[]; border: string[] } } => (tty ? {} : { style: { head: [], border: [] } });

const fmt = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : typeof v === 'string' ? v : JSON.stringify(v));

function sweepText(r: SweepResult, tty: boolean): string {
  const table = new Table({ ...plain(tty), head: ['rank', 'params', r.rankBy, 'return %', 'max DD %', 'trades', 'sharpe'] });
  for (const row of r.rows) table.push([row.rank, JSON.stringify(row.params), fmt(row.metrics[r.rankBy]), fmt(row.metrics.totalReturnPct), fmt(row.metrics.maxDrawdownPct), row.metrics.tradeCount, fmt(row.metrics.sharpe)]);
  const failed = r.failed.map((f) => `  failed ${JSON.stringify(f.params)}: ${f.error}\n`).join('');
  return `sweep: ${r.total} sets on ${r.workers} worker thread(s) in ${(r.elapsedMs / 1000).toFixed(1)} s, ranked by ${r.rankBy} (${r.descending ? 'highest' : 'lowest'} first)\n${table.toString()}\n${failed}`;
}

function walkText(r: WalkForwardResult, tty: boolean): string {
  const table = new Table({ ...plain(tty), head: ['split', 'in-sample', 'out-of-sample', 'best params', `in ${r.rankBy}`, 'out return %', 'out trades'] });
  for (const s of r.splits) {
    table.push([s.split.index + 1, `${s.split.inSample.from}…${s.split.inSample.to}`, `${s.split.outOfSample.from}…${s.split.outOfSample.to}`,
      s.best ? JSON.stringify(s.best.params) : (s.problem ?? '—'), fmt(s.best?.metrics[r.rankBy]), fmt(s.outOfSample?.metrics.totalReturnPct), fmt(s.outOfSample?.metrics.tradeCount)]);
  }
  const m = r.summary;
  return `walk-forward: ${m.splits} splits (${m.evaluated} evaluated) in ${(r.elapsedMs / 1000).toFixed(1)} s\n${table.toString()}\n` +
    `out-of-sample: compounded return ${fmt(m.compoundedReturnPct)} %, net P&L $${m.netPnl}, ${m.tradeCount} trades, ${m.profitableSplits} profitable splits, worst max drawdown ${fmt(m.worstMaxDrawdownPct)} %\n`;
}

/** Runs the sweep or walk-forward; returns the text (or JSON) to print. */
export async function runSweepCommand(spec: BacktestSpec, plan: SweepPlan, out: { json: boolean; tty: boolean }, onProgress?: (done: number, total: number) => void): Promise<string> {
  const common = { base: spec, grid: plan.grid, rankBy: plan.rankBy, ...(plan.workers ? { workers: plan.workers } : {}), ...(onProgress ? { onProgress } : {}) };
  if (plan.walkForward === undefined) {
    const result = await runSweep(common);
    return out.json ? `${JSON.stringify(result, null, 2)}\n` : sweepText(result, out.tty);
  }
  const range = dataDateRange(spec.data);
  const splits = wrap(() => walkForwardSplits(range.from, range.to, plan.walkForward ?? 1));
  const result = await runWalkForward({ ...common, splits });
  return out.json ? `${JSON.stringify(result, null, 2)}\n` : walkText(result, out.tty);
}
