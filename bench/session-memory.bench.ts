// Peak RSS over a simulated full session (issue #5, SPEC §17: under 150 MB with 500 symbols): 390 minutes of
// synthetic 1-minute bars for 100 (and 500) symbols through the full engine, each size in its own child process
// (bench/support/session-rss.ts) so the other benches' allocations do not count. No assertions.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchResult } from './run.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface SessionRss {
  readonly symbols: number;
  readonly bars: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly baselineRssMb: number;
  readonly orderRequests: number;
  readonly signals: number;
}

async function runSession(symbols: number): Promise<SessionRss> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin/run-ts.js'), join(here, 'support/session-rss.ts'), String(symbols)], { cwd: root, timeout: 600_000, maxBuffer: 1 << 20 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SessionRss;
}

function report(r: SessionRss): BenchResult[] {
  const label = `${String(r.symbols)} symbols, 390 minutes, ${String(r.bars)} bars, ${String(r.signals)} signals, ${String(r.orderRequests)} order requests`;
  return [
    { name: `peak RSS over a simulated full session (${label}; bars generated as fed)`, value: r.peakRssMb, unit: 'MB' },
    { name: `RSS before the first bar (${String(r.symbols)} symbols: runtime, modules, engine)`, value: r.baselineRssMb, unit: 'MB' },
    { name: `full engine bars/s over the session (${String(r.symbols)} symbols)`, value: Math.round(r.bars / r.seconds), unit: 'bars/s' },
  ];
}

export async function benchSessionMemory(): Promise<BenchResult[]> {
  return [...report(await runSession(100)), ...report(await runSession(500))];
}
