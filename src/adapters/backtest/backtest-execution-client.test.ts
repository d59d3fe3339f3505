// Contract of the backtest ExecutionClient on a real in-process SimExchange, with costs (slippage 0.01/share,
// commission 0.005/share + 1/order): market and bracket orders fill and report their legs, stops trigger from a
// bar's low, cancel / duplicate / rejection outcomes, order listing filters and paging, positions, the account
// after commission, closePosition, and the delivery contract (queued until flush, in order, re-entrancy safe,
// nothing allocated when idle). Every expected number is worked out by hand beside it.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../logging/memory-logger.js';
import { Decimal } from '../../domain/decimal.js';
import { parseBrokerOrderId, parseClientOrderId } from '../../domain/ids.js';
import { et, MINUTE } from '../../exchange/matching/sim-harness.js';
import type { SimExchangeOptions } from '../../exchange/trading-venue.js';
import type { ExecutionEvent, ExecutionStreamStatus, SubmitOrderCommand } from '../../ports/execution-client.js';
import { createBacktestExecution } from './backtest-execution-client.js';

const d = (x: string) => Decimal.of(x);
const COSTS = { slippagePerShare: '0.01', commissionPerShare: '0.005', commissionPerOrder: '1' };

class Rig {
  t = et('2025-03-03', '10:00');
  readonly logger = new MemoryLogger();
  readonly events: ExecutionEvent[] = [];
  readonly statuses: ExecutionStreamStatus[] = [];
  readonly venue;
  readonly client;
  #n = 0;

  constructor(options: Partial<SimExchangeOptions> = COSTS) {
    ({ venue: this.venue, client: this.client } = createBacktestExecution({ now: () => this.t, logger: this.logger, ...options }));
    this.client.onExecution((e) => this.events.push(e));
    this.client.onStreamStatus((s) => this.statuses.push(s));
    this.bar(100);
  }

  /** Processes a bar starting at the current minute (ADR 0004: at the start of its minute), then flushes. */
  bar(o: number, h = o, l = o, c = o, v = 1_000_000): this {
    this.venue.processBar({ symbol: 'AAPL', t: this.t, o, h: Math.max(h, o, c), l: Math.min(l, o, c), c, v, vw: o, n: 1 });
    this.client.flush();
    return this;
  }

  /** The next minute's bar. */
  next(o: number, h = o, l = o, c = o, v = 1_000_000): this {
    this.t += MINUTE;
    return this.bar(o, h, l, c, v);
  }

