// Proves the strategy-files task lets the process exit: while it runs the strategies folder is watched (an fs.watch
// handle), and once the supervisor stops it the watcher is closed. Before this, a bot with a strategies/ folder
// finished its graceful shutdown and then never exited (`alpaca-bot stop` timed out).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { BUILTIN_STRATEGIES, StrategyRegistry } from '../../core/strategies/index.js';
import { loadStrategyFiles, watchStrategyFiles } from './strategy-files.js';

const work = mkdtempSync(join(tmpdir(), 'strategy-files-task-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

const watchers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchStrategyFiles', () => {
  it('watches the folder while running and closes the watcher when stopped', async () => {
    const dir = join(work, 'strategies');
    mkdirSync(dir);
    const files = await loadStrategyFiles(dir, new StrategyRegistry(BUILTIN_STRATEGIES), new MemoryLogger());
    const before = watchers();
    const stop = new AbortController();
    const running = watchStrategyFiles(files, () => undefined)(stop.signal);
    await tick(20);
    expect(watchers()).toBe(before + 1);
    stop.abort();
    await running;
    await tick(50);
    expect(watchers()).toBe(before);
  });

  it('closes the loader even when stopped before it ran', async () => {
    const calls: string[] = [];
    const stop = new AbortController();
    stop.abort();
    const files = { loader: { watch: () => { calls.push('watch'); }, close: () => { calls.push('close'); return Promise.resolve(); } }, onChange: () => { calls.push('onChange'); } };
    await watchStrategyFiles(files, () => undefined)(stop.signal);
    expect(calls).toEqual(['onChange', 'watch', 'close']);
  });
});
