// Backtest speed (issue #6, SPEC §17): bars/s of sma_crossover over 500,000 one-minute bars on one core with the
// full engine (strategy, risk, order manager with write-ahead intents, SQLite store in memory, exchange matching
// core), and the peak RSS of that process; then the same bar count with every close equal (the strategy decides
// on every bar and never orders: the per-bar floor, docs/backtest-performance.md). Each run is its own child
// process (bench/support/backtest-run.ts) so other benches' memory does not count. No assertions: the numbers
// are the result. BENCH_BACKTEST_BARS sets the bar count.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchResult } from './run.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface BacktestRun {
  readonly bars: number;
  readonly seconds: number;
  readonly barsPerSecond: number;
  readonly fills: number;
  readonly trades: number;
  readonly peakRssMb: number;
}

async function run(bars: number, mode: 'trading' | 'idle'): Promise<BacktestRun> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin/run-ts.js'), join(here, 'support/backtest-run.ts'), String(bars), mode], { cwd: root, timeout: 1_800_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as BacktestRun;
}

export async function benchBacktest(): Promise<BenchResult[]> {
  const bars = Number(process.env['BENCH_BACKTEST_BARS'] ?? 500_000);
  const r = await run(bars, 'trading');
  const idle = await run(bars, 'idle');
  const label = `sma_crossover(10,30), ${String(r.bars)} one-minute bars, 1 symbol, full engine, ${String(r.fills)} fills`;
  const idleLabel = `sma_crossover(10,30), ${String(idle.bars)} one-minute bars with equal closes: decides every bar, never orders`;
  return [
    { name: `backtest bars/s on one core (${label})`, value: r.barsPerSecond, unit: 'bars/s' },
    { name: `backtest wall time (${label})`, value: Number(r.seconds.toFixed(2)), unit: 's' },
    { name: `backtest peak RSS (${label}; bars held in memory)`, value: r.peakRssMb, unit: 'MB' },
    { name: `backtest bars/s, per-bar floor (${idleLabel})`, value: idle.barsPerSecond, unit: 'bars/s' },
  ];
}
