// The reload task: its interval comes from CONFIG_RELOAD_MS within bounds; an edited file triggers a reload through
// the serial queue once it has settled, the interval triggers one anyway (for overrides), and abort ends the loop.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { CONFIG_RELOAD_MS, ConfigReloadTask, fileStamp, reloadIntervalMs } from './config-reload-task.js';
import { SerialQueue } from './serial-queue.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-reload-task-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reloadIntervalMs', () => {
  it('defaults to 60 s; takes 100–60000 ms from CONFIG_RELOAD_MS; a bad value is logged and ignored', () => {
    const logger = new MemoryLogger();
    expect(reloadIntervalMs({}, logger)).toBe(CONFIG_RELOAD_MS);
    expect(reloadIntervalMs({ CONFIG_RELOAD_MS: '500' }, logger)).toBe(500);
    expect(reloadIntervalMs({ CONFIG_RELOAD_MS: '50' }, logger)).toBe(CONFIG_RELOAD_MS);
    expect(reloadIntervalMs({ CONFIG_RELOAD_MS: 'soon' }, logger)).toBe(CONFIG_RELOAD_MS);
    expect(logger.entries.map((e) => e.msg)).toEqual([
      'CONFIG_RELOAD_MS = 50 is not allowed: allowed 100–60000 (milliseconds, whole number); using 60000',
      'CONFIG_RELOAD_MS = soon is not allowed: allowed 100–60000 (milliseconds, whole number); using 60000',
    ]);
  });
});

describe('fileStamp', () => {
  it('changes when a file changes and marks a missing file', () => {
    const file = join(dir, 'config.yaml');
    expect(fileStamp([file])).toBe('-');
    writeFileSync(file, 'a: 1\n');
    const first = fileStamp([file]);
    writeFileSync(file, 'a: 12\n');
    expect(fileStamp([file])).not.toBe(first);
  });
});

describe('ConfigReloadTask', () => {
  it('reloads in the queue after a file edit and on the interval; stops on abort', async () => {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'risk: {}\n');
    const triggers: string[] = [];
    const queue = new SerialQueue((error) => { throw error; });
    const labels: string[] = [];
    const task = new ConfigReloadTask({
      reloader: { reload: (trigger) => { triggers.push(trigger); return Promise.resolve({ status: 'unchanged', applied: [], needsRestart: [], problems: [] }); } },
      queue: { push: (label, run) => { labels.push(label); return queue.push(label, run); } },
      files: [file], intervalMs: 300,
    });
    const abort = new AbortController();
    const running = task.run(abort.signal);
    await until(() => triggers.includes('interval'), 'an interval reload');
    writeFileSync(file, 'risk:\n  max_trades_per_day: 3\n');
    await until(() => triggers.includes('file changed'), 'a file-change reload');
    abort.abort();
    await running;
    expect(new Set(labels)).toEqual(new Set(['config-reload']));
  });
});
