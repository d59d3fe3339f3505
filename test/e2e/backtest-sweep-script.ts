// A sweep started the way the CLI starts things: the main thread gets tsx through `register()` (bin/run-ts.js does
// what bin/alpaca-bot.js does), so the worker threads must bring their own loader. Prints the sweep as JSON plus
// the main process's CPU time, so a caller can see both cores at work (CPU time ≈ 2 × wall time on two threads).
// Usage: node bin/run-ts.js test/e2e/backtest-sweep-script.ts --workers N --sets K --work W   (stand-in runner)
//        node bin/run-ts.js test/e2e/backtest-sweep-script.ts --workers N --real --sessions D    (real runBacktest,
//        sma_crossover fast=2:8:2,slow=10:40:10 over D sessions of seeded 1-minute bars)
import { parseArgs } from 'node:util';
import { sessionsBetween } from '../../src/domain/calendar/index.js';
import { runSweep } from '../../src/runtime/backtest/sweep/run-sweep.js';
import { parseSweep } from '../../src/runtime/backtest/sweep/sweep-grid.js';
import { baseSpec, sessionBars, STAND_IN_RUNNER } from '../../src/runtime/backtest/sweep/testing/sweep-test-kit.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' }, sets: { type: 'string', default: '16' }, work: { type: 'string', default: '1000' },
    real: { type: 'boolean', default: false }, sessions: { type: 'string', default: '20' },
  },
});
const lastDate = sessionsBetween('2024-01-02', '2024-12-31')[Number(values.sessions) - 1]?.date ?? '2024-12-31';
const cpuBefore = process.cpuUsage();
const result = await runSweep(values.real ? {
  base: baseSpec({ SPY: sessionBars('SPY', '2024-01-02', lastDate, 7) }),
  grid: parseSweep('fast=2:8:2,slow=10:40:10'),
  workers: Number(values.workers),
  rankBy: 'netPnl',
} : {
  base: baseSpec({}, { work: Number(values.work) }),
  grid: parseSweep(`n=1:${values.sets}:1`),
  workers: Number(values.workers),
  rankBy: 'sharpe',
  runner: STAND_IN_RUNNER,
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
