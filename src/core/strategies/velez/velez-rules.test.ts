// velez rules one candle at a time (hand-built inputs): the stop is never lowered, the $0.02 minimum buffer,
// buy-stop life and expiry, flat-before-close timing per candle size, timeframe check, position adoption.
import { describe, expect, it } from 'vitest';

import type { Bar, Timeframe } from '../../../domain/bar.js';
import type { IndicatorReading } from '../../indicators/index.js';
import type { DecideInput, PositionView, SessionView } from '../strategy-api.js';
import { velez, type VelezState } from './velez.js';
import { velezParams, type VelezParams } from './velez-params.js';
import { velezStop } from './velez-signal.js';

const defaults = velezParams.parse({});
const FLAT_STATE: VelezState = { pending: null, trade: null };
const flat: PositionView = { side: 'flat', qty: 0, avgEntryPrice: undefined, stop: undefined, entryTs: undefined, pendingEntry: false };
const midday: SessionView = { date: '2025-04-09', minutesToClose: 200, isLastCandle: false };

function bar(o: number, h: number, l: number, c: number, timeframe: Timeframe = '2Min', t = 1_000): Bar {
  return { symbol: 'X', timeframe, t, open: o, high: h, low: l, close: c, volume: 100 };
}
const reading = (value: number, previous: number): IndicatorReading<number> => ({ value, previous, count: 300, isStable: true });

/** A setup that signals: converged before, strong green now, fast rising, gap widening. */
const prevCandle = bar(100.45, 100.5, 100.38, 100.4);
const strong = bar(100.4, 100.96, 100.36, 100.9);
const averages = { fast: reading(100.45, 100.4), slow: reading(100.06, 100.05) };

function input(over: Partial<DecideInput<VelezParams, VelezState>> = {}): DecideInput<VelezParams, VelezState> {
  return {
    candle: strong,
    candles: [prevCandle, strong],
    indicators: averages,
    position: flat,
    session: midday,
    params: defaults,
    state: FLAT_STATE,
    barCount: 300,
    ...over,
  };
}

describe('velez entry', () => {
  it('signals on the hand-built setup with buy-stop at the high and stop at low − 0.1 %', () => {
    const d = velez.decide(input());
    expect(d.intents).toMatchObject([{ action: 'enter_long', entry: { type: 'stop', price: 100.96, expiresAfterCandles: 1 }, stop: 100.259 }]);
    expect(d.state).toEqual({ pending: { signalTs: 1_000, signalBar: 300, entry: 100.96, stop: 100.259 }, trade: null });
  });

  it('uses the $0.02 minimum buffer when 0.1 % of the price is smaller', () => {
    expect(velezStop(9.9, 10, defaults)).toBe(9.88); // 0.1 % of 10 = 0.01 < 0.02
    expect(velezStop(99.9, 100, defaults)).toBe(99.8); // 0.1 % of 100 = 0.10
    expect(velezStop(19.95, 20, defaults)).toBe(19.93); // 0.1 % of 20 = 0.02: equal either way
  });

  it('needs fast rising and the gap widening upward', () => {
    expect(velez.decide(input({ indicators: { ...averages, fast: reading(100.4, 100.45) } })).intents).toEqual([]);
    expect(velez.decide(input({ indicators: { fast: reading(100.45, 100.4), slow: reading(100.11, 100.05) } })).intents).toEqual([]);
    expect(velez.decide(input({ indicators: { fast: reading(99.95, 99.9), slow: reading(100.06, 100.05) } })).intents).toEqual([]);
  });

  it('keeps a working buy-stop for its life and opens nothing on the candle that expires it', () => {
    const pending = { signalTs: 1_000, signalBar: 300, entry: 100.96, stop: 100.259 };
    const stillWorking = velez.decide(input({ barCount: 301, state: { pending, trade: null }, params: { ...defaults, entry_expiry_candles: 2 } }));
    expect(stillWorking).toEqual({ intents: [], state: { pending, trade: null } });
    const expired = velez.decide(input({ barCount: 301, state: { pending, trade: null } }));
    expect(expired).toEqual({ intents: [], state: FLAT_STATE }); // setup forgotten, no re-entry on this candle
    expect(velez.decide(input({ barCount: 302 })).intents).toHaveLength(1); // a later, fresh setup may signal
    expect(velez.decide(input({ position: { ...flat, pendingEntry: true } })).intents).toEqual([]);
    expect(velez.decide(input({ position: { ...flat, side: 'short', qty: 5 } })).intents).toEqual([]);
  });

  it('places no buy-stop whose life would reach the flat-before-close window', () => {
    expect(velez.decide(input({ session: { ...midday, minutesToClose: 8 } })).intents).toHaveLength(1);
    expect(velez.decide(input({ session: { ...midday, minutesToClose: 6 } })).intents).toEqual([]);
  });

  it('rejects candle sizes other than 1/2/5/10 minutes with a clear error', () => {
    const c15 = bar(100.4, 100.96, 100.36, 100.9, '15Min');
    expect(() => velez.decide(input({ candle: c15, candles: [c15] }))).toThrow('velez: invalid timeframe "15Min": allowed 1Min, 2Min, 5Min, 10Min');
  });
});

