import { describe, expect, it } from 'vitest';
import { SimHarness } from './sim-harness.js';

const D1 = '2025-03-03'; // Monday
const D2 = '2025-03-04';

function ready(hhmm = '10:00', options = {}): SimHarness {
  return new SimHarness(D1, hhmm, options).bar('AAPL', { o: 100 });
}

const mkt = (side: string, qty = '10', extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty, side, type: 'market', time_in_force: 'day', ...extra });
const lmt = (side: string, price: string, extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty: '10', side, type: 'limit', limit_price: price, time_in_force: 'gtc', ...extra });

describe('market orders (next bar open)', () => {
  it('fill at the open of the next bar, never on the bar already processed', () => {
    const h = ready();
    const o = h.order(mkt('buy'));
    expect(o.status).toBe('accepted');
    expect(h.get(o.id).status).toBe('new');
    h.next('AAPL', { o: 101.25, h: 103, l: 99, c: 102 });
    const order = h.get(o.id);
    expect(order).toMatchObject({ status: 'filled', filled_qty: '10', filled_avg_price: '101.25' });
    expect(h.eventsOf(o.id)).toEqual(['new', 'fill']);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: '101.25', qty: '10', position_qty: '10' });
    expect(h.positionQty('AAPL')).toBe('10');
  });

  it('sell of a notional amount fills a fractional qty', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', notional: '250', side: 'buy', type: 'market', time_in_force: 'day' });
    expect(o.qty).toBeNull();
    expect(o.notional).toBe('250');
    h.next('AAPL', { o: 125 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_qty: '2', filled_avg_price: '125' });
  });
});

describe('limit orders', () => {
  it('rest until the path touches the limit, then fill at the limit', () => {
    const h = ready();
    const o = h.order(lmt('buy', '98.5'));
    h.next('AAPL', { o: 100, h: 100.5, l: 99, c: 99.5 });
    expect(h.get(o.id).status).toBe('new');
    h.next('AAPL', { o: 99.5, h: 99.8, l: 98.2, c: 98.9 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '98.5' });
  });

  it('fill at the open when the bar opens better than the limit (gap)', () => {
    const h = ready();
    h.bar('MSFT', { o: 100 });
    const buy = h.order(lmt('buy', '98.5'));
    const sell = h.order({ ...lmt('sell', '105'), symbol: 'MSFT' });
    h.next('AAPL', { o: 97.1, h: 97.5, l: 96, c: 97 });
    h.bar('MSFT', { o: 106.2, h: 107, l: 105.5, c: 106 });
    expect(h.get(buy.id).filled_avg_price).toBe('97.1');
    expect(h.get(sell.id).filled_avg_price).toBe('106.2');
  });
});

describe('stop and stop_limit orders', () => {
  it('stop sell triggers where the path crosses and fills at the stop; a gap fills at the open', () => {
    const h = ready();
    h.order(mkt('buy', '20'));
    h.next('AAPL', { o: 100 });
    const s1 = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'stop', stop_price: '98', time_in_force: 'gtc' });
    const s2 = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'stop', stop_price: '95', time_in_force: 'gtc' });
    h.next('AAPL', { o: 99, h: 99.5, l: 97.5, c: 98 });
    expect(h.get(s1.id)).toMatchObject({ status: 'filled', filled_avg_price: '98' });
    expect(h.get(s2.id).status).toBe('new');
    h.next('AAPL', { o: 93, h: 94, l: 92, c: 93.5 });
    expect(h.get(s2.id)).toMatchObject({ status: 'filled', filled_avg_price: '93' });
  });

  it('stop buy fills at the stop when crossed', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', qty: '5', side: 'buy', type: 'stop', stop_price: '101', time_in_force: 'day' });
    h.next('AAPL', { o: 100.2, h: 101.6, l: 100, c: 101.4 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '101' });
  });

  it('stop_limit fills at the stop when within the limit', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', qty: '5', side: 'buy', type: 'stop_limit', stop_price: '101', limit_price: '101.5', time_in_force: 'day' });
    h.next('AAPL', { o: 100.2, h: 102, l: 100, c: 101.8 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '101' });
  });

  it('stop_limit that gaps past its limit becomes a resting limit order', () => {
    const h = ready();
    const o = h.order({ symbol: 'AAPL', qty: '5', side: 'buy', type: 'stop_limit', stop_price: '101', limit_price: '101.5', time_in_force: 'gtc' });
    h.next('AAPL', { o: 103, h: 104, l: 102, c: 103.5 });
    expect(h.get(o.id).status).toBe('new');
    h.next('AAPL', { o: 102, h: 102.5, l: 100.9, c: 101 }); // back below its stop: still fills as a limit
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '101.5' });
  });
});

