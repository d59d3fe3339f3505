// bot_state, settings overrides (history kept), the bar cache and backtests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { asRunId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import { InvalidStoreValueError, StoreNotFoundError } from '../../ports/store-errors.js';
import type { BarRecord, Store } from '../../ports/store.js';
import { openStore } from './open-store.js';
import { ManualClock } from './sqlite-test-kit.js';

let store: Store;
let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock();
  store = openStore(':memory:', { now: clock.now });
});
afterEach(() => {
  store.close();
});

const AAPL = parseTicker('AAPL');
const MIN = 60_000;
const bar = (i: number, close: string, symbol = AAPL): BarRecord => ({
  symbol,
  timeframe: '1Min',
  ts: 1_700_000_000_000 + i * MIN,
  open: Decimal.of('100'),
  high: Decimal.of('101.5'),
  low: Decimal.of('99.0001'),
  close: Decimal.of(close),
  volume: 1200,
  vwap: Decimal.of('100.25'),
  tradeCount: 14,
  source: 'csv',
});

describe('botState', () => {
  it('gets, sets (replacing), lists by prefix and deletes JSON values', () => {
    store.botState.set('last_signal:sma_crossover:AAPL', { action: 'enter_long', ts: 1 });
    store.botState.set('last_signal:sma_crossover:MSFT', 'exit');
    store.botState.set('daily:trades', 3);
    store.botState.set('daily:trades', 4);
    expect(store.botState.get('daily:trades')).toBe(4);
    expect(store.botState.get('missing')).toBeUndefined();
    expect(store.botState.list('last_signal:').map((e) => e.key)).toEqual(['last_signal:sma_crossover:AAPL', 'last_signal:sma_crossover:MSFT']);
    expect(store.botState.list('last_signal:')[0]).toMatchObject({ value: { action: 'enter_long', ts: 1 }, updatedAt: clock.now() });
    expect(store.botState.delete('daily:trades')).toBe(true);
    expect(store.botState.delete('daily:trades')).toBe(false);
    expect(() => { store.botState.set(' ', 1); }).toThrow(InvalidStoreValueError);
  });
});

describe('settingsOverrides', () => {
  it('keeps every change with the previous value; the current value is the latest', () => {
    store.settingsOverrides.set('risk.max_position_pct', '0.05', 'dashboard:alice');
    clock.advance(1000);
    const second = store.settingsOverrides.set('risk.max_position_pct', '0.03', 'dashboard:bob');
    store.settingsOverrides.set('watchlist', ['AAPL', 'MSFT'], 'dashboard:alice');
    expect(second).toMatchObject({ value: '0.03', previousValue: '0.05', changedBy: 'dashboard:bob', changedAt: clock.now() });
    expect(store.settingsOverrides.get('risk.max_position_pct')).toBe('0.03');
    expect(Object.fromEntries(store.settingsOverrides.current())).toEqual({ 'risk.max_position_pct': '0.03', watchlist: ['AAPL', 'MSFT'] });
    expect(store.settingsOverrides.history('risk.max_position_pct').map((r) => [r.value, r.previousValue])).toEqual([
      ['0.03', '0.05'],
      ['0.05', null],
    ]);
    expect(store.settingsOverrides.history()).toHaveLength(3);
  });

  it('clear() removes the override but keeps the history', () => {
    store.settingsOverrides.set('log_level', 'debug', 'dashboard');
    const cleared = store.settingsOverrides.clear('log_level', 'dashboard');
    expect(cleared).toMatchObject({ value: null, previousValue: 'debug' });
    expect(store.settingsOverrides.get('log_level')).toBeUndefined();
    expect(store.settingsOverrides.current().has('log_level')).toBe(false);
    expect(store.settingsOverrides.history('log_level')).toHaveLength(2);
  });

  it('refuses keys that look like credentials or are malformed, and anonymous changes', () => {
    expect(() => store.settingsOverrides.set('ALPACA_SECRET_KEY', 'x', 'a')).toThrow(/looks like a credential/);
    expect(() => store.settingsOverrides.set('web.token', 'x', 'a')).toThrow(/looks like a credential/);
    expect(() => store.settingsOverrides.set('bad key', 1, 'a')).toThrow(/"bad key" must be words/);
    expect(() => store.settingsOverrides.set('log_level', 'info', ' ')).toThrow(/must name who/);
    expect(store.settingsOverrides.history()).toHaveLength(0);
  });
});

