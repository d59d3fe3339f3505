// End to end (SPEC S3, issue #2): a breaker tripped by one process is reported tripped by the next
// (`breaker status --json` in a fresh child process), and `breaker reset` clears it, recording who.
// Human output and usage errors are covered in process by src/app/cli/commands/breaker.test.ts (a child
// process costs seconds here).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/sqlite/open-store.js';
import { osUserName } from '../../src/runtime/breaker-reset.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(repoRoot, 'bin', 'alpaca-bot.js');

let work: string;
let dataDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process with a minimal environment (no credentials inherited). */
function cli(args: string[]): Promise<Run> {
  const env = { PATH: process.env.PATH ?? '', HOME: work, DATA_DIR: dataDir, TZ: 'UTC', NO_COLOR: '1', USER: process.env.USER ?? '' };
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: work, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-breaker-e2e-'));
  dataDir = join(work, 'data');
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('alpaca-bot breaker (separate processes)', () => {
  it('reports a breaker tripped by another process, resets it, and the next process sees it clear', async () => {
    const dbPath = join(dataDir, 'alpaca-bot.db');
    const tripper = openStore(dbPath);
    for (let i = 0; i < 5; i += 1) tripper.breaker.recordOrderFailure('422 rejected by broker');
    expect(tripper.breaker.readBreaker().tripped).toBe(true);
    tripper.close();

    const status = await cli(['breaker', 'status', '--json']);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    const tripped = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(tripped).toMatchObject({
      tripped: true,
      reason: '5 consecutive order failures; last: 422 rejected by broker',
      consecutive_order_failures: 5,
      database: dbPath,
      database_exists: true,
    });
    expect(typeof tripped.tripped_at).toBe('string');

    const reset = await cli(['breaker', 'reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/breaker reset by .+ via alpaca-bot breaker reset/);

    const after = await cli(['breaker', 'status', '--json']);
    expect(after.code).toBe(0);
    const clear = JSON.parse(after.stdout) as Record<string, unknown>;
    expect(clear).toMatchObject({ tripped: false, consecutive_order_failures: 0, reason: '5 consecutive order failures; last: 422 rejected by broker' });
    expect(String(clear.reset_by)).toContain('via alpaca-bot breaker reset');
    expect(String(clear.reset_by)).toContain(osUserName({ USER: process.env.USER }));
    expect(typeof clear.reset_at).toBe('string');

    const reader = openStore(dbPath);
    expect(reader.breaker.readBreaker()).toMatchObject({ tripped: false, consecutiveOrderFailures: 0 });
    reader.close();
  });

});
