// End to end SPEC §8 against the real matching core (SimExchange in process) and the real SQLite store, with
// state arranged as after a crash: an unknown broker position, a PENDING_SUBMIT that landed and filled, one
// that never left, a local position gone at the broker, and a SUBMITTED order cancelled meanwhile.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { MemoryLogger } from '../../adapters/logging/index.js';
import { SimExchange } from '../../exchange/trading-venue.js';
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, CorrelationId, StrategyId, Ticker } from '../../domain/ids.js';
import { OrderManager } from './order-manager.js';
import { Reconciler } from './reconciler.js';
import { SimExecutionClient } from './testing/sim-execution-client.js';

const T0 = Date.UTC(2025, 2, 10, 14, 30); // Monday 10:30 New York
const bar = (symbol: string, t: number, price: number) => ({ symbol, t, o: price, h: price + 0.5, l: price - 0.5, c: price, v: 1_000_000, vw: price, n: 100 });
const cid = (s: string): ClientOrderId => s as ClientOrderId;

describe('Reconciler with the in-process exchange', () => {
  it('resolves every SPEC §8 case, leaves every position under a stop, and is idempotent', async () => {
    let now = T0;
    const clock = { now: (): number => now, sleep: (): Promise<void> => Promise.resolve() };
    const venue = new SimExchange({ now: () => now, startingCash: '1000000', referencePrice: (s) => ({ MSFT: 300, AAPL: 100, AMD: 60 } as Partial<Record<string, number>>)[s] });
    const client = new SimExecutionClient(venue, () => now);
    const store = openStore(':memory:');
    const logger = new MemoryLogger();
    const base = { correlationId: 'c' as CorrelationId, strategy: 'sma_cross' as StrategyId, side: 'buy' as const, type: 'market' as const, timeInForce: 'day' as const, qty: Decimal.of(10), role: 'entry' as const, signalTs: T0, extra: { timeframe: '1Min', stop: '95' } };

    // An unknown broker position (bought by hand) and an intent that landed and filled before the crash.
    venue.createOrder({ symbol: 'MSFT', qty: '7', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'by-hand' });
    store.orderIntents.insert({ ...base, clientOrderId: cid('landed'), symbol: 'AAPL' as Ticker });
    venue.createOrder({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'landed' });
    // A SUBMITTED limit order the venue has cancelled while we were down.
    store.orderIntents.insert({ ...base, clientOrderId: cid('limit'), symbol: 'AMD' as Ticker, type: 'limit', limitPrice: Decimal.of(50) });
    const lim = venue.createOrder({ symbol: 'AMD', qty: '10', side: 'buy', type: 'limit', limit_price: '50', time_in_force: 'day', client_order_id: 'limit' });
    if (!lim.ok) throw new Error('setup');
    store.orderIntents.updateState(cid('limit'), 0, { state: 'SUBMITTED', brokerOrderId: lim.value.id as never, event: { type: 'submitted' } });
    venue.cancelOrder(lim.value.id);
    // An intent that never left, and a local position the broker no longer has.
    store.orderIntents.insert({ ...base, clientOrderId: cid('never-sent'), symbol: 'IBM' as Ticker });
    store.orderIntents.insert({ ...base, clientOrderId: cid('gone'), symbol: 'TSLA' as Ticker, state: 'FILLED' });
    store.orderIntents.updateState(cid('gone'), 0, { filledQty: Decimal.of(10), avgFillPrice: Decimal.of(200), event: { type: 'seeded' } });
    now += 60_000;
    venue.processBar(bar('MSFT', now, 300));
    venue.processBar(bar('AAPL', now, 100));

    const manager = new OrderManager({ store, client, clock, logger });
    client.onExecution((e) => { void manager.onExecution(e); }); // the stream, wired as the runtime does
    const fills: string[] = [];
    manager.subscribe((e) => { if (e.type === 'OrderFilled') fills.push(`${e.symbol}:${e.qty.toString()}:${String(e.synthetic)}`); });
    const reconciler = new Reconciler({ manager, store, client, clock, logger, limits: { defaultStopPct: Decimal.of('0.02') } });
    const report = await reconciler.reconcile();

    // AAPL's stop is placed as soon as its fill is recorded (sync); MSFT's by the place_stop step (CRITICAL).
    expect(report.counts).toEqual({ sync_order: 2, lookup_order: 1, adopt_position: 1, close_local_position: 1, place_stop: 1, unknown_broker_order: 0 });
    expect(store.orderIntents.get(cid('landed'))).toMatchObject({ state: 'FILLED' });
    expect(store.fills.listFor(cid('landed')).map((f) => f.executionId)).toEqual([expect.stringMatching(/^recon:/)]);
    expect(fills).toContain('AAPL:10:true');
    expect(store.orderIntents.get(cid('never-sent'))?.state).toBe('SUBMIT_FAILED');
    expect(store.orderIntents.get(cid('limit'))?.state).toBe('CANCELED');
    expect(manager.activeEntries('TSLA')).toHaveLength(0);
    // Every broker position is under a working stop for its whole size.
    const open = (await client.listOrders({ status: 'open', nested: true })).filter((o) => o.type === 'stop');
    for (const p of await client.getPositions()) {
      const covered = open.filter((o) => o.symbol === p.symbol).reduce((s, o) => s.plus(o.qty), Decimal.ZERO);
      expect(`${p.symbol}:${covered.toString()}`).toBe(`${p.symbol}:${p.qty.toString()}`);
    }
    expect(logger.entries.filter((e) => e.level === 'critical').map((e) => e.msg)).toEqual([expect.stringContaining('MSFT had 0 of 7 shares under a stop')]);

    const again = await reconciler.reconcile();
    expect(again.steps.map((s) => s.outcome)).toEqual([]);
    const requests = venue.requestLog().length;
    await reconciler.reconcile();
    expect(venue.requestLog().length).toBe(requests);
  });
});
