// Proves the order manager's safety promises against the real SQLite store and a scripted broker:
// write-ahead, no duplicate after a restart, the four outcomes, the breaker count, protection at the first
// fill, the partial-remainder rule, buy-stop expiry, stops that never loosen, and dry run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { MemoryLogger } from '../../adapters/logging/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Store } from '../../ports/store.js';
import type { ApprovedOrder, OrderDomainEvent } from './order-manager-types.js';
import { OrderManager } from './order-manager.js';
import { FakeBroker } from './testing/fake-broker.js';

const d = (v: string | number): Decimal => Decimal.of(v);
const clock = { now: (): number => 1_700_000_000_000, sleep: (): Promise<void> => Promise.resolve() };

function approved(signalTs = 1_700_000_000_000, overrides: Partial<ApprovedOrder> = {}): ApprovedOrder {
  return {
    context: { strategy: 'sma_cross', symbol: 'AAPL', timeframe: '1Min', signalTs, price: 100, correlationId: `c-${signalTs}` },
    intent: { action: 'enter_long', symbol: 'AAPL', reason: 'test' },
    qty: d(10),
    stop: d('98.50'),
    ...overrides,
  };
}

let store: Store;
let broker: FakeBroker;
let logger: MemoryLogger;
let events: OrderDomainEvent[];
const manager = (opts = {}): OrderManager => {
  const m = new OrderManager({ store, client: broker, clock, logger, options: { lookup: { attempts: 2, delayMs: 10 }, ...opts } });
  m.subscribe((e) => events.push(e));
  return m;
};

beforeEach(() => {
  store = openStore(':memory:');
  broker = new FakeBroker(store);
  logger = new MemoryLogger();
  events = [];
});
afterEach(() => {
  (store as unknown as { close?: () => void }).close?.();
});

describe('submitEntry', () => {
  it('writes the intent before sending, links the broker id, and a restart re-deriving the signal sends nothing', async () => {
    const r = await manager().submitEntry(approved());
    expect(r).toMatchObject({ kind: 'accepted', state: 'ACCEPTED' });
    expect(broker.submits).toHaveLength(1); // the fake throws if the intent was not PENDING_SUBMIT in the store
    const stored = store.orderIntents.get(r.clientOrderId)!;
    expect(stored.brokerOrderId).toBe('b-1');
    expect(store.orderEvents.listFor(r.clientOrderId).map((e) => e.type)).toEqual(['created', 'submitted', 'broker_id_linked', 'accepted']);

    const again = await manager().submitEntry(approved());
    expect(again).toMatchObject({ kind: 'duplicate_prevented', clientOrderId: r.clientOrderId });
    expect(broker.submits).toHaveLength(1);
    expect(logger.entries.some((e) => e.msg.includes('duplicate prevented'))).toBe(true);
  });

  it('counts rejections: 5 consecutive trip the breaker; a success resets the count', async () => {
    const m = manager();
    broker.script.push('reject', 'reject', 'reject', 'reject');
    for (let i = 0; i < 4; i++) expect(await m.submitEntry(approved(1_700_000_000_000 + i * 60_000))).toMatchObject({ kind: 'rejected', breakerTripped: false });
    expect(store.breaker.readBreaker().consecutiveOrderFailures).toBe(4);
    await m.submitEntry(approved(1_700_000_900_000));
    expect(store.breaker.readBreaker().consecutiveOrderFailures).toBe(0);
    broker.script.push('reject', 'reject', 'reject', 'reject', 'reject');
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await m.submitEntry(approved(1_700_001_000_000 + i * 60_000)));
    expect(results[4]).toMatchObject({ kind: 'rejected', breakerTripped: true });
    expect(store.breaker.readBreaker().tripped).toBe(true);
    expect(events.some((e) => e.type === 'BreakerTripped')).toBe(true);
    expect(store.orderIntents.get(results[0]!.clientOrderId)?.state).toBe('REJECTED');
  });

  it('ambiguous: found by client_order_id → adopted, never re-posted', async () => {
    broker.script.push('ambiguous_landed');
    const r = await manager().submitEntry(approved());
    expect(r).toMatchObject({ kind: 'accepted', state: 'ACCEPTED' });
    expect(broker.submits).toHaveLength(1);
  });

  it('ambiguous: not found after the lookups → SUBMIT_FAILED and counted', async () => {
    broker.script.push('ambiguous_lost');
    const r = await manager().submitEntry(approved());
    expect(r).toMatchObject({ kind: 'submit_failed' });
    expect(broker.submits).toHaveLength(1);
    expect(store.orderIntents.get(r.clientOrderId)).toMatchObject({ state: 'SUBMIT_FAILED', attempts: 2 });
    expect(store.breaker.readBreaker().consecutiveOrderFailures).toBe(1);
  });

  it('a thrown submit is ambiguous too; duplicate (422) means "already there": adopted', async () => {
    broker.script.push('throw');
    expect(await manager().submitEntry(approved())).toMatchObject({ kind: 'submit_failed' });
    broker.script.push('duplicate');
    expect(await manager().submitEntry(approved(1_700_000_060_000))).toMatchObject({ kind: 'accepted' });
  });

  it('dry run decides and logs but stores and sends nothing', async () => {
    const r = await manager({ dryRun: true }).submitEntry(approved());
    expect(r.kind).toBe('dry_run');
    expect(store.orderIntents.exists(r.clientOrderId)).toBe(false);
    expect(broker.submits).toHaveLength(0);
  });
});

