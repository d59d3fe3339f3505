// Issue #6 done-when: a sweep of 16 parameter sets runs on two worker threads and returns the same numbers as 16
// single runs. The real runBacktest (full engine over the matching core) on seeded in-memory bars.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/runtime/backtest/run-backtest.js';
import { runSweep } from '../../src/runtime/backtest/sweep/run-sweep.js';
import { expandGrid, parseSweep } from '../../src/runtime/backtest/sweep/sweep-grid.js';
import { baseSpec, sessionBars } from '../../src/runtime/backtest/sweep/testing/sweep-test-kit.js';

// One session of 1-minute bars (390 bars): enough crossovers for every set to trade, small enough to stay quick
// (32 full engine runs in all, 16 of them in process).
const base = baseSpec({ SPY: sessionBars('SPY', '2024-01-02', '2024-01-02', 7) });
const grid = parseSweep('fast=2:8:2,slow=10:25:5');

describe('sweep parity with single runs (issue #6 done-when)', () => {
  it('16 sets on 2 worker threads equal 16 single runBacktest calls, metric for metric', { timeout: 180_000 }, async () => {
    const sweep = await runSweep({ base, grid, workers: 2, rankBy: 'netPnl' });
    expect(sweep.workers).toBe(2);
    expect(sweep.total).toBe(16);
    expect(sweep.failed).toEqual([]);
    expect(sweep.rows).toHaveLength(16);

    const sets = expandGrid(grid);
    for (const row of sweep.rows) {
      const single = await runBacktest({ ...base, params: { ...base.params, ...sets[row.index] } });
      expect(row.params).toEqual(sets[row.index]);
      expect(row.metrics).toEqual(single.metrics);
      expect([row.bars, row.from, row.to]).toEqual([single.bars, single.from, single.to]);
    }
    // Not vacuous: the sets trade, and they differ.
    expect(sweep.rows.every((r) => r.metrics.tradeCount > 0)).toBe(true);
    expect(new Set(sweep.rows.map((r) => r.metrics.netPnl)).size).toBeGreaterThan(8);
  });
});
