// Proves the run lock: exclusive creation with pid/start/mode, refusal while the holder lives (naming DATA_DIR),
// stale takeover with a warning (dead pid, garbage, own pid), release only of our own lock; and stopBot's
// outcomes with injected process functions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { acquirePidLock, BotAlreadyRunningError, isProcessAlive, pidFilePath, readPidFile } from './pid-file.js';
import { stopBot } from './stop-bot.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-pid-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('acquirePidLock', () => {
  it('writes pid, start time and mode, and releases its own file', () => {
    const lock = acquirePidLock({ dataDir: dir, mode: 'paper', runId: 'r1', logger: new MemoryLogger(), pid: 4242, now: () => Date.UTC(2025, 0, 2) });
    expect(JSON.parse(readFileSync(pidFilePath(dir), 'utf8'))).toEqual({ pid: 4242, started_at: '2025-01-02T00:00:00.000Z', mode: 'paper', run_id: 'r1' });
    lock.release();
    expect(readPidFile(dir)).toBeUndefined();
    lock.release();
  });

  it('refuses a second bot while the first is alive, naming DATA_DIR', () => {
    acquirePidLock({ dataDir: dir, mode: 'live', logger: new MemoryLogger(), pid: 111, isAlive: () => true });
    let caught: unknown;
    try {
      acquirePidLock({ dataDir: dir, mode: 'paper', logger: new MemoryLogger(), pid: 222, isAlive: () => true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BotAlreadyRunningError);
    expect((caught as Error).message).toContain(`pid 111, mode live`);
    expect((caught as Error).message).toContain(dir);
    expect(readPidFile(dir)).toMatchObject({ pid: 111 });
  });

  it('takes over a stale file from a dead pid with a warning', () => {
    acquirePidLock({ dataDir: dir, mode: 'sim', logger: new MemoryLogger(), pid: 111, now: () => Date.UTC(2025, 0, 2) });
    const logger = new MemoryLogger();
    const lock = acquirePidLock({ dataDir: dir, mode: 'paper', logger, pid: 222, isAlive: (p) => p !== 111 });
    expect(lock.info.pid).toBe(222);
    expect(readPidFile(dir)).toMatchObject({ pid: 222, mode: 'paper' });
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual(['stale pid file taken over: pid 111 (mode sim, started 2025-01-02T00:00:00.000Z) is no longer running']);
  });

  it('takes over an unparsable file and a file naming our own pid', () => {
    writeFileSync(pidFilePath(dir), 'garbage');
    const logger = new MemoryLogger();
    acquirePidLock({ dataDir: dir, mode: 'paper', logger, pid: 1, isAlive: () => true });
    expect(readPidFile(dir)).toMatchObject({ pid: 1 });
    acquirePidLock({ dataDir: dir, mode: 'paper', logger, pid: 1, isAlive: () => true });
    expect(logger.entries.map((e) => e.msg)).toEqual([expect.stringMatching(/stale pid file taken over: .*alpaca-bot.pid: /), expect.stringMatching(/own pid 1/)]);
  });

  it('release leaves a lock that another process now holds', () => {
    const lock = acquirePidLock({ dataDir: dir, mode: 'paper', logger: new MemoryLogger(), pid: 111 });
    writeFileSync(pidFilePath(dir), JSON.stringify({ pid: 333, started_at: 'x', mode: 'paper' }));
    lock.release();
    expect(readPidFile(dir)).toMatchObject({ pid: 333 });
  });

  it('isProcessAlive: this process is alive, an unused pid is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });
});

describe('stopBot', () => {
  it('reports not_running without a pid file, stale for a dead pid (without signalling it)', async () => {
    const killed: number[] = [];
    expect(await stopBot({ dataDir: dir, kill: (p) => killed.push(p) })).toEqual({ outcome: 'not_running', dataDir: dir });
    writeFileSync(pidFilePath(dir), JSON.stringify({ pid: 999, started_at: 'x', mode: 'paper' }));
    expect(await stopBot({ dataDir: dir, isAlive: () => false, kill: (p) => killed.push(p) })).toMatchObject({ outcome: 'stale', pid: 999 });
    expect(killed).toEqual([]);
  });

  it('sends SIGTERM and waits until the process is gone; times out when it never exits', async () => {
    writeFileSync(pidFilePath(dir), JSON.stringify({ pid: 999, started_at: 'x', mode: 'paper' }));
    let t = 0;
    let alive = true;
    const signals: string[] = [];
    const result = await stopBot({
      dataDir: dir, now: () => t, isAlive: () => alive, kill: (p, s) => signals.push(`${String(p)}:${s}`),
      sleep: (ms) => { t += ms; if (t >= 700) alive = false; return Promise.resolve(); },
    });
    expect(signals).toEqual(['999:SIGTERM']);
    expect(result).toMatchObject({ outcome: 'stopped', pid: 999, waitedMs: 700 });
    const stuck = await stopBot({ dataDir: dir, now: () => t, isAlive: () => true, kill: () => undefined, sleep: (ms) => { t += ms; return Promise.resolve(); } });
    expect(stuck).toMatchObject({ outcome: 'timeout', waitedMs: 15_000 });
  });
});
