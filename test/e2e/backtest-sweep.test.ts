// Sweeps started the way the CLI starts things (issue #6): the main thread has tsx through register() — as in
// bin/alpaca-bot.js — and the worker threads must load TypeScript on their own. Runs a child process through
// bin/run-ts.js and checks that 2 threads and 1 thread give the same sweep.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.js';

interface ScriptOutput {
  readonly workers: number;
  readonly total: number;
  readonly rows: readonly { readonly index: number; readonly rank: number; readonly metrics: { readonly sharpe: number | null } }[];
  readonly failed: readonly unknown[];
  readonly elapsedMs: number;
  readonly cpuMs: number;
}

function sweepInChild(workers: number): Promise<ScriptOutput> {
  return new Promise((done, fail) => {
    const args = [resolve(REPO_ROOT, 'bin/run-ts.js'), resolve(REPO_ROOT, 'test/e2e/backtest-sweep-script.ts'), '--workers', String(workers), '--sets', '16', '--work', '20000'];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) fail(new Error(`sweep script exited ${String(code)}: ${err}`));
      else done(JSON.parse(out) as ScriptOutput);
    });
  });
}

describe('sweep from the CLI loader path (bin/run-ts.js → tsx register())', () => {
  it('runs 16 sets on 2 worker threads with the same result as 1 thread', async () => {
    const [two, one] = await Promise.all([sweepInChild(2), sweepInChild(1)]);
    expect(two.workers).toBe(2);
    expect(one.workers).toBe(1);
    expect(two.total).toBe(16);
    expect(two.failed).toEqual([]);
    expect(two.rows).toHaveLength(16);
    expect(two.rows.every((r) => typeof r.metrics.sharpe === 'number')).toBe(true);
    expect(two.rows).toEqual(one.rows);
  });
});
