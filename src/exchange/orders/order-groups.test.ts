import { describe, expect, it } from 'vitest';
import type { AlpacaOrder } from '../contracts.js';
import { SimHarness } from '../matching/sim-harness.js';

const bracket = (extra: Record<string, unknown> = {}) => ({
  symbol: 'AAPL', qty: '100', side: 'buy', type: 'market', time_in_force: 'gtc', order_class: 'bracket',
  take_profit: { limit_price: '105' }, stop_loss: { stop_price: '95' }, ...extra,
});

function legsOf(order: AlpacaOrder): AlpacaOrder[] {
  return (order['legs'] as AlpacaOrder[] | null) ?? [];
}

function filledBracket(): { h: SimHarness; parent: AlpacaOrder; tp: AlpacaOrder; sl: AlpacaOrder } {
  const h = new SimHarness().bar('AAPL', { o: 100 });
  const parent = h.order(bracket());
  h.next('AAPL', { o: 100 });
  const [tp, sl] = legsOf(h.get(parent.id));
  if (tp === undefined || sl === undefined) throw new Error('bracket without legs');
  return { h, parent, tp, sl };
}

describe('bracket orders', () => {
  it('answer with the parent accepted and both legs held, nested', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const o = h.order(bracket({ stop_loss: { stop_price: '95', limit_price: '94.5' } }));
    expect(o).toMatchObject({ status: 'accepted', order_class: 'bracket', type: 'market' });
    const legs = legsOf(o);
    expect(legs.map((l) => [l['type'], l['side'], l.status, l['limit_price'], l['stop_price'], l['submitted_at']])).toEqual([
      ['limit', 'sell', 'held', '105', null, null],
      ['stop_limit', 'sell', 'held', '94.5', '95', null],
    ]);
    expect(legs.every((l) => l['order_class'] === 'bracket' && l['qty'] === '100' && l['time_in_force'] === 'gtc')).toBe(true);
  });

  it('activate the exits only after the entry is completely filled: take-profit new, stop-loss held', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const parent = h.order(bracket());
    h.next('AAPL', { o: 100, v: 500 }); // 50 of 100
    const [tp, sl] = legsOf(h.get(parent.id));
    expect(h.get(parent.id).status).toBe('partially_filled');
    expect([tp?.status, sl?.status]).toEqual(['held', 'held']);
    h.next('AAPL', { o: 100, v: 500 });
    const after = legsOf(h.get(parent.id));
    expect(h.get(parent.id).status).toBe('filled');
    expect(after.map((l) => l.status)).toEqual(['new', 'held']);
    expect(after[0]?.['submitted_at']).not.toBeNull();
    expect(h.eventsOf(tp!.id)).toEqual(['new']);
    expect(h.eventsOf(sl!.id)).toEqual([]);
  });

  it('take-profit fill cancels the stop-loss', () => {
    const { h, tp, sl } = filledBracket();
    h.next('AAPL', { o: 101, h: 105.5, l: 100.5, c: 105 });
    expect(h.get(tp.id)).toMatchObject({ status: 'filled', filled_avg_price: '105' });
    expect(h.get(sl.id).status).toBe('canceled');
    expect(h.eventsOf(sl.id)).toEqual(['canceled']);
    expect(h.positionQty('AAPL')).toBe('0');
  });

  it('a held stop-loss still triggers: it goes new, fills at the stop and cancels the take-profit', () => {
    const { h, tp, sl } = filledBracket();
    h.next('AAPL', { o: 99, h: 99.5, l: 94, c: 94.5 });
    expect(h.get(sl.id)).toMatchObject({ status: 'filled', filled_avg_price: '95' });
    expect(h.eventsOf(sl.id)).toEqual(['new', 'fill']);
    expect(h.get(tp.id).status).toBe('canceled');
  });

  it('when both exits are touched in one bar, the path order decides (nearer extreme first)', () => {
    const { h, tp, sl } = filledBracket();
    h.next('AAPL', { o: 100, h: 105.2, l: 94.5, c: 100 }); // high is nearer (5.2 < 5.5): take-profit first
    expect(h.get(tp.id).status).toBe('filled');
    expect(h.get(sl.id).status).toBe('canceled');
    const second = filledBracket();
    second.h.next('AAPL', { o: 100, h: 105.6, l: 94.8, c: 100 }); // low is nearer: stop first
    expect(second.h.get(second.sl.id).status).toBe('filled');
    expect(second.h.get(second.tp.id).status).toBe('canceled');
  });

  it('a partially filled take-profit resizes the stop-loss to what is left', () => {
    const { h, tp, sl } = filledBracket();
    h.next('AAPL', { o: 105, v: 300 }); // 30 of 100 at 105
    expect(h.get(tp.id)).toMatchObject({ status: 'partially_filled', filled_qty: '30' });
    expect(h.get(sl.id)).toMatchObject({ status: 'held', qty: '70' });
    h.next('AAPL', { o: 94, v: 10_000 });
    expect(h.get(sl.id)).toMatchObject({ status: 'filled', filled_qty: '70', filled_avg_price: '94' });
    expect(h.get(tp.id).status).toBe('canceled');
    expect(h.positionQty('AAPL')).toBe('0');
  });

  it('canceling any order of the group cancels the rest', () => {
    const { h, tp, sl } = filledBracket();
    expect(h.ex.cancelOrder(tp.id).ok).toBe(true);
    expect(h.get(sl.id).status).toBe('canceled');
    expect(h.eventsOf(tp.id).slice(-2)).toEqual(['pending_cancel', 'canceled']);
    const fresh = new SimHarness().bar('AAPL', { o: 100 });
    const parent = fresh.order(bracket({ type: 'limit', limit_price: '99' }));
    expect(fresh.ex.cancelOrder(parent.id).ok).toBe(true);
    expect(legsOf(fresh.get(parent.id)).map((l) => l.status)).toEqual(['canceled', 'canceled']);
  });

  it('legs can be replaced and stay in the group', () => {
    const { h, tp, sl } = filledBracket();
    const replaced = h.ex.replaceOrder(tp.id, { limit_price: '103' });
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    expect(replaced.value).toMatchObject({ replaces: tp.id, limit_price: '103' });
    expect(h.get(tp.id)).toMatchObject({ status: 'replaced', replaced_by: replaced.value.id });
    h.next('AAPL', { o: 103.5 });
    expect(h.get(replaced.value.id).status).toBe('filled');
    expect(h.get(sl.id).status).toBe('canceled');
  });
});