describe('trailing stop orders', () => {
  it('track the high-water mark, expose hwm and stop_price, and trigger at hwm − trail_price', () => {
    const h = ready();
    h.order(mkt('buy', '10'));
    h.next('AAPL', { o: 100 });
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'trailing_stop', trail_price: '2', time_in_force: 'gtc' });
    expect(h.get(o.id)).toMatchObject({ hwm: '100', stop_price: '98', trail_price: '2' });
    h.next('AAPL', { o: 100.5, h: 104, l: 100.4, c: 103 });
    expect(h.get(o.id)).toMatchObject({ status: 'new', hwm: '104', stop_price: '102' });
    h.next('AAPL', { o: 103, h: 103.5, l: 101, c: 101.5 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '102', hwm: '104' });
  });

  it('trail_percent uses hwm × (1 − pct), rounded to the cent', () => {
    const h = ready();
    h.order(mkt('buy', '10'));
    h.next('AAPL', { o: 100 });
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'trailing_stop', trail_percent: '1.5', time_in_force: 'day' });
    h.next('AAPL', { o: 100, h: 110.37, l: 100, c: 110 });
    expect(h.get(o.id)).toMatchObject({ hwm: '110.37', stop_price: '108.71' });
  });

  it('do not trigger or move outside regular hours', () => {
    const h = ready('15:58');
    h.order(mkt('buy', '10'));
    h.next('AAPL', { o: 100 });
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'trailing_stop', trail_price: '1', time_in_force: 'gtc' });
    h.at(D1, '16:30').bar('AAPL', { o: 100, h: 105, l: 90, c: 95 });
    expect(h.get(o.id)).toMatchObject({ status: 'new', hwm: '100' });
  });
});

describe('partial fills by volume share', () => {
  it('take at most 10 % of each bar and stay partially_filled in between', () => {
    const h = ready();
    const o = h.order(mkt('buy', '250'));
    h.next('AAPL', { o: 100, v: 1000 });
    expect(h.get(o.id)).toMatchObject({ status: 'partially_filled', filled_qty: '100' });
    h.next('AAPL', { o: 101, v: 1000 });
    h.next('AAPL', { o: 102, v: 1000 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_qty: '250', filled_avg_price: '100.8' });
    expect(h.eventsOf(o.id)).toEqual(['new', 'partial_fill', 'partial_fill', 'fill']);
    expect(h.updates.filter((u) => u.order.id === o.id && u.qty !== undefined).map((u) => [u.qty, u.position_qty])).toEqual([
      ['100', '100'],
      ['100', '200'],
      ['50', '250'],
    ]);
  });

  it('take at least one share from a bar that traded, none from a bar with no volume', () => {
    const h = ready();
    const o = h.order(mkt('buy', '3'));
    h.next('AAPL', { o: 100, v: 0 });
    expect(h.get(o.id).filled_qty).toBe('0');
    h.next('AAPL', { o: 100, v: 5 });
    expect(h.get(o.id).filled_qty).toBe('1');
  });

  it('respect a custom volumeShare', () => {
    const h = ready('10:00', { volumeShare: 0.5 });
    const o = h.order(mkt('buy', '80'));
    h.next('AAPL', { o: 100, v: 100 });
    expect(h.get(o.id).filled_qty).toBe('50');
  });
});

