import { describe, expect, it } from 'vitest';
import type { AlpacaOrder, AlpacaTradeUpdate } from './contracts.js';
import { loadFixture, SimHarness } from './matching/sim-harness.js';
import { SimExchange } from './trading-venue.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_KEYS = ['created_at', 'updated_at', 'submitted_at', 'filled_at', 'expired_at', 'canceled_at', 'failed_at', 'replaced_at', 'cancel_requested_at'];
const DECIMAL_KEYS = ['qty', 'notional', 'filled_qty', 'filled_avg_price', 'limit_price', 'stop_price', 'trail_price', 'trail_percent', 'hwm'];

const keysOf = (value: unknown): string[] => Object.keys(value as object).sort();
const lmt = (extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty: '2', side: 'buy', type: 'limit', limit_price: '150', time_in_force: 'gtc', ...extra });

function ready(): SimHarness {
  return new SimHarness().bar('AAPL', { o: 150 });
}

function expectWireOrder(order: AlpacaOrder): void {
  for (const [key, value] of Object.entries(order)) {
    expect(value, key).not.toBeUndefined();
    if (TIME_KEYS.includes(key) && value !== null) expect(value, key).toMatch(RFC3339);
    if (DECIMAL_KEYS.includes(key) && value !== null) expect(typeof value, key).toBe('string');
  }
}

describe('wire shapes', () => {
  it('an order carries every key of the recorded limit order, null for unset, strings for decimals', () => {
    const h = ready();
    const order = h.order(lmt());
    const fixture = loadFixture('rest/order_limit_simple.json') as Record<string, unknown> | undefined;
    expectWireOrder(order);
    expect(order).toMatchObject({ status: 'accepted', order_class: '', order_type: 'limit', type: 'limit', qty: '2', limit_price: '150', filled_qty: '0', filled_avg_price: null, legs: null, asset_class: 'us_equity', extended_hours: false });
    if (fixture !== undefined) {
      expect(keysOf(order)).toEqual(expect.arrayContaining(keysOf(fixture)));
      for (const key of Object.keys(fixture)) if (fixture[key] === null && key !== 'source' && key !== 'subtag') expect(order[key], key).toBeNull();
      expect(typeof order['client_order_id']).toBe('string');
    }
  });

  it('a fill event matches the recorded trade_updates fill: strings for price, qty, position_qty, the full order', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', qty: '5', side: 'buy', type: 'market', time_in_force: 'day' });
    h.next('AAPL', { o: 151.37 });
    const fill = h.updates.find((u) => u.event === 'fill' && u.order.id === o.id);
    expect(fill).toMatchObject({ event: 'fill', price: '151.37', qty: '5', position_qty: '5' });
    expect(fill?.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fill?.timestamp).toMatch(RFC3339);
    expectWireOrder(fill!.order);
    expect(fill?.order).toMatchObject({ status: 'filled', filled_qty: '5', filled_avg_price: '151.37' });
    expect(fill?.order['filled_at']).toMatch(RFC3339);
    const fixture = loadFixture('stream/trade_update_fill.json') as { data: Record<string, unknown> } | undefined;
    if (fixture !== undefined) {
      expect(keysOf(fill)).toEqual(keysOf(fixture.data));
      expect(keysOf(fill?.order)).toEqual(expect.arrayContaining(keysOf(fixture.data['order'])));
    }
  });

  it('reproduces the derived market-order sequence new → partial_fill → fill', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day' });
    h.next('AAPL', { o: 420.01, v: 40 });
    h.next('AAPL', { o: 420.02, v: 60 });
    const ours = h.updates.filter((u) => u.order.id === o.id);
    const fixture = loadFixture('derived/trade_updates_market_sequence.json') as { data: AlpacaTradeUpdate }[] | undefined;
    const pick = (u: AlpacaTradeUpdate) => ({
      event: u.event, price: u.price, qty: u.qty, position_qty: u.position_qty,
      status: u.order.status, filled_qty: u.order['filled_qty'], filled_avg_price: u.order['filled_avg_price'],
    });
    expect(ours.map(pick)).toEqual([
      { event: 'new', price: undefined, qty: undefined, position_qty: undefined, status: 'new', filled_qty: '0', filled_avg_price: null },
      { event: 'partial_fill', price: '420.01', qty: '4', position_qty: '4', status: 'partially_filled', filled_qty: '4', filled_avg_price: '420.01' },
      { event: 'fill', price: '420.02', qty: '6', position_qty: '10', status: 'filled', filled_qty: '10', filled_avg_price: '420.016' },
    ]);
    if (fixture !== undefined) {
      expect(ours.map(pick)).toEqual(fixture.map((f) => pick(f.data)));
      ours.forEach((u, i) => { expect(keysOf(u)).toEqual(keysOf(fixture[i]?.data)); });
    }
  });
});

