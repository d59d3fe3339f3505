import { afterEach, describe, expect, it } from 'vitest';
import { SweepPool, SweepPoolError } from './sweep-pool.js';
import { runBacktest as standIn } from './testing/stand-in-runner.js';
import { baseSpec, NOT_A_RUNNER, STAND_IN_RUNNER } from './testing/sweep-test-kit.js';

const pools: SweepPool[] = [];
function open(workers: number, runner: URL = STAND_IN_RUNNER): SweepPool {
  const pool = new SweepPool({ base: baseSpec({}, { base: 1 }), workers, runner });
  pools.push(pool);
  return pool;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('SweepPool (TypeScript worker threads under vitest)', () => {
  it('runs jobs on worker threads and returns what an in-process run returns, bit for bit', async () => {
    const pool = open(2);
    const jobs = [1, 2, 3, 4, 5].map((n) => ({ params: { n, work: 20_000 } }));
    const outcomes = await Promise.all(jobs.map((job) => pool.run(job)));
    expect(pool.threads).toBe(2);
    for (const [i, outcome] of outcomes.entries()) {
      const direct = await standIn({ ...baseSpec({}, { base: 1 }), params: { base: 1, ...jobs[i]!.params } });
      expect(outcome).toEqual({ ok: true, summary: { metrics: direct.metrics, bars: 0, from: 0, to: 0 } });
      if (outcome.ok) expect(Object.is(outcome.summary.metrics.sharpe, direct.metrics.sharpe)).toBe(true);
    }
  });

  it('reports a job that throws as a failed outcome and carries on', async () => {
    const pool = open(1);
    const [bad, good] = await Promise.all([pool.run({ params: { fail: true } }), pool.run({ params: { n: 1 } })]);
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^RangeError: stand-in refuses params/) });
    expect(good.ok).toBe(true);
  });

  it('fails only the job whose thread dies, and replaces the thread', async () => {
    const pool = open(1);
    const outcomes = await Promise.all([pool.run({ params: { n: 1 } }), pool.run({ params: { crash: true } }), pool.run({ params: { n: 2 } })]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, error: 'the worker thread running this set exited with code 7' });
  });

  it('rejects every job with a clear error when the runner module has no runBacktest', async () => {
    const pool = open(2, NOT_A_RUNNER);
    const runs = [pool.run({ params: {} }), pool.run({ params: {} })];
    for (const run of runs) {
      await expect(run).rejects.toThrow(SweepPoolError);
      await expect(run).rejects.toThrow(/cannot load the backtest runner .*not-a-runner\.ts: TypeError: .* does not export a runBacktest function/);
    }
    await expect(pool.run({ params: {} })).rejects.toThrow(SweepPoolError);
  });

  it('fails a windowed job with the data error when the base data does not load', async () => {
    const pool = open(1);
    const outcome = await pool.run({ params: {}, window: { from: '2024-01-02', to: '2024-01-03' } });
    expect(outcome).toEqual({ ok: false, error: 'BacktestDataError: the data holds no bars' });
  });

  it('refuses a bad worker count, naming it', () => {
    expect(() => new SweepPool({ base: baseSpec(), workers: 0 })).toThrow('workers = 0: must be a whole number ≥ 1');
    expect(() => new SweepPool({ base: baseSpec(), workers: 1.5 })).toThrow('workers = 1.5');
  });

  it('refuses jobs after close', async () => {
    const pool = open(1);
    await pool.close();
    await expect(pool.run({ params: {} })).rejects.toThrow('the sweep pool is closed');
  });
});
