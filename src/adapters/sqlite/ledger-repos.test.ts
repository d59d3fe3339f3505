// Fills, trades, signals and the equity curve: exact decimals in and out (SPEC S9), fill idempotency (S5).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import { InvalidStoreValueError, StoreNotFoundError } from '../../ports/store-errors.js';
import type { NewFill, NewTrade, Store } from '../../ports/store.js';
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
const SMA = parseStrategyId('sma_crossover');
const fill = (executionId: string, qty: string, price: string, ts = 1_000): NewFill => ({
  executionId,
  clientOrderId: parseClientOrderId('cid-1'),
  symbol: AAPL,
  side: 'buy',
  qty: Decimal.of(qty),
  price: Decimal.of(price),
  ts,
});
const trade = (pnl: string, exitTs: number, overrides: Partial<NewTrade> = {}): NewTrade => ({
  strategy: SMA,
  symbol: AAPL,
  side: 'long',
  qty: Decimal.of('3'),
  entryPrice: Decimal.of('100'),
  exitPrice: Decimal.of('100.1'),
  entryTs: exitTs - 90_500,
  exitTs,
  pnl: Decimal.of(pnl),
  pnlPct: Decimal.of('0.001'),
  ...overrides,
});

describe('fills', () => {
  it('records a fill once per execution id; the duplicate returns false and changes nothing', () => {
    expect(store.fills.insert(fill('exec-1', '4', '187.0001'))).toBe(true);
    expect(store.fills.insert(fill('exec-1', '4', '187.0001'))).toBe(false);
    expect(store.fills.insert(fill('exec-1', '999', '1'))).toBe(false);
    expect(store.fills.has('exec-1')).toBe(true);
    const stored = store.fills.listFor(parseClientOrderId('cid-1'));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.qty.toString()).toBe('4');
    expect(stored[0]?.price.toString()).toBe('187.0001');
    expect(stored[0]?.commission.toString()).toBe('0');
  });

  it('keeps fills of orders the bot does not know (no foreign key: a fill is never lost)', () => {
    expect(store.fills.insert({ ...fill('exec-2', '1', '10'), clientOrderId: parseClientOrderId('manual-web-order') })).toBe(true);
  });

  it('stores decimals exactly: 0.1 + 0.2 summed from the store is 0.3, and 1e-4 prices survive', () => {
    store.fills.insert(fill('a', '0.1', '1e-4', 1));
    store.fills.insert(fill('b', '0.2', '0.0003', 2));
    const fills = store.fills.list();
    expect(Decimal.sum(fills.map((f) => f.qty)).toString()).toBe('0.3');
    expect(fills.map((f) => f.price.toString())).toEqual(['0.0001', '0.0003']);
    expect(Decimal.sum(fills.map((f) => f.qty.times(f.price))).toString()).toBe('0.00007');
    expect(0.1 + 0.2).not.toBe(0.3); // the float drift the store avoids
  });

  it('rejects a zero quantity or a negative commission, naming the field', () => {
    expect(() => store.fills.insert(fill('z', '0', '1'))).toThrow('fill qty must be greater than 0, got 0');
    expect(() => store.fills.insert({ ...fill('c', '1', '1'), commission: Decimal.of('-0.01') })).toThrow('fill commission must not be negative, got -0.01');
  });

  it('lists by time window, newest first with a limit', () => {
    for (const [i, ts] of [10, 20, 30].entries()) store.fills.insert(fill(`e${String(i)}`, '1', '1', ts));
    expect(store.fills.list({ since: 20 }).map((f) => f.ts)).toEqual([20, 30]);
    expect(store.fills.list({ until: 20 }).map((f) => f.ts)).toEqual([10]);
    expect(store.fills.list({ limit: 2 }).map((f) => f.ts)).toEqual([30, 20]);
    expect(() => store.fills.list({ limit: 0 })).toThrow('limit must be a positive integer, got 0');
  });
});

