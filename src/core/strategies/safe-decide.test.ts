import { describe, expect, it } from 'vitest';
import { Sma } from '../indicators/index.js';
import { setUpInstance } from './instance-setup.js';
import { sessionViewOf } from './session-view.js';
import { FLAT_POSITION, type DecideInput, type PositionView } from './strategy-api.js';
import { StrategyInstance } from './strategy-instance.js';
import { candleAt, scriptedStrategy } from './strategy-test-kit.js';

type Decide = Parameters<typeof scriptedStrategy>[1];

function instanceOf(decide: Decide, warmUp = 1): StrategyInstance {
  const def = scriptedStrategy('probe', decide, warmUp);
  const setup = setUpInstance(def, { k: 1 });
  if (!setup.ok) throw new Error(setup.problem);
  return new StrategyInstance({ strategy: 'probe', symbol: 'AAPL', timeframe: '1Min' }, def, { k: 1 }, setup.setup);
}

function stepWith(decide: Decide, position: PositionView = FLAT_POSITION) {
  const candle = candleAt('AAPL', 0, 100);
  return instanceOf(decide).step(candle, position, sessionViewOf(candle));
}

const intent = (extra: Record<string, unknown>) => ({ action: 'enter_long', symbol: 'AAPL', reason: 'test', ...extra });
const returning = (intents: unknown[], state: unknown = { n: 1 }): Decide => () => ({ intents, state });

function problemOf(decide: Decide, position?: PositionView): string {
  const result = stepWith(decide, position);
  if (result.kind !== 'failed') throw new Error(`expected a failure, got ${result.kind}`);
  return result.error.message;
}

describe('safe wrapper: a throwing decide pauses the instance with a clear message', () => {
  it('catches the error and names strategy, symbol, timeframe, candle time and the error', () => {
    const inst = instanceOf(() => {
      throw new TypeError('boom at bar');
    });
    const candle = candleAt('AAPL', 0, 100);
    const result = inst.step(candle, FLAT_POSITION, sessionViewOf(candle));
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error).toMatchObject({ type: 'StrategyError', strategy: 'probe', symbol: 'AAPL', phase: 'decide', status: 'paused', candleTs: candle.t });
    expect(result.error.message).toContain('strategy probe on AAPL (1Min) paused at candle 2025-03-10T13:30:00.000Z');
    expect(result.error.message).toContain('TypeError: boom at bar');
    expect(result.error.stack).toContain('boom at bar');
    expect(inst.status).toBe('paused');
    // a paused instance keeps feeding its candles but never decides again
    const next = candleAt('AAPL', 1, 101);
    expect(inst.step(next, FLAT_POSITION, sessionViewOf(next)).kind).toBe('fed');
    expect(inst.barCount).toBe(2);
  });
  it('a non-Error throw and a Promise result are caught too', () => {
    expect(problemOf(() => {
      throw 'just a string' as unknown as Error;
    })).toContain('non-Error thrown: just a string');
    expect(problemOf(() => Promise.resolve({ intents: [], state: {} }))).toContain('decide must be synchronous');
  });
});

