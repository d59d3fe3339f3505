// The strategy runtime over the real SQLite store and real strategy files in a temp folder with a real watcher:
// a throwing strategy file is paused with a clear message while the others keep running; editing a file reloads
// it; no duplicate consecutive signal across a restart (a new runner on the reopened database); decision-log rows.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { kitSpecifier, StrategyFileLoader, type StrategyFileEvent } from '../../src/adapters/strategy-loader/index.js';
import { BUILTIN_STRATEGIES, StrategyRegistry, StrategyRunner, type StrategyConfigEntry } from '../../src/core/strategies/index.js';
import { candleAt, candlesOf } from '../../src/core/strategies/strategy-test-kit.js';
import { Decimal } from '../../src/domain/decimal.js';

const work = mkdtempSync(join(tmpdir(), 'strategy-runtime-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

/** A user strategy that enters on every candle with the given reason (dedupe keeps one), or throws. */
function strategySource(dir: string, name: string, body: string): string {
  return `import { defineStrategy, z } from '${kitSpecifier(dir)}';
export default defineStrategy({
  name: '${name}', description: 'e2e', params: z.object({}), defaultTimeframe: '1Min',
  warmUp: () => 1, indicators: () => ({}), initialState: () => ({ n: 0 }),
  decide(input) { ${body} },
});
`;
}

const entries = (...names: string[]): StrategyConfigEntry[] => names.map((name) => ({ name, enabled: true, params: {} }));

describe('strategy runtime with files, watcher and SQLite', () => {
  it('a throwing strategy file is paused with a clear message, the others keep running; editing a file reloads it', async () => {
    const dir = join(work, 'strategies');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'steady.ts'), strategySource(dir, 'steady', "return { intents: [{ action: input.state.n % 2 === 0 ? 'enter_long' : 'exit', symbol: input.candle.symbol, reason: 'v1' }], state: { n: input.state.n + 1 } };"));
    writeFileSync(join(dir, 'thrower.ts'), strategySource(dir, 'thrower', "throw new RangeError('bad maths in thrower');"));
    writeFileSync(join(dir, 'garbage.js'), 'export default { name: "garbage" };\n');
    const store = openStore(join(work, 'reload.db'));
    const registry = new StrategyRegistry(BUILTIN_STRATEGIES);
    const changes: string[] = [];
    const waiters: ((e: StrategyFileEvent) => void)[] = [];
    const loader = new StrategyFileLoader({
      dir,
      debounceMs: 50,
      onEvent: (e) => {
        changes.push(registry.applyFileEvent(e).message);
        for (const w of waiters.splice(0)) w(e);
      },
    });
    try {
      await loader.loadAll();
      loader.watch();
      expect(changes.find((m) => m.includes('garbage'))).toContain('strategy garbage disabled: file');
      expect(changes.find((m) => m.includes('garbage'))).toContain('description: expected a string');
      const runner = new StrategyRunner({ registry, store });
      const startup = runner.configure(entries('steady', 'thrower', 'garbage', 'sma_crossover'), ['AAPL']);
      expect(startup.map((e) => e.type)).toEqual(['StrategyError']); // garbage.js
      const first = runner.onCandle(candleAt('AAPL', 0, 100));
      const error = first.events.find((e) => e.type === 'StrategyError');
      expect(error?.message).toBe(
        'strategy thrower on AAPL (1Min) paused at candle 2025-03-10T13:30:00.000Z: decide threw RangeError: bad maths in thrower. The other strategies keep running; it acts again after its file is fixed and reloaded, or when resumed.',
      );
      expect(first.signals.map((s) => `${s.signal.context.strategy}:${s.signal.intent.reason}`)).toEqual(['steady:v1']);
      expect(runner.onCandle(candleAt('AAPL', 1, 101)).signals.map((s) => s.signal.intent.action)).toEqual(['exit']);

      // edit steady.ts: the watcher reloads it, and new candles use the new code
      const reloaded = new Promise<StrategyFileEvent>((resolve) => waiters.push(resolve));
      writeFileSync(join(dir, 'steady.ts'), strategySource(dir, 'steady', "return { intents: [{ action: 'enter_long', symbol: input.candle.symbol, reason: 'v2 reloaded' }], state: input.state };"));
      expect(await reloaded).toMatchObject({ kind: 'loaded', file: join(dir, 'steady.ts') });
      const after = runner.onCandle(candleAt('AAPL', 2, 102));
      expect(after.events.map((e) => e.type)).toContain('StrategyReloaded');
      expect(after.signals.map((s) => s.signal.intent.reason)).toEqual(['v2 reloaded']);
      // fixing the thrower brings it back (rebuilt from the retained candles)
      const fixed = new Promise<StrategyFileEvent>((resolve) => waiters.push(resolve));
      writeFileSync(join(dir, 'thrower.ts'), strategySource(dir, 'thrower', "return { intents: [{ action: 'exit', symbol: input.candle.symbol, reason: 'fixed' }], state: input.state };"));
      await fixed;
      expect(runner.onCandle(candleAt('AAPL', 3, 103)).signals.map((s) => `${s.signal.context.strategy}:${s.signal.intent.reason}`)).toEqual(['thrower:fixed']);
      expect(runner.summaries().map((s) => `${s.strategy}:${s.status}`)).toEqual(['steady:active', 'thrower:active', 'garbage:disabled', 'sma_crossover:active']);
    } finally {
      await loader.close();
      store.close();
    }
  }, 120_000);

  it('no duplicate consecutive signal across a restart on the real store; decision-log rows await the risk decision', () => {
    const path = join(work, 'restart.db');
    const config = [{ name: 'sma_crossover', enabled: true, params: { fast: 2, slow: 3 } }];
    const closes = [100, 99, 100, 97.75, 102.25, 93.25, 111.5, 100, 123, 100, 100];
    const candles = candlesOf('SPY', closes);
    const store1 = openStore(path);
    const run1 = new StrategyRunner({ registry: new StrategyRegistry(BUILTIN_STRATEGIES), store: store1 });
    run1.configure(config, ['SPY']);
    const first = candles.slice(0, 8).flatMap((c) => run1.onCandle(c).signals);
    expect(first.map((s) => s.signal.intent.action)).toEqual(['enter_long']);
    store1.close();

    // restart: the persisted state is lost on purpose, so the replayed history re-derives "above"; the
    // last_signal row alone must stop a second enter_long
    const store2 = openStore(path);
    store2.botState.delete('strategy_state:sma_crossover:SPY');
    const run2 = new StrategyRunner({ registry: new StrategyRegistry(BUILTIN_STRATEGIES), store: store2 });
    run2.configure(config, ['SPY']);
    const replayOnly = candles.slice(0, 5).map((c) => run2.onCandle(c, 'replay'));
    expect(replayOnly.flatMap((o) => o.signals)).toEqual([]);
    const resumed = candles.slice(5).map((c) => run2.onCandle(c));
    expect(resumed.flatMap((o) => o.events).filter((e) => e.type === 'SignalSuppressed').map((e) => e.action)).toEqual(['enter_long']);
    expect(resumed.flatMap((o) => o.signals).map((s) => s.signal.intent.action)).toEqual(['exit']);

    const rows = store2.signals.list();
    expect(rows.map((r) => [r.action, r.signalTs, r.riskDecision, r.qty, r.clientOrderId])).toEqual([
      ['enter_long', candles[6]!.t, null, null, null],
      ['exit', candles[10]!.t, null, null, null],
    ]);
    expect(rows[0]!.reason).toBe('fast SMA(2) 102.3750 crossed above slow SMA(3) 102.3333');
    expect(rows[0]!.correlationId).toBe(first[0]!.signal.context.correlationId);
    const decided = store2.signals.recordDecision(first[0]!.signalId, { decision: 'approved', qty: Decimal.of('10') });
    expect(decided.riskDecision).toBe('approved');
    expect(store2.botState.get('last_signal:sma_crossover:SPY')).toMatchObject({ action: 'exit', signalTs: candles[10]!.t });
    store2.close();
  });
});
