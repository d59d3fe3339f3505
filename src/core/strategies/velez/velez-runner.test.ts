// velez through the real strategy runtime (StrategyRunner: registry of the built-ins, safe wrapper, output
// checks, dedupe, decision log) on the committed 500-candle series, with a paper broker providing positions.
// Proves the definition passes the runtime's checks and gives the same intents as the local test driver.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { Bar } from '../../../domain/bar.js';
import { PaperBroker } from '../../../../test/fixtures/strategies/paper-broker.js';
import { driveStrategy, intentSteps } from '../../../../test/fixtures/strategies/strategy-driver.js';
import { BUILTIN_STRATEGIES } from '../builtins.js';
import { StrategyRegistry } from '../strategy-registry.js';
import { StrategyRunner } from '../strategy-runner.js';
import { FakeStrategyStore } from '../strategy-test-kit.js';
import { velez } from './velez.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, '../../../../test/fixtures/strategies/velez-500.json'), 'utf8')) as {
  symbol: string;
  candles: Omit<Bar, 'symbol' | 'timeframe'>[];
};
const candles: Bar[] = fixture.candles.map((c) => ({ ...c, symbol: fixture.symbol, timeframe: '2Min' }));

describe('velez through the StrategyRunner', () => {
  it('is registered as a built-in and emits the golden intents, logged with their reasons, none suppressed', () => {
    const broker = new PaperBroker();
    const store = new FakeStrategyStore();
    const runner = new StrategyRunner({ registry: new StrategyRegistry(BUILTIN_STRATEGIES), store, positionOf: () => broker.position() });
    expect(runner.configure([{ name: 'velez', enabled: true, params: {} }], [fixture.symbol])).toEqual([]);
    expect(runner.warmUpNeeds()).toEqual([{ symbol: 'VLZ', timeframe: '2Min', candles: 201 }]);
    const seen: [number, unknown][] = [];
    candles.forEach((candle, index) => {
      broker.play(candle, index);
      const out = runner.onCandle(candle);
      expect(out.events).toEqual([]); // no error, no suppression
      const intents = out.signals.map((s) => s.signal.intent);
      for (const intent of intents) seen.push([index, intent]);
      broker.take(intents, index);
    });
    const local = intentSteps(driveStrategy(velez, candles)).flatMap((s) => s.intents.map((i): [number, unknown] => [s.index, i]));
    expect(seen).toEqual(local);
    expect(seen.map(([i]) => i)).toEqual([249, 255, 258, 387, 412]);
    expect(broker.events.map((e) => [e.index, e.kind])).toEqual([
      [250, 'fill'],
      [388, 'exited'],
      [413, 'expired'],
    ]);
    expect(store.rows.map((r) => [r.action, r.stop?.toString()])).toEqual([
      ['enter_long', '100.259'],
      ['move_stop', '100.9'],
      ['move_stop', '101.05'],
      ['exit', undefined],
      ['enter_long', '101.3181'],
    ]);
    expect(store.rows[0]?.reason).toContain('buy-stop at 100.96, stop 100.259');
  });
});
