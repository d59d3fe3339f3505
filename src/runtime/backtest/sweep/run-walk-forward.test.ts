import { describe, expect, it } from 'vitest';
import { sessionOpen } from '../../../domain/calendar/index.js';
import { loadTimeline } from '../backtest-bars.js';
import { sliceTimeline, windowBounds } from './data-window.js';
import { compareMetric } from './rank-metrics.js';
import { runWalkForward, summarizeWalkForward } from './run-walk-forward.js';
import { expandGrid, parseSweep } from './sweep-grid.js';
import { runBacktest as standIn } from './testing/stand-in-runner.js';
import { baseSpec, sessionBars, STAND_IN_RUNNER } from './testing/sweep-test-kit.js';
import { walkForwardSplits } from './walk-forward-splits.js';

const bars = { SPY: sessionBars('SPY', '2024-01-02', '2024-01-31', 11) };
// The base's own startAt must be ignored: each window sets its own.
const base = { ...baseSpec(bars, { work: 2000 }), startAt: sessionOpen('2024-01-29') };
const grid = parseSweep('n=1:4:1');
const splits = walkForwardSplits('2024-01-02', '2024-01-31', 3);

describe('runWalkForward with a stand-in runner', () => {
  it('picks each split\'s best in-sample set and runs it out-of-sample, warmed up on the in-sample bars', async () => {
    const progress: number[] = [];
    const result = await runWalkForward({ base, grid, splits, rankBy: 'sharpe', workers: 2, runner: STAND_IN_RUNNER, onProgress: (d, t) => progress.push(d * 100 + t) });
    expect(progress).toEqual(Array.from({ length: 15 }, (_, i) => (i + 1) * 100 + 15));

    // The same analysis by hand, in process.
    const full = loadTimeline(base.data);
    const { startAt: _drop, ...plain } = base;
    const sets = expandGrid(grid);
    for (const [k, split] of splits.entries()) {
      const inSample = await Promise.all(sets.map((params) => standIn({ ...plain, params: { ...plain.params, ...params } }, { timeline: sliceTimeline(full, split.inSample) })));
      const bestIndex = sets.map((_, i) => i).sort((a, b) => compareMetric(inSample[a]!.metrics.sharpe, inSample[b]!.metrics.sharpe, true) || a - b)[0]!;
      const got = result.splits[k]!;
      expect(got.split).toEqual(split);
      expect(got.best?.index).toBe(bestIndex);
      expect(got.best?.metrics).toEqual(inSample[bestIndex]!.metrics);
      expect(got.inSampleRuns).toBe(4);
      const startAt = windowBounds(split.outOfSample).from;
      const oos = await standIn({ ...plain, params: { ...plain.params, ...sets[bestIndex] }, startAt }, { timeline: sliceTimeline(full, { from: split.inSample.from, to: split.outOfSample.to }) });
      expect(got.outOfSample).toEqual({ metrics: oos.metrics, bars: 3 * 390, from: sessionOpen(split.outOfSample.from), to: oos.to });
      expect(got.problem).toBeNull();
    }
    expect(result.summary).toEqual(summarizeWalkForward(result.splits, 'sharpe'));
    expect(summarizeWalkForward(result.splits, 'netPnl').meanOutOfSampleMetric).toBeCloseTo(result.splits.reduce((a, s) => a + Number(s.outOfSample!.metrics.netPnl), 0) / 3, 6);
    expect(result.summary.evaluated).toBe(3);

    const one = await runWalkForward({ base, grid, splits, rankBy: 'sharpe', workers: 1, runner: STAND_IN_RUNNER });
    expect({ ...one, elapsedMs: 0, workers: 0 }).toEqual({ ...result, elapsedMs: 0, workers: 0 });
  });

  it('reports a split whose in-sample sets all fail, and carries on', async () => {
    const result = await runWalkForward({ base, grid: parseSweep('fail=true'), splits: splits.slice(0, 1), rankBy: 'sharpe', workers: 1, runner: STAND_IN_RUNNER });
    expect(result.splits[0]).toMatchObject({ best: null, outOfSample: null, inSampleRuns: 0, problem: expect.stringMatching(/^every in-sample set failed \(first: RangeError: stand-in refuses/) });
    expect(result.summary).toMatchObject({ splits: 1, evaluated: 0, compoundedReturnPct: null, netPnl: '0', tradeCount: 0 });
  });

  it('refuses an empty split list', async () => {
    await expect(runWalkForward({ base, grid, splits: [], rankBy: 'sharpe', runner: STAND_IN_RUNNER })).rejects.toThrow('walk-forward needs at least one split');
  });
});

describe('summarizeWalkForward', () => {
  it('compounds the out-of-sample returns and sums the P&L exactly', () => {
    const metrics = (ret: number, pnl: string, dd: number, sharpe: number | null) => ({
      initialEquity: '100000', finalEquity: '0', netPnl: pnl, totalReturnPct: ret, cagrPct: null, sharpe, sortino: null, maxDrawdownPct: dd,
      winRatePct: null, profitFactor: null, exposurePct: 0, tradeCount: 2, averageTrade: null, averageTradePct: null, commission: '0',
    });
    const row = (sharpe: number) => ({ index: 0, rank: 1, params: {}, metrics: metrics(0, '0', 0, sharpe), bars: 0, from: 0, to: 0 });
    const split = splits[0]!;
    const summary = summarizeWalkForward([
      { split, best: row(2), inSampleRuns: 1, inSampleFailed: [], outOfSample: { metrics: metrics(10, '10000.10', 3, 1), bars: 1, from: 0, to: 0 }, problem: null },
      { split, best: row(4), inSampleRuns: 1, inSampleFailed: [], outOfSample: { metrics: metrics(-5, '-5000.05', 7, null), bars: 1, from: 0, to: 0 }, problem: null },
      { split, best: null, inSampleRuns: 0, inSampleFailed: [], outOfSample: null, problem: 'x' },
    ], 'sharpe');
    expect(summary).toEqual({
      splits: 3, evaluated: 2, compoundedReturnPct: (1.1 * 0.95 - 1) * 100, meanReturnPct: 2.5, netPnl: '5000.05', tradeCount: 4,
      profitableSplits: 1, worstMaxDrawdownPct: 7, meanInSampleMetric: 3, meanOutOfSampleMetric: 1,
    });
  });
});
