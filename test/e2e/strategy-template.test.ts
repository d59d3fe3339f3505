// `alpaca-bot new-strategy` end to end: the real binary writes the template, refuses to overwrite, rejects bad
// names; the generated file loads through the real loader (tsx, from a folder outside any package) and, run by
// the strategy runtime on a crafted series, produces an entry and an exit.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StrategyFileLoader, type StrategyFileEvent } from '../../src/adapters/strategy-loader/index.js';
import { FLAT_POSITION, StrategyRegistry, StrategyRunner, type PositionView } from '../../src/core/strategies/index.js';
import { candlesOf, FakeStrategyStore } from '../../src/core/strategies/strategy-test-kit.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'new-strategy-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

describe('alpaca-bot new-strategy', () => {
  it('writes a template that runs as is, never overwrites without --force, and validates the name', async () => {
    const first = await runCli(['new-strategy', 'dip_buyer'], { cwd: work, env: cleanEnv() });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const file = join(work, 'strategies', 'dip_buyer.ts');
    expect(first.stdout).toContain(`wrote ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("name: 'dip_buyer'");

    const again = await runCli(['new-strategy', 'dip_buyer'], { cwd: work, env: cleanEnv() });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await runCli(['new-strategy', 'dip_buyer', '--force'], { cwd: work, env: cleanEnv() })).code).toBe(0);

    const bad = await runCli(['new-strategy', 'DipBuyer'], { cwd: work, env: cleanEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid strategy name "DipBuyer": expected lower_snake_case');
    const builtin = await runCli(['new-strategy', 'sma_crossover', '--dir', 'other'], { cwd: work, env: cleanEnv() });
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toContain('sma_crossover is a built-in strategy');

    // load it through the real loader and run it
    const events: StrategyFileEvent[] = [];
    const loader = new StrategyFileLoader({ dir: join(work, 'strategies'), onEvent: (e) => events.push(e) });
    await loader.loadAll();
    await loader.close();
    const registry = new StrategyRegistry([]);
    expect(events.map((e) => registry.applyFileEvent(e).status)).toEqual(['ok']);
    let position: PositionView = FLAT_POSITION;
    const runner = new StrategyRunner({ registry, store: new FakeStrategyStore(), positionOf: () => position });
    expect(runner.configure([{ name: 'dip_buyer', enabled: true, params: {} }], ['AAPL'])).toEqual([]);
    const closes = [
      ...Array.from({ length: 16 }, (_, i) => 100 + (i % 2) * 0.5),
      ...Array.from({ length: 12 }, (_, i) => 99 - i),
      ...Array.from({ length: 30 }, (_, i) => 88 + i * 0.75),
    ];
    const actions: string[] = [];
    for (const candle of candlesOf('AAPL', closes, '5Min')) {
      const outcome = runner.onCandle(candle);
      expect(outcome.events).toEqual([]);
      for (const s of outcome.signals) {
        actions.push(s.signal.intent.action);
        if (s.signal.intent.action === 'enter_long') position = { ...FLAT_POSITION, side: 'long', qty: 1, avgEntryPrice: candle.close };
        if (s.signal.intent.action === 'exit') position = FLAT_POSITION;
        expect(s.signal.intent.reason).toMatch(/RSI\(14\)/);
      }
    }
    expect(actions).toEqual(['enter_long', 'exit']);
  }, 120_000);
});
