// End to end (SPEC §10, §14): a long-running process holding the run lock of a DATA_DIR (test/fixtures/lifecycle/
// fake-bot.ts, built on the real pid-file, signal and shutdown code) is stopped by `node bin/alpaca-bot.js stop`:
// the process runs its graceful shutdown, exits 0, removes its pid file, and `stop` reports it. Without a bot,
// `stop` exits 1 naming DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT, runCli } from '../support/run-cli.js';

let work: string;
let dataDir: string;
let bot: ChildProcess | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-stop-e2e-'));
  dataDir = join(work, 'data');
});
afterAll(() => {
  if (bot?.exitCode === null) bot.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function startFakeBot(): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/run-ts.js'), resolve(REPO_ROOT, 'test/fixtures/lifecycle/fake-bot.ts'), dataDir], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => { done(code); }));
  return new Promise((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('READY')) ready({ child, output: () => out, exited });
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => { if (!out.includes('READY')) fail(new Error(`fake bot exited ${String(code)} before READY: ${out}`)); });
  });
}

describe('alpaca-bot stop', () => {
  it('exits 1 naming DATA_DIR when no bot is running', async () => {
    const run = await runCli(['stop'], { cwd: work, env: cleanEnv({ DATA_DIR: dataDir }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no alpaca-bot is running on DATA_DIR ${dataDir}`);
  });

  it('sends SIGTERM to the running bot, which shuts down gracefully; stop reports it and exits 0', async () => {
    const fake = await startFakeBot();
    bot = fake.child;
    expect(existsSync(join(dataDir, 'alpaca-bot.pid'))).toBe(true);
    const run = await runCli(['stop'], { cwd: work, env: cleanEnv({ DATA_DIR: dataDir }) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`alpaca-bot \\(pid ${String(fake.child.pid)}, mode sim, started .*\\) stopped after \\d+\\.\\d s`));
    expect(await fake.exited).toBe(0);
    expect(fake.output()).toContain('EXIT 0 logged');
    expect(existsSync(join(dataDir, 'alpaca-bot.pid'))).toBe(false);
  });
});