describe('fills and protection', () => {
  it('protects the first partial fill at once, tops up on the next, and ignores a duplicate execution', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    const first = broker.fill(entry.clientOrderId, '4', '100');
    await m.onExecution(first);
    await m.onExecution(first); // duplicate execution id
    const stops = (): { qty: string; stop: string | undefined }[] => broker.submits.filter((s) => s.type === 'stop').map((s) => ({ qty: s.qty.toString(), stop: s.stopPrice?.toString() }));
    expect(stops()).toEqual([{ qty: '4', stop: '98.5' }]);
    await m.onExecution(broker.fill(entry.clientOrderId, '6', '101'));
    expect(stops()).toEqual([{ qty: '4', stop: '98.5' }, { qty: '6', stop: '98.5' }]);
    expect(store.fills.listFor(entry.clientOrderId)).toHaveLength(2);
    const fills = events.filter((e) => e.type === 'OrderFilled');
    expect(fills.map((f) => f.qty.toString())).toEqual(['4', '6']);
    expect(store.orderIntents.get(entry.clientOrderId)).toMatchObject({ state: 'FILLED' });
    expect(store.orderIntents.get(entry.clientOrderId)?.avgFillPrice?.toString()).toBe('100.6');
  });

  it('closes a partial fill under 5 shares when the rest is cancelled (stops first, then one market close)', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '3', '100'));
    await m.onExecution(broker.cancelled(entry.clientOrderId));
    const closes = broker.submits.filter((s) => s.type === 'market' && s.side === 'sell');
    expect(closes.map((c) => c.qty.toString())).toEqual(['3']);
    const stop = broker.submits.find((s) => s.type === 'stop')!;
    expect(broker.orders.get(stop.clientOrderId)?.status).toBe('canceled');
    expect(store.orderIntents.get(closes[0]!.clientOrderId)).toMatchObject({ role: 'close', parentClientOrderId: entry.clientOrderId });
  });

  it('keeps a partial fill of 5 or more protected when the rest is cancelled', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '5', '100'));
    await m.onExecution(broker.cancelled(entry.clientOrderId));
    expect(broker.submits.filter((s) => s.type === 'market' && s.side === 'sell')).toHaveLength(0);
    expect(broker.open().filter((o) => o.type === 'stop').map((o) => o.qty.toString())).toEqual(['5']);
  });

  it('moveStop never lowers a long stop; raising replaces the stop at the new price', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    expect(await m.moveStop('AAPL', d('97'))).toEqual({ moved: 0, refused: 1 });
    expect(await m.moveStop('AAPL', d('99.25'))).toEqual({ moved: 1, refused: 0 });
    const open = broker.open().filter((o) => o.type === 'stop');
    expect(open.map((o) => [o.qty.toString(), o.stopPrice?.toString()])).toEqual([['10', '99.25']]);
  });

  it('exitPosition cancels the stop first, then sells what is held', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    const r = await m.exitPosition('AAPL', 'signal');
    expect(r.blocked).toEqual([]);
    expect(r.exits).toHaveLength(1);
    expect(broker.open().map((o) => [o.type, o.side, o.qty.toString()])).toEqual([['market', 'sell', '10']]);
    await m.onExecution(broker.fill(r.exits[0]!.clientOrderId, '10', '102'));
    expect(m.activeEntries('AAPL')).toHaveLength(0);
    expect(events.flatMap((e) => (e.type === 'OrderFilled' ? [e.role] : []))).toEqual(['entry', 'exit']);
  });

  it('cancelAll with protective orders leaves the position naked on purpose until ensureProtection', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    const stop = broker.open().find((o) => o.type === 'stop')!;
    await m.cancelAll({ includeProtective: true });
    await m.onExecution({ event: 'canceled', at: 3_000, order: broker.orders.get(stop.clientOrderId)! }); // the late stream event
    expect(broker.open()).toEqual([]);
    await m.ensureProtection(entry.clientOrderId);
    expect(broker.open().map((o) => [o.type, o.qty.toString()])).toEqual([['stop', '10']]);
  });

  it('a failed exit (rejected) gives the shares their stop back at once; the next exit sells them once', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    broker.script.push('reject');
    expect((await m.exitPosition('AAPL', 'signal')).exits.map((x) => x.kind)).toEqual(['rejected']);
    expect(broker.open().map((o) => [o.type, o.qty.toString()])).toEqual([['stop', '10']]);
    expect(logger.entries.some((e) => e.msg.includes('their stop is restored'))).toBe(true);
    expect((await m.exitPosition('AAPL', 'signal')).exits.map((x) => x.kind)).toEqual(['accepted']);
    expect(broker.open().map((o) => [o.type, o.side, o.qty.toString()])).toEqual([['market', 'sell', '10']]);
  });

  it('an exit judged lost that fills after all: the restored stop is cancelled, never left to sell into a short', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    broker.script.push('ambiguous_lost');
    const [exit] = (await m.exitPosition('AAPL', 'signal')).exits;
    expect(exit?.kind).toBe('submit_failed');
    const stop = broker.open().find((o) => o.type === 'stop')!;
    expect(stop.qty.toString()).toBe('10');
    const ghost = { ...stop, brokerOrderId: 'b-ghost' as never, clientOrderId: exit!.clientOrderId, type: 'market' as const, status: 'filled' as const, filledQty: d(10), filledAvgPrice: d(100), stopPrice: null };
    await m.onExecution({ event: 'fill', at: 5_000, order: ghost, executionId: 'x-ghost', qty: d(10), price: d(100) });
    expect(broker.open()).toEqual([]);
    expect(m.activeEntries('AAPL')).toEqual([]);
    expect(logger.entries.some((e) => e.level === 'error' && e.msg.includes('more shares than the position holds'))).toBe(true);
  });

  it('bot-side trailing stop raises the stop once in profit; take-profit exits', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved(1_700_000_000_000, { takeProfit: d('110'), trail: { activationPct: d('0.02'), trailPct: d('0.01') } }));
    await m.onExecution(broker.fill(entry.clientOrderId, '10', '100'));
    await m.onPrice('AAPL', d('101'));
    expect(broker.open().find((o) => o.type === 'stop')?.stopPrice?.toString()).toBe('98.5');
    await m.onPrice('AAPL', d('105'));
    expect(broker.open().find((o) => o.type === 'stop')?.stopPrice?.toString()).toBe('103.95');
    await m.onPrice('AAPL', d('110'));
    expect(broker.open().map((o) => o.type)).toEqual(['market']);
  });
});