describe('bars', () => {
  it('upserts in one transaction and reads a half-open range [from, to) in order, exactly', () => {
    expect(store.bars.upsertMany([bar(2, '100.0002'), bar(0, '100.0000'), bar(1, '100.0001'), bar(3, '100.0003')])).toBe(4);
    const got = store.bars.range(AAPL, '1Min', bar(1, '0').ts, bar(3, '0').ts);
    expect(got.map((b) => b.close.toString())).toEqual(['100.0001', '100.0002']);
    expect(got[0]).toMatchObject({ symbol: 'AAPL', timeframe: '1Min', volume: 1200, tradeCount: 14, source: 'csv' });
    expect(got[0]?.low.toString()).toBe('99.0001');
    expect(store.bars.range(AAPL, '5Min', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(store.bars.latestTs(AAPL, '1Min')).toBe(bar(3, '0').ts);
    expect(store.bars.latestTs(parseTicker('MSFT'), '1Min')).toBeUndefined();
  });

  it('a second upsert of the same (symbol, timeframe, ts) replaces the bar', () => {
    store.bars.upsertMany([bar(0, '100')]);
    store.bars.upsertMany([{ ...bar(0, '100.5'), source: 'alpaca' }]);
    const got = store.bars.range(AAPL, '1Min', 0, Number.MAX_SAFE_INTEGER);
    expect(got).toHaveLength(1);
    expect(got[0]?.close.toString()).toBe('100.5');
    expect(got[0]?.source).toBe('alpaca');
  });

  it('a bad bar aborts the whole batch, naming the bar and field', () => {
    const bad = { ...bar(1, '100'), high: Decimal.of('98') };
    expect(() => store.bars.upsertMany([bar(0, '100'), bad])).toThrow(/bar AAPL 1Min at \d+: high 98 is below low 99.0001/);
    expect(store.bars.range(AAPL, '1Min', 0, Number.MAX_SAFE_INTEGER)).toHaveLength(0);
  });

  it('domain bars go in and come out as numbers; summary lists each series', () => {
    const t0 = Date.UTC(2025, 0, 2, 14, 30);
    store.bars.upsertBars(
      [
        { symbol: 'MSFT', timeframe: '1Min', t: t0, open: 420.1, high: 420.55, low: 419.9, close: 420.33, volume: 5000, vwap: 420.2 },
        { symbol: 'MSFT', timeframe: '1Min', t: t0 + MIN, open: 0.1, high: 0.3, low: 0.1, close: 0.2, volume: 10.5 },
      ],
      'alpaca',
    );
    const exact = store.bars.range(parseTicker('MSFT'), '1Min', t0, t0 + 2 * MIN);
    expect(exact.map((b) => b.close.toString())).toEqual(['420.33', '0.2']);
    const floats = store.bars.rangeBars(parseTicker('MSFT'), '1Min', t0, t0 + 2 * MIN);
    expect(floats[0]).toEqual({ symbol: 'MSFT', timeframe: '1Min', t: t0, open: 420.1, high: 420.55, low: 419.9, close: 420.33, volume: 5000, vwap: 420.2 });
    expect(floats[1]?.volume).toBe(10.5);
    store.bars.upsertMany([bar(0, '1')]);
    expect(store.bars.summary()).toEqual([
      { symbol: 'AAPL', timeframe: '1Min', count: 1, firstTs: bar(0, '1').ts, lastTs: bar(0, '1').ts },
      { symbol: 'MSFT', timeframe: '1Min', count: 2, firstTs: t0, lastTs: t0 + MIN },
    ]);
  });
});

describe('backtests', () => {
  it('creates a run, stores its trades, finishes it, lists and deletes it with its trades', () => {
    const id = asRunId('bt-2025-01');
    const run = store.backtests.createRun({
      id,
      strategy: parseStrategyId('velez'),
      symbols: [AAPL],
      timeframe: '2Min',
      startTs: 0,
      endTs: 86_400_000,
      params: { fast: 20, slow: 200 },
      initialEquity: Decimal.of('25000'),
    });
    expect(run).toMatchObject({ status: 'running', finalEquity: null, symbols: ['AAPL'], params: { fast: 20, slow: 200 } });
    const trade = {
      strategy: parseStrategyId('velez'),
      symbol: AAPL,
      side: 'long' as const,
      qty: Decimal.of('10'),
      entryPrice: Decimal.of('10.01'),
      exitPrice: Decimal.of('10.02'),
      entryTs: 0,
      exitTs: 120_000,
      pnl: Decimal.of('0.1'),
      pnlPct: Decimal.of('0.000999'),
    };
    expect(store.backtests.insertTrades(id, [trade, { ...trade, pnl: Decimal.of('0.2'), exitTs: 240_000 }])).toBe(2);
    expect(Decimal.sum(store.backtests.trades(id).map((t) => t.pnl)).toString()).toBe('0.3');
    clock.advance(5000);
    const done = store.backtests.finishRun(id, { status: 'completed', finalEquity: Decimal.of('25000.3'), metrics: { trades: 2 } });
    expect(done).toMatchObject({ status: 'completed', metrics: { trades: 2 }, finishedAt: clock.now() });
    expect(done.finalEquity?.toString()).toBe('25000.3');
    expect(store.backtests.listRuns().map((r) => r.id)).toEqual([id]);
    expect(store.backtests.deleteRun(id)).toBe(true);
    expect(store.backtests.trades(id)).toEqual([]);
    expect(() => store.backtests.finishRun(id, { status: 'failed', error: 'x' })).toThrow(StoreNotFoundError);
    expect(() => store.backtests.insertTrades(id, [trade])).toThrow(StoreNotFoundError);
  });
});