describe('cancel', () => {
  it('emits pending_cancel then canceled; a closed order is not cancelable (422)', () => {
    const h = ready();
    const o = h.order(lmt());
    expect(h.ex.cancelOrder(o.id)).toEqual({ ok: true, value: null });
    expect(h.eventsOf(o.id)).toEqual(['new', 'pending_cancel', 'canceled']);
    expect(h.get(o.id)['canceled_at']).toMatch(RFC3339);
    expect(h.ex.cancelOrder(o.id)).toMatchObject({ ok: false, error: { status: 422, code: 42210000 } });
  });

  it('cancel all answers a 207 row per open order in the recorded shape', () => {
    const h = ready();
    const a = h.order(lmt());
    const b = h.order(lmt({ limit_price: '149' }));
    const rows = h.ex.cancelAllOrders();
    expect(rows).toEqual([{ id: a.id, status: 200 }, { id: b.id, status: 200 }]);
    const fixture = loadFixture('rest/cancel_all_orders_207.json') as object[] | undefined;
    if (fixture?.[0] !== undefined) expect(keysOf(rows[0])).toEqual(keysOf(fixture[0]));
    expect(h.ex.listOrders({})).toEqual({ ok: true, value: [] });
  });
});

describe('replace', () => {
  it('creates a new order that replaces the old one, with replaced then new events', () => {
    const h = ready();
    const old = h.order(lmt({ client_order_id: 'orig' }));
    const result = h.ex.replaceOrder(old.id, { limit_price: '149.5', qty: '3', client_order_id: 'repl' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const next = result.value;
    expect(next.id).not.toBe(old.id);
    expect(next).toMatchObject({ replaces: old.id, limit_price: '149.5', qty: '3', client_order_id: 'repl' });
    expect(h.get(old.id)).toMatchObject({ status: 'replaced', replaced_by: next.id });
    expect(h.get(old.id)['replaced_at']).toMatch(RFC3339);
    expect(h.updates.slice(-2).map((u) => [u.event, u.order.id])).toEqual([['replaced', old.id], ['new', next.id]]);
    expect(h.ex.getOrderByClientOrderId('repl')).toMatchObject({ ok: true, value: { id: next.id, status: 'new' } });
  });

  it('a partially filled order is replaced for what is left', () => {
    const h = ready();
    const old = h.order(lmt({ qty: '250', limit_price: '150' }));
    h.next('AAPL', { o: 150, v: 1000 });
    const result = h.ex.replaceOrder(old.id, { qty: '300' });
    expect(result.ok && result.value['qty']).toBe('200');
    expect(h.ex.replaceOrder(result.ok ? result.value.id : '', { qty: '0.5' })).toMatchObject({ ok: false, error: { status: 422 } });
  });

  it.each([
    ['unchanged', {}, 'order parameters are not changed'],
    ['stop_price on a limit', { stop_price: '140' }, 'stop_price cannot be set on a limit order'],
    ['sub-penny', { limit_price: '149.555' }, /sub-penny/],
    ['fractional qty', { qty: '2.5' }, /whole shares/],
  ])('refuses %s with 422 42210000', (_name, body, message) => {
    const h = ready();
    const o = h.order(lmt());
    const result = h.ex.replaceOrder(o.id, body);
    expect(result).toMatchObject({ ok: false, error: { status: 422, code: 42210000 } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('refuses filled and queued (accepted) orders, and duplicate client_order_ids', () => {
    const h = ready();
    const filled = h.order({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    const other = h.order(lmt({ client_order_id: 'taken', limit_price: '140' }));
    h.next('AAPL', { o: 150 });
    expect(h.ex.replaceOrder(filled.id, { qty: '2' })).toMatchObject({ ok: false, error: { status: 422, code: 42210000, message: 'cannot replace order in filled status' } });
    expect(h.ex.replaceOrder(other.id, { qty: '3', client_order_id: 'taken' })).toMatchObject({ ok: false, error: { status: 422, code: 40010001 } });
    h.at('2025-03-03', '17:00');
    const queued = h.order({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'limit', limit_price: '140', time_in_force: 'day' });
    expect(h.ex.replaceOrder(queued.id, { limit_price: '141' })).toMatchObject({ ok: false, error: { message: 'cannot replace order in accepted status' } });
  });

  it('checks buying power for the replacement, net of the replaced order', () => {
    const h = ready();
    const o = h.order(lmt({ qty: '1000', limit_price: '150' }));
    expect(h.ex.replaceOrder(o.id, { qty: '1300' }).ok).toBe(true);
    const last = h.ex.listOrders({})
    expect(last.ok && last.value.length).toBe(1);
    const id = last.ok ? last.value[0]!.id : '';
    expect(h.ex.replaceOrder(id, { qty: '1400' })).toMatchObject({ ok: false, error: { status: 403, code: 40310000 } });
  });
});

describe('listing and lookup', () => {
  it('filters by status, symbols, side, time and paginates with limit/direction', () => {
    const h = ready().bar('MSFT', { o: 300 });
    const a = h.order(lmt());
    h.t += 1000;
    const b = h.order({ ...lmt(), symbol: 'MSFT', limit_price: '290' });
    h.t += 1000;
    const c = h.order({ ...lmt(), side: 'sell', qty: '1', limit_price: '160' });
    h.ex.cancelOrder(c.id);
    const ids = (q: Record<string, string>) => {
      const r = h.ex.listOrders(q);
      return r.ok ? r.value.map((o) => o.id) : r.error.message;
    };
    expect(ids({})).toEqual([b.id, a.id]);
    expect(ids({ status: 'closed' })).toEqual([c.id]);
    expect(ids({ status: 'all', direction: 'asc' })).toEqual([a.id, b.id, c.id]);
    expect(ids({ status: 'all', limit: '1' })).toEqual([c.id]);
    expect(ids({ status: 'all', symbols: 'MSFT' })).toEqual([b.id]);
    expect(ids({ status: 'all', side: 'sell' })).toEqual([c.id]);
    expect(ids({ status: 'all', after: new Date(h.t - 1500).toISOString(), until: new Date(h.t - 500).toISOString() })).toEqual([b.id]);
    expect(h.ex.listOrders({ limit: '501' })).toMatchObject({ ok: false, error: { status: 422, code: 40010001 } });
    expect(h.ex.listOrders({ status: 'pending' })).toMatchObject({ ok: false, error: { status: 422, code: 40010001 } });
  });
});

describe('faults, logs and listeners', () => {
  it('rejectNext rejects the next n creates over REST (403 by default, 422 on request), then accepts again', () => {
    const h = ready();
    h.ex.rejectNext(2);
    expect(h.attempt(lmt())).toMatchObject({ ok: false, error: { status: 403, code: 40310000, message: 'insufficient buying power' } });
    h.ex.rejectNext(1, 'order rejected by venue', { status: 422 });
    expect(h.attempt(lmt())).toMatchObject({ ok: false, error: { status: 403 } });
    expect(h.attempt(lmt())).toMatchObject({ ok: false, error: { status: 422, code: 42210000, message: 'order rejected by venue' } });
    expect(h.attempt(lmt()).ok).toBe(true);
  });

  it('rejectNext via the stream answers 200, then emits rejected', () => {
    const h = ready();
    h.ex.rejectNext(1, 'rejected by exchange', { via: 'stream' });
    const o = h.order(lmt());
    expect(o.status).toBe('accepted');
    expect(h.eventsOf(o.id)).toEqual(['rejected']);
    expect(h.get(o.id).status).toBe('rejected');
    expect(h.get(o.id)['failed_at']).toMatch(RFC3339);
    h.next('AAPL', { o: 140 });
    expect(h.get(o.id).filled_qty).toBe('0');
  });

  it('records every order request, accepted or rejected, with its result', () => {
    const h = ready();
    const o = h.order(lmt());
    h.attempt(lmt({ limit_price: '1.001' }));
    h.ex.replaceOrder(o.id, { limit_price: '151' });
    const log = h.ex.requestLog();
    expect(log.map((e) => [e.kind, e.result.ok])).toEqual([['create', true], ['create', false], ['replace', true]]);
    expect(log[1]?.body).toMatchObject({ limit_price: '1.001' });
    expect(log[0]?.at).toBe(h.t);
  });

  it('isolates a throwing listener: matching goes on, the error is reported, other listeners still hear', () => {
    const errors: unknown[] = [];
    let t = Date.UTC(2025, 2, 3, 15, 0);
    const ex = new SimExchange({ now: () => t, onListenerError: (e) => errors.push(e) });
    const heard: string[] = [];
    ex.onTradeUpdate(() => {
      throw new Error('boom');
    });
    const off = ex.onTradeUpdate((u) => heard.push(u.event));
    ex.processBar({ symbol: 'AAPL', t, o: 100, h: 100, l: 100, c: 100, v: 1000, vw: 100, n: 1 });
    ex.createOrder({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' });
    t += 60_000;
    ex.processBar({ symbol: 'AAPL', t, o: 100, h: 100, l: 100, c: 100, v: 1000, vw: 100, n: 1 });
    expect(heard).toEqual(['new', 'fill']);
    expect(errors).toHaveLength(2);
    off();
    expect(ex.allFills()).toHaveLength(1);
    expect(ex.allFills()[0]).toMatchObject({ symbol: 'AAPL', side: 'buy', qty: '1', price: '100', position_qty: '1' });
    expect(ex.allOrders()).toHaveLength(1);
  });

  it('is deterministic: the same calls give the same ids, fills and events', () => {
    const run = () => {
      const h = ready();
      h.order(lmt({ qty: '300' }));
      h.order({ symbol: 'AAPL', qty: '5', side: 'buy', type: 'market', time_in_force: 'day', order_class: 'bracket', take_profit: { limit_price: '160' }, stop_loss: { stop_price: '140' } });
      h.next('AAPL', { o: 149, h: 151, l: 148, c: 150, v: 2000 });
      h.next('AAPL', { o: 160.5, v: 2000 });
      return JSON.stringify([h.updates, h.ex.allFills(), h.ex.allOrders()]);
    };
    expect(run()).toBe(run());
  });

  it('validates its options', () => {
    expect(() => new SimExchange({ now: () => 0, volumeShare: 0 })).toThrow(/volumeShare/);
    expect(() => new SimExchange({ now: () => 0, startingCash: 'lots' })).toThrow(/startingCash/);
    expect(() => new SimExchange({ now: () => 0, multiplier: 3 as 2 })).toThrow(/multiplier/);
  });
});
