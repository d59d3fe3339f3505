import { describe, expect, it } from 'vitest';
import { compareMetric } from './rank-metrics.js';
import { runSweep, type SweepResult } from './run-sweep.js';
import { expandGrid, parseSweep } from './sweep-grid.js';
import { runBacktest as standIn } from './testing/stand-in-runner.js';
import { baseSpec, STAND_IN_RUNNER } from './testing/sweep-test-kit.js';

const comparable = (r: SweepResult): unknown => ({ ...r, elapsedMs: 0, workers: 0 });

describe('runSweep with a stand-in runner on worker threads', () => {
  it('16 sets on 2 threads give the numbers of 16 in-process runs, and the same result as 1 thread', async () => {
    const base = baseSpec({}, { work: 5000, keep: 'x' });
    const grid = parseSweep('fast=5:20:5,slow=20:50:10');
    const progress: number[] = [];
    const two = await runSweep({ base, grid, workers: 2, rankBy: 'sharpe', runner: STAND_IN_RUNNER, onProgress: (done, total) => progress.push(done * 100 + total) });
    expect(two.workers).toBe(2);
    expect(two.total).toBe(16);
    expect(two.failed).toEqual([]);
    expect(progress).toEqual(Array.from({ length: 16 }, (_, i) => (i + 1) * 100 + 16));

    const sets = expandGrid(grid);
    const singles = await Promise.all(sets.map((params) => standIn({ ...base, params: { ...base.params, ...params } })));
    for (const row of two.rows) {
      expect(row.params).toEqual(sets[row.index]);
      expect(row.metrics).toEqual(singles[row.index]?.metrics);
    }
    const expectedOrder = sets.map((_, i) => i).sort((a, b) => compareMetric(singles[a]!.metrics.sharpe, singles[b]!.metrics.sharpe, true) || a - b);
    expect(two.rows.map((r) => r.index)).toEqual(expectedOrder);
    expect(two.rows.map((r) => r.rank)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));

    const one = await runSweep({ base, grid, workers: 1, rankBy: 'sharpe', runner: STAND_IN_RUNNER });
    expect(one.workers).toBe(1);
    expect(comparable(one)).toEqual(comparable(two));
  });

  it('reports failed sets with their error and ranks the rest; null metrics rank last, ties by grid order', async () => {
    const grid = parseSweep('fail=false|true,nullSharpe=true|false,n=1|2');
    const result = await runSweep({ base: baseSpec(), grid, workers: 2, rankBy: 'sharpe', runner: STAND_IN_RUNNER });
    expect(result.failed.map((f) => f.index)).toEqual([4, 5, 6, 7]);
    expect(result.failed[0]).toEqual({ index: 4, params: { fail: true, nullSharpe: true, n: 1 }, error: expect.stringContaining('stand-in refuses params') });
    expect(result.rows.map((r) => r.index).slice(2)).toEqual([0, 1]);
    expect(result.rows.slice(2).every((r) => r.metrics.sharpe === null)).toBe(true);
  });

  it('never starts more threads than sets, and ranks ascending when asked', async () => {
    const result = await runSweep({ base: baseSpec(), grid: parseSweep('n=1|2'), workers: 8, rankBy: 'sharpe', descending: false, runner: STAND_IN_RUNNER });
    expect(result.workers).toBe(2);
    const sharpes = result.rows.map((r) => r.metrics.sharpe ?? 0);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => a - b));
  });

  it('refuses a bad worker count before starting any thread', async () => {
    await expect(runSweep({ base: baseSpec(), grid: parseSweep('n=1|2'), workers: 0, rankBy: 'sharpe', runner: STAND_IN_RUNNER })).rejects.toThrow('workers = 0');
  });
});