describe('time in force', () => {
  it('ioc fills what the first eligible bar allows and cancels the rest', () => {
    const h = ready();
    const o = h.order(mkt('buy', '150', { time_in_force: 'ioc' }));
    h.next('AAPL', { o: 100, v: 1000 });
    expect(h.get(o.id)).toMatchObject({ status: 'canceled', filled_qty: '100' });
    expect(h.eventsOf(o.id)).toEqual(['new', 'partial_fill', 'canceled']);
    const l = h.order(lmt('buy', '90', { time_in_force: 'ioc' }));
    h.next('AAPL', { o: 100 });
    expect(h.get(l.id)).toMatchObject({ status: 'canceled', filled_qty: '0' });
  });

  it('fok fills all on the first eligible bar or cancels without a fill', () => {
    const h = ready();
    const small = h.order(mkt('buy', '100', { time_in_force: 'fok' }));
    const big = h.order(mkt('buy', '101', { time_in_force: 'fok' }));
    h.next('AAPL', { o: 100, v: 1000 });
    expect(h.get(small.id)).toMatchObject({ status: 'filled', filled_qty: '100' });
    expect(h.get(big.id)).toMatchObject({ status: 'canceled', filled_qty: '0' });
  });

  it('day orders expire at the session close (processTime) with an expired event', () => {
    const h = ready('15:58');
    const o = h.order(lmt('buy', '90', { time_in_force: 'day' }));
    h.next('AAPL', { o: 100 });
    h.at(D1, '16:00');
    expect(h.get(o.id)).toMatchObject({ status: 'expired' });
    expect(h.get(o.id).expired_at).toBe('2025-03-03T21:00:00.000Z');
    expect(h.eventsOf(o.id)).toEqual(['new', 'expired']);
  });

  it('day orders expire on the first bar after the close, before it can fill them', () => {
    const h = ready('15:59');
    const o = h.order(lmt('buy', '90', { time_in_force: 'day' }));
    h.t = h.t + 60_000;
    h.bar('AAPL', { o: 85 }); // 16:00 post-market bar far below the limit
    expect(h.get(o.id)).toMatchObject({ status: 'expired', filled_qty: '0' });
  });

  it('gtc orders survive the close and fill the next day', () => {
    const h = ready('15:59');
    const o = h.order(lmt('buy', '95'));
    h.at(D1, '20:00').at(D2, '09:30').bar('AAPL', { o: 96, h: 96, l: 94, c: 95 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '95' });
  });

  it('opg fills at the first regular bar open; an unmarketable opg limit is canceled', () => {
    const h = new SimHarness(D1, '08:00').bar('AAPL', { o: 100 });
    const m = h.order(mkt('buy', '500', { time_in_force: 'opg' }));
    const l = h.order(lmt('buy', '90', { time_in_force: 'opg' }));
    h.next('AAPL', { o: 100 }); // pre-market bar: nothing crosses
    expect(h.get(m.id).filled_qty).toBe('0');
    h.at(D1, '09:30').bar('AAPL', { o: 101, h: 102, l: 100, c: 101, v: 1000 });
    expect(h.get(m.id)).toMatchObject({ status: 'filled', filled_qty: '500', filled_avg_price: '101' });
    expect(h.get(l.id).status).toBe('canceled');
  });

  it('cls fills at the close of the session last bar', () => {
    const h = ready();
    const o = h.order(mkt('buy', '10', { time_in_force: 'cls' }));
    h.at(D1, '15:58').bar('AAPL', { o: 100, c: 100.5 });
    expect(h.get(o.id).filled_qty).toBe('0');
    h.at(D1, '15:59').bar('AAPL', { o: 100.5, h: 101, l: 100, c: 100.75 });
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '100.75' });
  });
});

describe('session hours', () => {
  it('only extended_hours limit orders fill pre-market; others are queued until the open', () => {
    const h = new SimHarness(D1, '08:00').bar('AAPL', { o: 100 });
    const ext = h.order(lmt('buy', '100', { extended_hours: true, time_in_force: 'day' }));
    const reg = h.order(lmt('buy', '100', { time_in_force: 'day' }));
    const m = h.order(mkt('buy', '10'));
    expect(h.get(reg.id).status).toBe('accepted');
    expect(h.get(m.id).status).toBe('accepted');
    h.next('AAPL', { o: 99.5 });
    expect(h.get(ext.id)).toMatchObject({ status: 'filled', filled_avg_price: '99.5' });
    expect(h.get(reg.id).filled_qty).toBe('0');
    expect(h.eventsOf(m.id)).toEqual([]);
    h.at(D1, '09:30').bar('AAPL', { o: 99.8 });
    expect(h.get(m.id)).toMatchObject({ status: 'filled', filled_avg_price: '99.8' });
    expect(h.get(reg.id)).toMatchObject({ status: 'filled', filled_avg_price: '99.8' });
    expect(h.eventsOf(m.id)).toEqual(['new', 'fill']);
  });

  it('extended day orders live until the after-hours close; regular orders placed after the close wait for the next session', () => {
    const h = ready('16:30');
    const ext = h.order(lmt('buy', '95', { extended_hours: true, time_in_force: 'day' }));
    const late = h.order(mkt('buy', '1'));
    h.next('AAPL', { o: 96, l: 94.5 });
    expect(h.get(ext.id).status).toBe('filled');
    expect(h.get(late.id).status).toBe('accepted');
    h.at(D2, '09:30').bar('AAPL', { o: 97 });
    expect(h.get(late.id)).toMatchObject({ status: 'filled', filled_avg_price: '97' });
  });

  it('extended day orders expire at 20:00 ET', () => {
    const h = ready('19:58');
    const ext = h.order(lmt('buy', '50', { extended_hours: true, time_in_force: 'day' }));
    h.at(D1, '20:00');
    expect(h.get(ext.id).status).toBe('expired');
  });
});