describe('velez position management', () => {
  const long: PositionView = { side: 'long', qty: 10, avgEntryPrice: 100.96, stop: 100.259, entryTs: 900, pendingEntry: false };
  const green = bar(101.0, 101.3, 100.98, 101.25);

  it('raises the stop to the pullback low after the continuation candles', () => {
    const state: VelezState = { pending: null, trade: { stop: 100.259, pullbackLow: 100.9, greens: 1 } };
    const d = velez.decide(input({ candle: green, candles: [green], position: long, state }));
    expect(d.intents).toMatchObject([{ action: 'move_stop', stop: 100.9 }]);
    expect(d.state).toEqual({ pending: null, trade: { stop: 100.9, pullbackLow: null, greens: 0 } });
  });

  it('never lowers the stop: a broker stop above the pullback low (e.g. raised by the risk trailing) wins', () => {
    const state: VelezState = { pending: null, trade: { stop: 100.259, pullbackLow: 100.9, greens: 1 } };
    const d = velez.decide(input({ candle: green, candles: [green], position: { ...long, stop: 100.95 }, state }));
    expect(d.intents).toEqual([]);
    expect(d.state.trade).toEqual({ stop: 100.259, pullbackLow: null, greens: 0 });
  });

  it('does not move the stop to or above the current close', () => {
    const low = bar(101.3, 101.4, 101.28, 101.35);
    const state: VelezState = { pending: null, trade: { stop: 100.259, pullbackLow: 101.35, greens: 1 } };
    expect(velez.decide(input({ candle: low, candles: [low], position: long, state })).intents).toEqual([]);
  });

  it('adopts a position it has no memory of (restart) from the broker stop', () => {
    const red = bar(101.2, 101.22, 100.9, 101.02);
    const d = velez.decide(input({ candle: red, candles: [red], position: long }));
    expect(d).toEqual({ intents: [], state: { pending: null, trade: { stop: 100.259, pullbackLow: 100.9, greens: 0 } } });
  });

  it.each([
    ['1Min', 6, false],
    ['1Min', 5, true],
    ['2Min', 6, false],
    ['2Min', 4, true],
    ['5Min', 10, false],
    ['5Min', 5, true],
    ['10Min', 20, false],
    ['10Min', 10, true],
  ] as const)('flat before the close: %s candle ending %i min before → exit %s', (tf, minutes, exits) => {
    const c = bar(101.0, 101.3, 100.98, 101.25, tf);
    const d = velez.decide(input({ candle: c, candles: [c], position: long, session: { ...midday, minutesToClose: minutes } }));
    expect(d.intents.map((i) => i.action)).toEqual(exits ? ['exit'] : []);
  });

  it('exits on the last candle whatever the window, and with flat_minutes_before_close 0', () => {
    const params = { ...defaults, flat_minutes_before_close: 0 };
    const last = velez.decide(input({ candle: green, candles: [green], position: long, params, session: { ...midday, minutesToClose: 0, isLastCandle: true } }));
    expect(last.intents).toMatchObject([{ action: 'exit', reason: expect.stringContaining('ends 0 min before') as unknown }]);
    expect(last.state).toEqual(FLAT_STATE);
  });
});
