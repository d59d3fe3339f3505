import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStrategyFile, StrategyFileLoader, type StrategyFileEvent } from './strategy-file-loader.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strategy-loader-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Collects events; `next(pred)` resolves with the first (past or future) event matching pred. */
function collector() {
  const events: StrategyFileEvent[] = [];
  const waiters: { pred: (e: StrategyFileEvent) => boolean; resolve: (e: StrategyFileEvent) => void }[] = [];
  return {
    events,
    onEvent: (event: StrategyFileEvent) => {
      events.push(event);
      for (const w of [...waiters]) if (w.pred(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    },
    next: (pred: (e: StrategyFileEvent) => boolean) => new Promise<StrategyFileEvent>((resolve) => waiters.push({ pred, resolve })),
  };
}

describe('StrategyFileLoader', () => {
  it('loads TypeScript and JavaScript files outside any package; a throwing file is one failed event', async () => {
    const dir = tempDir(); // no package.json: a CommonJS scope, where a plain import() of .ts would fail
    writeFileSync(join(dir, 'typed.ts'), 'const n: number = 42;\nexport default { name: "typed", n };\n');
    writeFileSync(join(dir, 'plain.js'), 'export default { name: "plain" };\n');
    writeFileSync(join(dir, 'broken.ts'), 'throw new Error("top-level failure");\nexport default {};\n');
    writeFileSync(join(dir, 'syntax.ts'), 'export default {{{;\n');
    writeFileSync(join(dir, '_helper.ts'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'notes.txt'), 'not code');
    const c = collector();
    const loader = new StrategyFileLoader({ dir, onEvent: c.onEvent });
    await loader.loadAll();
    await loader.close();
    const byFile = Object.fromEntries(c.events.map((e) => [e.file.slice(dir.length + 1), e]));
    expect(Object.keys(byFile).sort()).toEqual(['broken.ts', 'plain.js', 'syntax.ts', 'typed.ts']);
    expect(byFile['typed.ts']).toMatchObject({ kind: 'loaded', exported: { name: 'typed', n: 42 } });
    expect(byFile['plain.js']).toMatchObject({ kind: 'loaded', exported: { name: 'plain' } });
    expect(byFile['broken.ts']).toMatchObject({ kind: 'failed' });
    expect((byFile['broken.ts'] as { error: string }).error).toContain('failed to load: Error: top-level failure');
    expect(byFile['syntax.ts']).toMatchObject({ kind: 'failed' });
  });

  it('reloads an edited file with a real watcher (fresh module), and reports a deleted one', async () => {
    const dir = tempDir();
    const file = join(dir, 'live.ts');
    writeFileSync(file, 'export default { version: 1 };\n');
    const c = collector();
    const loader = new StrategyFileLoader({ dir, onEvent: c.onEvent, debounceMs: 50 });
    await loader.loadAll();
    loader.watch();
    try {
      expect(c.events).toEqual([{ kind: 'loaded', file, exported: { version: 1 } }]);
      const reloaded = c.next((e) => e.kind === 'loaded' && (e.exported as { version: number }).version === 2);
      writeFileSync(file, 'export default { version: 2 };\n');
      expect(await reloaded).toMatchObject({ kind: 'loaded', file });
      const removed = c.next((e) => e.kind === 'removed');
      rmSync(file);
      expect(await removed).toEqual({ kind: 'removed', file });
    } finally {
      await loader.close();
    }
  }, 60_000);

  it('a missing folder loads nothing; helper, declaration and test files are not strategies', async () => {
    const c = collector();
    const loader = new StrategyFileLoader({ dir: join(tempDir(), 'absent'), onEvent: c.onEvent });
    await loader.loadAll();
    loader.watch();
    await loader.close();
    expect(c.events).toEqual([]);
    expect(['a.ts', 'a.js', 'a.mjs', 'a.mts'].every(isStrategyFile)).toBe(true);
    expect(['_a.ts', '.a.ts', 'a.d.ts', 'a.test.ts', 'a.json', 'a.tsx'].some(isStrategyFile)).toBe(false);
  });
});