describe('bot-side take-profit on unfilled entries', () => {
  it('never cancels a working entry that holds no shares, even when the price is past its take-profit', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved(1_700_000_000_000, {
      intent: { action: 'enter_long', symbol: 'AAPL', reason: 'limit far below', entry: { type: 'limit', price: 50 } },
      stop: d('45'), takeProfit: d('51'),
    }));
    await m.onPrice('AAPL', d('100'));
    expect(store.orderIntents.get(entry.clientOrderId)?.state).toBe('ACCEPTED');
    expect(broker.open().map((o) => o.type)).toEqual(['limit']);
  });
});

describe('a cancel that lost the race to a fill', () => {
  it('hands the fill learned from the status lookup to the portfolio (OrderFilled), once', async () => {
    const m = manager();
    const entry = await m.submitEntry(approved());
    const fill = broker.fill(entry.clientOrderId, '10', '100'); // filled at the broker; the stream event is late
    await m.exitPosition('AAPL', 'exit signal');
    const filled = events.filter((e) => e.type === 'OrderFilled' && e.role === 'entry');
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({ qty: d('10'), price: d('100'), synthetic: true });
    await m.onExecution(fill); // the late stream event is already accounted for
    expect(events.filter((e) => e.type === 'OrderFilled' && e.role === 'entry')).toHaveLength(1);
  });
});

describe('buy-stop expiry', () => {
  it('cancels a stop entry after expiresAfterCandles unfilled candles (a candle counted once)', async () => {
    const m = manager();
    const ts = 1_700_000_000_000;
    const entry = await m.submitEntry(approved(ts, { intent: { action: 'enter_long', symbol: 'AAPL', reason: 't', entry: { type: 'stop', price: 101.5, expiresAfterCandles: 2 } } }));
    expect(broker.submits[0]).toMatchObject({ type: 'stop' });
    await m.onCandle('AAPL', ts); // the signal candle itself does not count
    await m.onCandle('AAPL', ts + 60_000);
    await m.onCandle('AAPL', ts + 60_000); // same candle again
    expect(store.orderIntents.get(entry.clientOrderId)?.state).toBe('ACCEPTED');
    await m.onCandle('AAPL', ts + 120_000);
    expect(store.orderIntents.get(entry.clientOrderId)?.state).toBe('CANCELED');
  });
});