describe('trades', () => {
  it('writes round trips with exact P&L and whole-second durations, and sums exactly', () => {
    const a = store.trades.insert(trade('0.1', 100_000));
    store.trades.insert(trade('0.2', 200_000, { exitReason: 'stop', commission: Decimal.of('0.0035') }));
    const all = store.trades.list();
    expect(Decimal.sum(all.map((t) => t.pnl)).toString()).toBe('0.3');
    expect(all[0]).toMatchObject({ id: a, durationS: 90, side: 'long', exitReason: null, createdAt: clock.now() });
    expect(all[1]?.commission.toString()).toBe('0.0035');
    expect(store.trades.get(a)?.exitPrice.toString()).toBe('100.1');
    expect(store.trades.list({ since: 150_000 }).map((t) => t.exitReason)).toEqual(['stop']);
  });

  it('refuses an exit before the entry', () => {
    expect(() => store.trades.insert(trade('1', 1_000, { entryTs: 2_000 }))).toThrow('exit_ts 1000 is before entry_ts 2000');
  });

  it('notes attach to a trade (the trade itself stays immutable)', () => {
    const id = store.trades.insert(trade('1', 100_000));
    store.trades.addNote(id, 'entered late: stream reconnect', 'alice');
    expect(store.trades.notes(id)).toMatchObject([{ tradeId: id, note: 'entered late: stream reconnect', author: 'alice' }]);
    expect(() => store.trades.addNote(id + 1, 'x', 'alice')).toThrow(StoreNotFoundError);
    expect(() => store.trades.addNote(id, '  ', 'alice')).toThrow(InvalidStoreValueError);
  });
});

describe('signals', () => {
  it('records a signal, then its risk decision once', () => {
    const id = store.signals.insert({
      correlationId: asCorrelationId('corr-9'),
      strategy: SMA,
      symbol: AAPL,
      timeframe: '5Min',
      signalTs: 1_000,
      action: 'enter_long',
      reason: 'SMA 10 crossed above SMA 30',
      confidence: 0.8,
      stop: Decimal.of('98.5'),
      sizeFraction: 0.5,
    });
    expect(store.signals.get(id)).toMatchObject({ riskDecision: null, timeframe: '5Min', confidence: 0.8, sizeFraction: 0.5, takeProfit: null });
    const decided = store.signals.recordDecision(id, { decision: 'approved', qty: Decimal.of('250'), clientOrderId: parseClientOrderId('abc') });
    expect(decided).toMatchObject({ riskDecision: 'approved', riskCode: null, clientOrderId: 'abc' });
    expect(decided.qty?.toString()).toBe('250');
    expect(decided.stop?.toString()).toBe('98.5');
    expect(() => store.signals.recordDecision(id, { decision: 'denied', code: 'MAX_TRADES' })).toThrow(/already approved/);
    expect(() => store.signals.recordDecision(id + 1, { decision: 'denied' })).toThrow(StoreNotFoundError);
    expect(store.signals.list({ strategy: SMA }).map((s) => s.id)).toEqual([id]);
  });

  it('rejects a confidence outside 0..1, naming it', () => {
    const bad = () =>
      store.signals.insert({ correlationId: asCorrelationId('c'), strategy: SMA, symbol: AAPL, timeframe: '1Min', signalTs: 1, action: 'exit', reason: 'r', confidence: 1.5 });
    expect(bad).toThrow('confidence must be between 0 and 1, got 1.5');
  });
});

describe('equity curve', () => {
  it('records snapshots exactly, replaces a same-ts snapshot, and reads ranges and the latest', () => {
    store.equity.record({ ts: 60_000, equity: Decimal.of('25000.10'), cash: Decimal.of('25000.1'), dailyPnl: Decimal.of('0') });
    store.equity.record({ ts: 120_000, equity: Decimal.of('24999.99'), cash: Decimal.of('20000'), dailyPnl: Decimal.of('-0.11'), openPositions: 1 });
    store.equity.record({ ts: 120_000, equity: Decimal.of('24999.98'), cash: Decimal.of('20000'), dailyPnl: Decimal.of('-0.12'), openPositions: 1 });
    expect(store.equity.range(0, 120_000).map((p) => p.equity.toString())).toEqual(['25000.1']);
    const latest = store.equity.latest();
    expect(latest?.dailyPnl.toString()).toBe('-0.12');
    expect(latest?.openPositions).toBe(1);
    expect(latest?.buyingPower).toBeNull();
  });
});
