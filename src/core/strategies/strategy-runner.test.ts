import { describe, expect, it } from 'vitest';
import { smaCrossover } from './sma_crossover/sma-crossover.js';
import { lastSignalKey, strategyStateKey } from './signal-journal.js';
import { StrategyRegistry } from './strategy-registry.js';
import { StrategyRunner, type StrategyConfigEntry } from './strategy-runner.js';
import { candleAt, candlesOf, FakeStrategyStore, scriptedStrategy } from './strategy-test-kit.js';

const entry = (name: string, params: Record<string, unknown> = {}): StrategyConfigEntry => ({ name, enabled: true, params });
const enterEvery = scriptedStrategy('always_enter', (input) => ({ intents: [{ action: 'enter_long', symbol: input.candle.symbol, reason: 'every bar' }], state: { n: input.state.n + 1 } }));
const throwsOnMsft = scriptedStrategy('throws_on_msft', (input) => {
  if (input.candle.symbol === 'MSFT') throw new Error('cannot handle MSFT');
  return { intents: [{ action: input.state.n % 2 === 0 ? 'enter_long' : 'exit', symbol: input.candle.symbol, reason: 'alternate' }], state: { n: input.state.n + 1 } };
});

describe('StrategyRunner', () => {
  it('a throwing instance is paused; every other instance keeps running', () => {
    const runner = new StrategyRunner({ registry: new StrategyRegistry([throwsOnMsft, enterEvery]), store: new FakeStrategyStore() });
    runner.configure([entry('throws_on_msft'), entry('always_enter')], ['AAPL', 'MSFT']);
    const msft = runner.onCandle(candleAt('MSFT', 0, 50));
    expect(msft.events).toHaveLength(1);
    expect(msft.events[0]).toMatchObject({ type: 'StrategyError', strategy: 'throws_on_msft', symbol: 'MSFT', status: 'paused' });
    expect(msft.signals.map((s) => s.signal.context.strategy)).toEqual(['always_enter']);
    const aapl = runner.onCandle(candleAt('AAPL', 0, 100));
    expect(aapl.signals.map((s) => s.signal.context.strategy)).toEqual(['throws_on_msft', 'always_enter']);
    expect(runner.summaries().map((s) => `${s.strategy}/${s.symbol}:${s.status}`)).toEqual(['throws_on_msft/AAPL:active', 'throws_on_msft/MSFT:paused', 'always_enter/AAPL:active', 'always_enter/MSFT:active']);
    expect(runner.onCandle(candleAt('MSFT', 1, 51)).events.filter((e) => e.type === 'StrategyError')).toEqual([]); // paused: no second error
    runner.resume('throws_on_msft', 'MSFT');
    expect(runner.onCandle(candleAt('MSFT', 2, 52)).events[0]).toMatchObject({ type: 'StrategyError' });
  });

  it('no duplicate consecutive signal, also across a restart on the same store; move_stop is exempt', () => {
    const store = new FakeStrategyStore();
    const first = new StrategyRunner({ registry: new StrategyRegistry([enterEvery]), store });
    first.configure([entry('always_enter')], ['AAPL']);
    expect(first.onCandle(candleAt('AAPL', 0, 100)).signals).toHaveLength(1);
    const again = first.onCandle(candleAt('AAPL', 1, 100));
    expect(again.signals).toEqual([]);
    expect(again.events[0]).toMatchObject({ type: 'SignalSuppressed', action: 'enter_long', lastSignalTs: candleAt('AAPL', 0, 1).t });
    expect(again.events[0]?.message).toContain('suppressed: the last signal was already enter_long');
    // restart: a new runner on the same store must not emit enter_long again
    const second = new StrategyRunner({ registry: new StrategyRegistry([enterEvery]), store });
    second.configure([entry('always_enter')], ['AAPL']);
    const after = second.onCandle(candleAt('AAPL', 2, 100));
    expect(after.signals).toEqual([]);
    expect(after.events[0]).toMatchObject({ type: 'SignalSuppressed' });
    expect(store.rows).toHaveLength(1);
    const mover = scriptedStrategy('mover', (input) => ({ intents: [{ action: 'move_stop', symbol: 'AAPL', reason: 'trail', stop: input.candle.close - 1 }], state: input.state }));
    const third = new StrategyRunner({ registry: new StrategyRegistry([mover]), store });
    third.configure([entry('mover')], ['AAPL']);
    expect(third.onCandle(candleAt('AAPL', 0, 100)).signals).toHaveLength(1);
    expect(third.onCandle(candleAt('AAPL', 1, 101)).signals).toHaveLength(1);
  });

  it('decision log: every intent with its reason, risk columns absent, deterministic correlation id', () => {
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry: new StrategyRegistry([throwsOnMsft]), store });
    runner.configure([entry('throws_on_msft')], ['AAPL']);
    const a = runner.onCandle(candleAt('AAPL', 0, 100)).signals[0]!;
    const b = runner.onCandle(candleAt('AAPL', 1, 101)).signals[0]!;
    expect(store.rows.map((r) => [r.id, r.action, r.reason, r.strategy, r.symbol, r.timeframe, r.signalTs])).toEqual([
      [1, 'enter_long', 'alternate', 'throws_on_msft', 'AAPL', '1Min', candleAt('AAPL', 0, 0).t],
      [2, 'exit', 'alternate', 'throws_on_msft', 'AAPL', '1Min', candleAt('AAPL', 1, 0).t],
    ]);
    expect(Object.keys(store.rows[0]!)).not.toContain('riskDecision');
    expect(a).toMatchObject({ signalId: 1, signal: { context: { price: 100, timeframe: '1Min', signalTs: candleAt('AAPL', 0, 0).t } } });
    expect(a.signal.context.correlationId).toMatch(/^sig-[0-9a-f]{16}$/);
    expect(a.signal.context.correlationId).not.toBe(b.signal.context.correlationId);
    // the same signal on a fresh store gets the same correlation id
    const other = new StrategyRunner({ registry: new StrategyRegistry([throwsOnMsft]), store: new FakeStrategyStore() });
    other.configure([entry('throws_on_msft')], ['AAPL']);
    expect(other.onCandle(candleAt('AAPL', 0, 100)).signals[0]!.signal.context.correlationId).toBe(a.signal.context.correlationId);
    expect(JSON.parse(store.state.get(lastSignalKey('throws_on_msft', 'AAPL'))!)).toMatchObject({ action: 'exit', signalId: 2 });
  });

  it('warm-up candles feed indicators but never decide; replay advances state and discards intents', () => {
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store });
    runner.configure([entry('sma_crossover', { fast: 2, slow: 3 })], ['SPY']);
    expect(runner.warmUpNeeds()).toEqual([{ symbol: 'SPY', timeframe: '1Min', candles: 3 }]);
    const closes = [100, 99, 100, 97.75, 102.25, 93.25, 111.5, 100];
    const candles = candlesOf('SPY', closes);
    const replayed = candles.slice(0, 7).map((c) => runner.onCandle(c, 'replay'));
    expect(replayed.flatMap((o) => o.signals)).toEqual([]);
    expect(replayed.flatMap((o) => o.events).map((e) => e.type)).toEqual(['IntentDiscarded']); // the cross at index 6
    expect(runner.summaries()[0]).toMatchObject({ barCount: 7, warmUp: 3, status: 'active' });
    expect(runner.onCandle(candles[7]!).signals).toEqual([]); // staying above: the replayed cross is not re-emitted
    expect(store.rows).toEqual([]);
    expect(JSON.parse(store.state.get(strategyStateKey('sma_crossover', 'SPY'))!)).toMatchObject({ candleTs: candles[6]!.t, state: '{"lastSign":1}' });
  });

  it('a restart resumes the persisted state: candles it covers only feed the indicators', () => {
    const store = new FakeStrategyStore();
    const closes = [100, 99, 100, 97.75, 102.25, 93.25, 111.5, 100, 123, 100, 100];
    const candles = candlesOf('SPY', closes);
    const first = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store });
    first.configure([entry('sma_crossover', { fast: 2, slow: 3 })], ['SPY']);
    const live = candles.slice(0, 8).flatMap((c) => first.onCandle(c).signals.map((s) => s.signal.intent.action));
    expect(live).toEqual(['enter_long']);
    const second = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store });
    const events = second.configure([entry('sma_crossover', { fast: 2, slow: 3 })], ['SPY']);
    expect(events).toMatchObject([{ type: 'StrategyStateRestored', restored: true }]);
    for (const c of candles.slice(0, 8)) second.onCandle(c, 'replay');
    const after = candles.slice(8).flatMap((c) => second.onCandle(c).signals.map((s) => s.signal.intent.action));
    expect(after).toEqual(['exit']);
    const changed = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store });
    expect(changed.configure([entry('sma_crossover', { fast: 2, slow: 4 })], ['SPY'])).toMatchObject([{ type: 'StrategyStateRestored', restored: false }]);
  });

  it('unknown strategies and bad params disable the instance with a clear message', () => {
    const runner = new StrategyRunner({ registry: new StrategyRegistry([smaCrossover]), store: new FakeStrategyStore() });
    const events = runner.configure([entry('nope'), entry('sma_crossover', { fast: 'ten', slwo: 3 })], ['SPY']);
    expect(events.map((e) => e.message)).toEqual([
      'strategy nope on SPY (1Min) disabled: unknown strategy nope: available sma_crossover. The other strategies keep running.',
      'strategy sma_crossover on SPY (1Min) disabled: strategy sma_crossover: unknown parameter params.slwo = 3: allowed fast, slow. The other strategies keep running.',
    ]);
    const bad = runner.configure([entry('sma_crossover', { fast: 'ten' })], ['SPY']);
    expect(bad[0]?.message).toContain('strategy sma_crossover: params.fast = "ten": Invalid input: expected number');
  });

  it('a reloaded definition is swapped in for new candles: state reset and retained candles replayed', () => {
    const registry = new StrategyRegistry([]);
    const v1 = { ...enterEvery, name: 'user_strat' };
    registry.applyFileEvent({ kind: 'loaded', file: '/x/strategies/user_strat.ts', exported: v1 });
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry, store });
    runner.configure([entry('user_strat')], ['AAPL']);
    expect(runner.onCandle(candleAt('AAPL', 0, 100)).signals.map((s) => s.signal.intent.reason)).toEqual(['every bar']);
    const v2 = scriptedStrategy('user_strat', (input) => ({ intents: [{ action: 'exit', symbol: 'AAPL', reason: `v2 after ${input.barCount} bars` }], state: input.state }));
    expect(registry.applyFileEvent({ kind: 'loaded', file: '/x/strategies/user_strat.ts', exported: v2 }).status).toBe('ok');
    const next = runner.onCandle(candleAt('AAPL', 1, 101));
    expect(next.events.map((e) => e.type)).toEqual(['StrategyReloaded']);
    expect(next.signals.map((s) => s.signal.intent.reason)).toEqual(['v2 after 2 bars']);
    registry.applyFileEvent({ kind: 'failed', file: '/x/strategies/user_strat.ts', error: 'SyntaxError: Unexpected token' });
    const broken = runner.onCandle(candleAt('AAPL', 2, 102));
    expect(broken.signals).toEqual([]);
    expect(broken.events[0]?.message).toContain('disabled: file /x/strategies/user_strat.ts: SyntaxError: Unexpected token');
  });

  it('markPositionEnded turns a last entry into an exit in the cache and the store, so the next entry is a new signal', () => {
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry: new StrategyRegistry([enterEvery]), store });
    runner.configure([entry('always_enter')], ['AAPL']);
    expect(runner.onCandle(candleAt('AAPL', 0, 100)).signals).toHaveLength(1);
    expect(runner.onCandle(candleAt('AAPL', 1, 100)).signals).toEqual([]); // a repeat is suppressed
    expect(runner.markPositionEnded('always_enter', 'AAPL')).toBe(true);
    expect(runner.lastSignal('always_enter', 'AAPL')?.action).toBe('exit');
    expect(JSON.parse(store.state.get(lastSignalKey('always_enter', 'AAPL'))!)).toMatchObject({ action: 'exit' });
    expect(runner.onCandle(candleAt('AAPL', 2, 100)).signals.map((s) => s.signal.intent.action)).toEqual(['enter_long']);
    expect(runner.markPositionEnded('always_enter', 'MSFT')).toBe(false); // no last signal: nothing to end
  });
});