  command(label: string, extra: Partial<SubmitOrderCommand> = {}): SubmitOrderCommand {
    return { clientOrderId: parseClientOrderId(`bt-${label}-${++this.#n}`), symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', qty: d('10'), ...extra };
  }

  of(clientOrderId: string): string[] {
    return this.events.filter((e) => e.order.clientOrderId === clientOrderId).map((e) => e.event);
  }
}

describe('orders, fills and reports', () => {
  it('a market order: accepted report, then new and fill (slipped price, commission, position) after the next bar', async () => {
    const r = new Rig();
    await r.client.connect();
    expect(r.statuses).toEqual([{ kind: 'connected' }]);
    const cmd = r.command('mkt');
    const outcome = await r.client.submit(cmd);
    expect(outcome).toMatchObject({ kind: 'accepted', report: { clientOrderId: cmd.clientOrderId, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple', status: 'accepted', legs: [] } });
    expect(r.events).toEqual([]); // queued, not delivered inside submit
    expect(r.client.pendingEvents).toBe(1);
    r.next(100);
    const fill = r.events.find((e) => e.event === 'fill');
    expect(r.of(cmd.clientOrderId)).toEqual(['new', 'fill']);
    // 100 + 0.01 slippage; commission 10 × 0.005 + 1 = 1.05
    expect(fill?.price?.toString()).toBe('100.01');
    expect(fill?.qty?.toString()).toBe('10');
    expect(fill?.positionQty?.toString()).toBe('10');
    expect(fill?.commission?.toString()).toBe('1.05');
    expect(fill?.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fill?.at).toBe(r.t);
    expect(fill?.order).toMatchObject({ status: 'filled', filledQty: d('10'), filledAvgPrice: d('100.01') });
    // cash 100000 − 10 × 100.01 − 1.05 = 98998.85; marked at 100: equity 98998.85 + 1000 = 99998.85
    const account = await r.client.getAccount();
    expect(account).toEqual({ cash: d('98998.85'), equity: d('99998.85'), lastEquity: d('100000'), buyingPower: account.buyingPower, tradingBlocked: false });
    expect(await r.client.getPositions()).toEqual([{ symbol: 'AAPL', qty: d('10'), avgEntryPrice: d('100.01'), currentPrice: d('100'), marketValue: d('1000'), unrealizedPl: d('-0.1') }]);
  });

  it('a bracket: the entry fills, the legs work; the stop triggers from the low and the take-profit is canceled', async () => {
    const r = new Rig();
    const cmd = r.command('br', { orderClass: 'bracket', takeProfit: { limitPrice: d('105') }, stopLoss: { stopPrice: d('95') } });
    const outcome = await r.client.submit(cmd);
    expect(outcome.kind === 'accepted' && outcome.report.legs.map((l) => [l.type, l.status])).toEqual([['limit', 'held'], ['stop', 'held']]);
    r.next(100);
    const afterEntry = await r.client.getByClientOrderId(cmd.clientOrderId);
    expect(afterEntry).toMatchObject({ status: 'filled', orderClass: 'bracket', filledAvgPrice: d('100.01') });
    expect(afterEntry?.legs.map((l) => [l.type, l.status, l.limitPrice?.toString() ?? l.stopPrice?.toString()])).toEqual([['limit', 'new', '105'], ['stop', 'held', '95']]);
    r.next(96, 96.5, 94, 94.5); // path 96 → 96.5 → 94: crosses 95 on the way down; sell stop 95 − 0.01
    const final = await r.client.getByClientOrderId(cmd.clientOrderId);
    expect(final?.legs.map((l) => [l.status, l.filledAvgPrice?.toString() ?? null])).toEqual([['canceled', null], ['filled', '94.99']]);
    const stopLeg = final?.legs[1];
    expect(r.events.filter((e) => e.order.brokerOrderId === stopLeg?.brokerOrderId).map((e) => e.event)).toEqual(['new', 'fill']);
    expect(r.events.at(-1)).toMatchObject({ event: 'canceled', order: { type: 'limit', status: 'canceled' } });
    // cash: 100000 − 1000.1 − 1.05 (entry) + 949.9 − 1.05 (stop: 10 × 94.99, 10 × 0.005 + 1) = 99947.7
    expect((await r.client.getAccount()).cash).toEqual(d('99947.7'));
    expect(await r.client.getPositions()).toEqual([]);
  });

  it('commission on partial fills: the per-order fee on the first execution only', async () => {
    const r = new Rig();
    const cmd = r.command('part');
    await r.client.submit(cmd);
    r.next(50, 50, 50, 50, 40); // cap ⌊0.1 × 40⌋ = 4 @ 50.01: 4 × 0.005 + 1 = 1.02
    r.next(51, 51, 51, 51, 60); // 6 @ 51.01: 6 × 0.005 = 0.03
    const fills = r.events.filter((e) => e.qty !== undefined);
    expect(fills.map((e) => [e.event, e.qty?.toString(), e.price?.toString(), e.commission?.toString()])).toEqual([['partial_fill', '4', '50.01', '1.02'], ['fill', '6', '51.01', '0.03']]);
    // 100000 − 200.04 − 306.06 − 1.05 = 99492.85
    expect((await r.client.getAccount()).cash).toEqual(d('99492.85'));
  });
});

describe('outcomes', () => {
  it('cancel: accepted (pending_cancel then canceled), then not_cancelable; an unknown id is not_found', async () => {
    const r = new Rig();
    const cmd = r.command('lmt', { type: 'limit', limitPrice: d('90'), timeInForce: 'gtc' });
    const outcome = await r.client.submit(cmd);
    if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
    expect(await r.client.cancel(outcome.report.brokerOrderId)).toEqual({ kind: 'accepted' });
    r.client.flush();
    expect(r.of(cmd.clientOrderId)).toEqual(['new', 'pending_cancel', 'canceled']);
    expect(await r.client.cancel(outcome.report.brokerOrderId)).toMatchObject({ kind: 'not_cancelable', message: expect.stringMatching(/canceled/) });
    expect(await r.client.cancel(parseBrokerOrderId('00000000-0000-4000-8000-000000000000'))).toEqual({ kind: 'not_found' });
  });

  it('a reused client_order_id is duplicate; a refused order is rejected with status, code and message', async () => {
    const r = new Rig();
    const cmd = r.command('dup');
    expect((await r.client.submit(cmd)).kind).toBe('accepted');
    expect(await r.client.submit(cmd)).toEqual({ kind: 'duplicate', message: 'client_order_id must be unique' });
    expect(await r.client.submit(r.command('big', { qty: d('100000') }))).toMatchObject({ kind: 'rejected', status: 403, code: 40310000, message: expect.stringMatching(/buying power/) });
    await expect(r.client.submit(r.command('bad', { type: 'limit' }))).rejects.toThrow(/limitPrice/);
    expect(await r.client.getByClientOrderId(parseClientOrderId('never-sent'))).toBeUndefined();
  });

  it('listOrders filters by status, symbols, nested and after, and pages by limit', async () => {
    const r = new Rig();
    const first = r.command('a', { type: 'limit', limitPrice: d('90'), timeInForce: 'gtc' });
    await r.client.submit(first);
    r.t += MINUTE;
    const since = r.t;
    const bracket = r.command('b', { orderClass: 'bracket', takeProfit: { limitPrice: d('105') }, stopLoss: { stopPrice: d('95') } });
    await r.client.submit(bracket);
    r.bar(100);
    r.next(100);
    const ids = (list: readonly { clientOrderId: string }[]) => list.map((o) => o.clientOrderId);
    expect(ids(await r.client.listOrders({ status: 'open', nested: true }))).toEqual([first.clientOrderId]);
    expect(ids(await r.client.listOrders({ status: 'closed', nested: true }))).toEqual([bracket.clientOrderId]);
    const flat = await r.client.listOrders({ status: 'all', nested: false });
    expect(flat).toHaveLength(4); // the entry, its two legs and the limit, legs listed on their own
    expect(await r.client.listOrders({ status: 'all', nested: true, after: since })).toHaveLength(1);
    expect(await r.client.listOrders({ status: 'all', symbols: ['MSFT'] })).toEqual([]);
    // the entry and its legs share one millisecond (10:01): pages of 1 cannot get past it and the listing stops
    // with a warning, exactly as the Alpaca adapter's does
    expect(await r.client.listOrders({ status: 'all', nested: false, limit: 1 })).toHaveLength(1);
    const later: string[] = [];
    for (let i = 0; i < 3; i++) {
      r.t += MINUTE;
      const c = r.command(`later${i}`, { type: 'limit', limitPrice: d('80'), timeInForce: 'gtc' });
      later.unshift(c.clientOrderId);
      await r.client.submit(c);
    }
    // open orders 10:00, 10:03, 10:04, 10:05 in pages of 2: [10:05, 10:04], [10:04, 10:03], [10:03, 10:00], [10:00]
    expect(ids(await r.client.listOrders({ status: 'open', nested: true, limit: 2 }))).toEqual([...later, first.clientOrderId]);
    expect(r.logger.entries.some((e) => e.level === 'warn' && /stopped early/.test(e.msg))).toBe(true);
  });

  it('closePosition liquidates at market (filled at the next open); undefined when flat', async () => {
    const r = new Rig();
    await r.client.submit(r.command('pos'));
    r.next(100);
    const close = await r.client.closePosition('AAPL');
    expect(close).toMatchObject({ side: 'sell', type: 'market', qty: d('10'), status: 'accepted' });
    r.next(101);
    expect(r.events.at(-1)).toMatchObject({ event: 'fill', positionQty: d('0'), price: d('100.99') });
    expect(await r.client.closePosition('AAPL')).toBeUndefined();
  });
});

describe('delivery', () => {
  it("'close' fill model: new and fill are queued inside submit and delivered at the next flush", async () => {
    const r = new Rig({ fillModel: 'close' });
    r.bar(100, 101, 99, 100.5);
    r.t += MINUTE; // the 10:00 bar has ended
    const cmd = r.command('close');
    const outcome = await r.client.submit(cmd);
    expect(outcome).toMatchObject({ kind: 'accepted', report: { status: 'accepted' } });
    expect(r.events).toEqual([]);
    expect(r.client.flush()).toBe(2);
    expect(r.events.map((e) => [e.event, e.price?.toString()])).toEqual([['new', undefined], ['fill', '100.5']]);
  });

  it('updates caused by a listener are delivered in the same flush, in order; a nested flush delivers nothing', async () => {
    const r = new Rig({});
    const order: string[] = [];
    let nested = -1;
    r.client.onExecution((e) => {
      order.push(`${e.order.clientOrderId}:${e.event}`);
      if (e.event === 'fill' && e.order.side === 'buy') {
        nested = r.client.flush();
        void r.client.submit({ ...r.command('exit'), clientOrderId: parseClientOrderId('exit-1'), side: 'sell' });
      }
    });
    const cmd = r.command('entry');
    await r.client.submit(cmd);
    r.next(100);
    expect(nested).toBe(0);
    expect(order).toEqual([`${cmd.clientOrderId}:new`, `${cmd.clientOrderId}:fill`, 'exit-1:new']);
  });

  it('drainEvents returns the queue without calling listeners; idle flush and drain allocate nothing', async () => {
    const r = new Rig({});
    await r.client.submit(r.command('drain'));
    const drained = r.client.drainEvents();
    expect(drained.map((e) => e.event)).toEqual(['new']);
    expect(r.events).toEqual([]);
    expect(r.client.flush()).toBe(0);
    expect(r.client.drainEvents()).toBe(r.client.drainEvents()); // the same frozen empty array
  });

  it('a throwing listener is logged and the others still get every update', async () => {
    const r = new Rig({});
    r.client.onExecution(() => { throw new Error('listener bug'); });
    await r.client.submit(r.command('x'));
    r.next(100);
    expect(r.events.map((e) => e.event)).toEqual(['new', 'fill']);
    expect(r.logger.entries.filter((e) => e.level === 'error').map((e) => e.fields['error'])).toEqual(['listener bug', 'listener bug']);
  });

  it('disconnect stops listening; connect resumes and reports connected again', async () => {
    const r = new Rig({});
    await r.client.disconnect();
    await r.client.submit(r.command('off'));
    expect(r.client.pendingEvents).toBe(0);
    await r.client.connect();
    r.next(100);
    expect(r.events.map((e) => e.event)).toEqual(['fill']);
    expect(r.statuses).toEqual([{ kind: 'connected' }]);
  });
});
