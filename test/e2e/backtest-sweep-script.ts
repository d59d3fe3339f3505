// A sweep started the way the CLI starts things: the main thread gets tsx through `register()` (bin/run-ts.js does
// what bin/alpaca-bot.js does), so the worker threads must bring their own loader. Prints the sweep as JSON plus
// the main process's CPU time, so a caller can see both cores at work (CPU time ≈ 2 × wall time on two threads).
// Usage: node bin/run-ts.js test/e2e/backtest-sweep-script.ts --workers N --sets K --work W
import { parseArgs } from 'node:util';
import { runSweep } from '../../src/runtime/backtest/sweep/run-sweep.js';
import { parseSweep } from '../../src/runtime/backtest/sweep/sweep-grid.js';
import { baseSpec, STAND_IN_RUNNER } from '../../src/runtime/backtest/sweep/testing/sweep-test-kit.js';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '2' }, sets: { type: 'string', default: '16' }, work: { type: 'string', default: '1000' } } });
const cpuBefore = process.cpuUsage();
const result = await runSweep({
  base: baseSpec({}, { work: Number(values.work) }),
  grid: parseSweep(`n=1:${values.sets}:1`),
  workers: Number(values.workers),
  rankBy: 'sharpe',
  runner: STAND_IN_RUNNER,
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