describe('safe wrapper: garbage outputs disable the instance, naming what was wrong', () => {
  const cases: [string, Decide, string, PositionView?][] = [
    ['not an object', () => 42, 'decision: '],
    ['unknown action', returning([intent({ action: 'buy' })]), 'intents[0].action'],
    ['another symbol', returning([intent({ symbol: 'MSFT' })]), 'intents[0].symbol: "MSFT" is not this instance\'s symbol AAPL'],
    ['NaN stop', returning([intent({ stop: Number.NaN })]), 'intents[0].stop'],
    ['negative limit price', returning([intent({ entry: { type: 'limit', price: -1 } })]), 'intents[0].entry.price'],
    ['stop above the price for a long', returning([intent({ stop: 101 })]), 'intents[0].stop: 101 must be below the entry price 100 for enter_long'],
    ['stop below the price for a short', returning([intent({ action: 'enter_short', stop: 99 })]), 'intents[0].stop: 99 must be above the entry price 100 for enter_short'],
    ['stop judged against a stop entry', returning([intent({ entry: { type: 'stop', price: 105 }, stop: 106 })]), 'must be below the entry price 105'],
    ['take-profit on the wrong side', returning([intent({ takeProfit: 99 })]), 'intents[0].takeProfit: 99 must be above'],
    ['sizeFraction 0', returning([intent({ sizeFraction: 0 })]), 'intents[0].sizeFraction: must be in (0, 1]'],
    ['sizeFraction above 1', returning([intent({ sizeFraction: 1.5 })]), 'intents[0].sizeFraction: must be in (0, 1]'],
    ['empty reason', returning([intent({ reason: '  ' })]), 'intents[0].reason: must be a non-empty explanation'],
    ['a misspelt key', returning([intent({ stopLoss: 95 })]), 'stopLoss'],
    ['move_stop without a stop', returning([intent({ action: 'move_stop' })]), 'move_stop needs the new stop price'],
    ['move_stop above the close of a long', returning([intent({ action: 'move_stop', stop: 100.5 })]), 'must be below the close 100 to protect a long', { ...FLAT_POSITION, side: 'long', qty: 1 }],
    ['a function in the state', returning([], { n: 1, f: () => 1 }), 'state.f: a function is not JSON'],
    ['a class instance in the state', returning([], { at: new Date(0) }), 'state.at: a Date instance is not plain JSON'],
    ['NaN in the state', returning([], { n: Number.NaN }), 'state.n: NaN is not a finite number'],
    ['no state', () => ({ intents: [] }), 'state: missing'],
  ];
  for (const [what, decide, expected, position] of cases) {
    it(what, () => {
      const message = problemOf(decide, position);
      expect(message).toContain('disabled');
      expect(message).toContain('decide returned garbage');
      expect(message).toContain(expected);
    });
  }
  it('accepts a well-formed decision', () => {
    const result = stepWith(returning([intent({ stop: 98, takeProfit: 104, sizeFraction: 1, confidence: 0.5, entry: { type: 'market' } })]));
    expect(result).toMatchObject({ kind: 'decided', stateChanged: true });
  });
});

describe('safe wrapper: inputs are frozen', () => {
  it('candle, candles, indicators, position, session, params and state are all frozen', () => {
    let seen: DecideInput<{ readonly k: number }, { readonly n: number }> | undefined;
    stepWith((input) => {
      seen = input;
      return { intents: [], state: input.state };
    });
    expect(seen).toBeDefined();
    const input = seen!;
    for (const part of [input, input.candle, input.candles, input.indicators, input.position, input.session, input.params, input.state]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });
  it('a strategy that mutates its input is paused, and the engine data is untouched', () => {
    const candle = candleAt('AAPL', 0, 100);
    const inst = instanceOf((input) => {
      (input.candle as { close: number }).close = 1;
      return { intents: [], state: input.state };
    });
    const result = inst.step(candle, FLAT_POSITION, sessionViewOf(candle));
    expect(result.kind).toBe('failed');
    expect(candle.close).toBe(100);
  });
  it('indicator readings are frozen snapshots with the exact average; mutating one cannot reach the indicator', () => {
    const values: unknown[] = [];
    const base = scriptedStrategy('probe', (input) => {
      const reading = input.indicators.sma!;
      values.push(reading.value, reading.exact);
      expect(Object.isFrozen(reading)).toBe(true);
      (reading as { value: unknown }).value = 0;
      return { intents: [], state: input.state };
    }, 2);
    const def = { ...base, indicators: () => ({ sma: { create: () => new Sma(2), input: 'close' as const } }) };
    const setup = setUpInstance(def, { k: 1 });
    if (!setup.ok) throw new Error(setup.problem);
    const inst = new StrategyInstance({ strategy: 'probe', symbol: 'AAPL', timeframe: '1Min' }, def, { k: 1 }, setup.setup);
    const [a, b] = [candleAt('AAPL', 0, 100), candleAt('AAPL', 1, 101)];
    expect(inst.step(a, FLAT_POSITION, sessionViewOf(a)).kind).toBe('fed'); // warm-up: no decide
    const result = inst.step(b, FLAT_POSITION, sessionViewOf(b));
    expect(result.kind).toBe('failed'); // the assignment to a frozen reading threw
    expect(values).toEqual([100.5, { numerator: 2010000, denominator: 20000 }]);
    expect(setup.setup.indicators[0]!.indicator.value).toBe(100.5);
  });
});