describe('oco orders', () => {
  function withPosition(): SimHarness {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    h.order({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day' });
    h.next('AAPL', { o: 100 });
    return h;
  }
  const oco = { symbol: 'AAPL', qty: '10', side: 'sell', type: 'limit', time_in_force: 'gtc', order_class: 'oco', take_profit: { limit_price: '105' }, stop_loss: { stop_price: '95' } };

  it('are exits only: without a position they are refused with 403 40310000', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const result = h.attempt(oco);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.status, result.error.code]).toEqual([403, 40310000]);
  });

  it('work both exits at once; one filling cancels the other', () => {
    const h = withPosition();
    const parent = h.order(oco);
    expect(parent).toMatchObject({ order_class: 'oco', type: 'limit', limit_price: '105' });
    const [sl] = legsOf(parent);
    expect(sl).toMatchObject({ type: 'stop', stop_price: '95' });
    expect(h.get(parent.id).status).toBe('new');
    expect(h.get(sl!.id).status).toBe('new');
    h.next('AAPL', { o: 96, l: 94, c: 95 });
    expect(h.get(sl!.id)).toMatchObject({ status: 'filled', filled_avg_price: '95' });
    expect(h.get(parent.id).status).toBe('canceled');
  });

  it('hold the shares once: a further sell is refused with insufficient qty', () => {
    const h = withPosition();
    const parent = h.order(oco);
    const result = h.attempt({ symbol: 'AAPL', qty: '1', side: 'sell', type: 'market', time_in_force: 'day' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ status: 403, code: 40310000, message: 'insufficient qty available for order (requested: 1, available: 0)' });
    expect(result.error.extra).toMatchObject({ held_for_orders: '10' });
    expect(result.error.extra?.['related_orders']).toContain(parent.id);
  });
});

describe('oto orders', () => {
  it('hold the single exit until the entry fills, then make it new', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const parent = h.order({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'limit', limit_price: '100', time_in_force: 'day', order_class: 'oto', stop_loss: { stop_price: '95' } });
    const [sl] = legsOf(parent);
    expect(sl).toMatchObject({ status: 'held', order_class: 'oto', type: 'stop', side: 'sell' });
    h.next('AAPL', { o: 100 });
    expect(h.get(sl!.id).status).toBe('new');
    h.next('AAPL', { o: 94 });
    expect(h.get(sl!.id)).toMatchObject({ status: 'filled', filled_avg_price: '94' });
  });
});

describe('listing groups', () => {
  it('nested=true rolls the legs up under the parent; otherwise every order is listed', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const parent = h.order(bracket({ type: 'limit', limit_price: '99' }));
    const flat = h.ex.listOrders({ status: 'all' });
    const nested = h.ex.listOrders({ status: 'all', nested: 'true' });
    expect(flat.ok && flat.value.length).toBe(3);
    expect(nested.ok && nested.value.map((o) => o.id)).toEqual([parent.id]);
    expect(nested.ok && legsOf(nested.value[0]!).length).toBe(2);
  });
});

describe('replacing a bracket entry', () => {
  it('resizes the exits that are not live yet to the new entry size', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const parent = h.order(bracket({ type: 'limit', limit_price: '99', qty: '100' }));
    const replaced = h.ex.replaceOrder(parent.id, { qty: '150' });
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    expect(legsOf(h.get(replaced.value.id)).map((l) => [l.status, l['qty']])).toEqual([['held', '150'], ['held', '150']]);
    h.next('AAPL', { o: 98.5 });
    expect(legsOf(h.get(replaced.value.id)).map((l) => l.status)).toEqual(['new', 'held']);
  });
});
