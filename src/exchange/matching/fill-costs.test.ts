// Hand-checked scenarios for the backtest costs and fill models (issue #6): slippage per share on market, stop,
// trailing-stop, limit and auction fills; commission per share and per order on partial fills and the cash
// after it; the 'close' fill model (fill on submission at the just-ended bar's close, its volume cap, its
// fallbacks to next_open). Every expected number is worked out by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import { SimExchange } from '../trading-venue.js';
import { SimHarness } from './sim-harness.js';

const D1 = '2025-03-03'; // Monday
const D2 = '2025-03-04';

const mkt = (side: string, qty = '10', extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty, side, type: 'market', time_in_force: 'day', ...extra });
const lmt = (side: string, price: string, extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty: '10', side, type: 'limit', limit_price: price, time_in_force: 'gtc', ...extra });
const stop = (side: string, price: string) => ({ symbol: 'AAPL', qty: '10', side, type: 'stop', stop_price: price, time_in_force: 'gtc' });

function ready(options: ConstructorParameters<typeof SimHarness>[2] = {}, hhmm = '10:00'): SimHarness {
  return new SimHarness(D1, hhmm, options).bar('AAPL', { o: 100 });
}

/** A harness holding a 10-share long bought at 100 (no costs configured for the entry's own check). */
function long10(options: ConstructorParameters<typeof SimHarness>[2]): SimHarness {
  const h = ready(options);
  h.order(mkt('buy'));
  h.next('AAPL', { o: 100 });
  return h;
}

describe('option validation', () => {
  const base = { now: () => 0 };
  it.each([
    ['slippagePerShare', '-0.01'],
    ['slippagePerShare', 'a cent'],
    ['commissionPerShare', '-1'],
    ['commissionPerOrder', 'free'],
  ])('%s %j is a RangeError naming the option, the value and the range', (name, value) => {
    expect(() => new SimExchange({ ...base, [name]: value })).toThrow(RangeError);
    expect(() => new SimExchange({ ...base, [name]: value })).toThrow(new RegExp(`${name} must be a decimal string >= 0.*${JSON.stringify(value)}`));
  });

  it('fillModel must be next_open or close', () => {
    expect(() => new SimExchange({ ...base, fillModel: 'vwap' as 'close' })).toThrow(/fillModel must be one of next_open, close, got "vwap"/);
  });

  it('accepts zero and positive decimals', () => {
    expect(() => new SimExchange({ ...base, slippagePerShare: '0', commissionPerShare: '0.005', commissionPerOrder: '1', fillModel: 'close' })).not.toThrow();
  });
});

describe('slippage per share, always against the taker', () => {
  it('market orders: a buy pays open + s, a sell receives open − s', () => {
    const h = ready({ slippagePerShare: '0.02' });
    const buy = h.order(mkt('buy'));
    h.next('AAPL', { o: 101.25 }); // 101.25 + 0.02
    expect(h.get(buy.id)).toMatchObject({ status: 'filled', filled_avg_price: '101.27' });
    const sell = h.order(mkt('sell'));
    h.next('AAPL', { o: 101.25 }); // 101.25 − 0.02
    expect(h.get(sell.id).filled_avg_price).toBe('101.23');
    expect(h.updates.filter((u) => u.event === 'fill').map((u) => u.price)).toEqual(['101.27', '101.23']);
  });

  it('stop orders: touched intrabar fill at stop ∓ s; gapped through fill at the open ∓ s', () => {
    const h = long10({ slippagePerShare: '0.05' });
    const touched = h.order(stop('sell', '99'));
    h.next('AAPL', { o: 100, h: 100.5, l: 98, c: 98.5 }); // path reaches 99 going down: 99 − 0.05
    expect(h.get(touched.id).filled_avg_price).toBe('98.95');
    const h2 = long10({ slippagePerShare: '0.05' });
    const gapped = h2.order(stop('sell', '99'));
    h2.next('AAPL', { o: 97, h: 97.5, l: 96, c: 97 }); // opens below the stop: 97 − 0.05
    expect(h2.get(gapped.id).filled_avg_price).toBe('96.95');
    const h3 = ready({ slippagePerShare: '0.05' });
    const buyStop = h3.order(stop('buy', '101'));
    h3.next('AAPL', { o: 100, h: 102, l: 99.8, c: 101.5 }); // reaches 101 going up: 101 + 0.05
    expect(h3.get(buyStop.id).filled_avg_price).toBe('101.05');
  });

  it('trailing stops: the triggered stop price ∓ s', () => {
    const h = long10({ slippagePerShare: '0.05' });
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'trailing_stop', trail_price: '2', time_in_force: 'gtc' });
    h.next('AAPL', { o: 100.5, h: 104, l: 100.4, c: 103 }); // hwm 104, stop 102
    h.next('AAPL', { o: 103, h: 103.5, l: 101, c: 101.5 }); // falls through 102: 102 − 0.05
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '101.95', stop_price: '102' });
  });

  it('limit orders never fill worse than their limit: none at the limit, up to the limit on a better open', () => {
    const h = ready({ slippagePerShare: '0.05' });
    h.bar('MSFT', { o: 100 });
    const touched = h.order(lmt('buy', '98.5'));
    const gapped = h.order({ ...lmt('buy', '98.5'), symbol: 'MSFT' });
    h.next('AAPL', { o: 99.5, h: 99.8, l: 98.2, c: 98.9 }); // touches 98.5: 98.5 + 0.05 > limit → 98.5
    h.bar('MSFT', { o: 97.1, h: 97.5, l: 96, c: 97 }); // opens at 97.1: 97.1 + 0.05 = 97.15 ≤ 98.5
    expect(h.get(touched.id).filled_avg_price).toBe('98.5');
    expect(h.get(gapped.id).filled_avg_price).toBe('97.15');
    const near = h.order(lmt('buy', '98.5'));
    h.next('AAPL', { o: 98.48, h: 98.6, l: 98.4, c: 98.5 }); // opens at 98.48: 98.53 capped at 98.5
    expect(h.get(near.id).filled_avg_price).toBe('98.5');
    const sell = h.order({ ...lmt('sell', '105'), qty: '5' });
    h.next('AAPL', { o: 106.2, h: 107, l: 105.5, c: 106 }); // sell opens above: 106.2 − 0.05 = 106.15 ≥ 105
    expect(h.get(sell.id).filled_avg_price).toBe('106.15');
  });

  it('a triggered stop_limit is a limit: slipped, but not past its limit', () => {
    const h = long10({ slippagePerShare: '0.05' });
    const o = h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'stop_limit', stop_price: '99', limit_price: '98.98', time_in_force: 'gtc' });
    h.next('AAPL', { o: 100, h: 100, l: 98.5, c: 98.6 }); // stop 99 reached: 99 − 0.05 = 98.95 < 98.98 → 98.98
    expect(h.get(o.id).filled_avg_price).toBe('98.98');
  });

  it('closing auction (cls) market orders take the slippage like market orders', () => {
    const h = ready({ slippagePerShare: '0.05' }, '15:00');
    const o = h.order(mkt('buy', '10', { time_in_force: 'cls' }));
    h.at(D1, '15:59').bar('AAPL', { o: 100, h: 101.2, l: 99.9, c: 101 }); // close 101 + 0.05
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '101.05' });
  });
});

describe('commission per share and per order', () => {
  it('is charged at each partial fill (per-order fee on the first only), recorded on SimFill and the trade update, and leaves cash exact', () => {
    const h = ready({ commissionPerShare: '0.005', commissionPerOrder: '1' });
    const buy = h.order(mkt('buy'));
    h.next('AAPL', { o: 420.01, v: 40 }); // cap ⌊0.1 × 40⌋ = 4 shares: 4 × 0.005 + 1 = 1.02
    h.next('AAPL', { o: 420.02, v: 60 }); // remaining 6 shares: 6 × 0.005 = 0.03
    expect(h.get(buy.id)).toMatchObject({ status: 'filled', filled_qty: '10' });
    expect(h.ex.allFills().map((f) => [f.qty, f.price, f.commission])).toEqual([['4', '420.01', '1.02'], ['6', '420.02', '0.03']]);
    expect(h.updates.filter((u) => u.order.id === buy.id && u.qty !== undefined).map((u) => [u.event, u.commission])).toEqual([['partial_fill', '1.02'], ['fill', '0.03']]);
    // 100000 − 4 × 420.01 − 6 × 420.02 − 1.02 − 0.03 = 100000 − 1680.04 − 2520.12 − 1.05 = 95798.79
    expect(h.ex.getAccount().cash).toBe('95798.79');
    const sell = h.order(mkt('sell'));
    h.next('AAPL', { o: 421 }); // 10 × 0.005 + 1 = 1.05; cash 95798.79 + 4210 − 1.05 = 100007.74
    expect(h.ex.allFills().at(-1)).toMatchObject({ order_id: sell.id, qty: '10', price: '421', commission: '1.05' });
    // flat again: equity = cash = 100000 + realized 9.84 (4210 − 4200.16) − fees 2.10
    expect(h.ex.getAccount()).toMatchObject({ cash: '100007.74', equity: '100007.74' });
  });

  it('charges each bracket leg as its own order', () => {
    const h = ready({ commissionPerOrder: '1' });
    const entry = h.order({ ...mkt('buy'), order_class: 'bracket', take_profit: { limit_price: '105' }, stop_loss: { stop_price: '95' } });
    h.next('AAPL', { o: 100 }); // entry 10 @ 100, fee 1
    h.next('AAPL', { o: 104, h: 106, l: 103.5, c: 105.5 }); // take-profit 10 @ 105, fee 1; stop-loss canceled
    expect(h.ex.allFills().map((f) => [f.price, f.commission])).toEqual([['100', '1'], ['105', '1']]);
    expect(h.get(entry.id).legs).toBeTruthy();
    // 100000 − 1000 − 1 + 1050 − 1 = 100048
    expect(h.ex.getAccount().cash).toBe('100048');
  });

  it('without commission the fill carries no commission field (Alpaca shape) and SimFill says 0', () => {
    const h = ready();
    h.order(mkt('buy'));
    h.next('AAPL', { o: 100 });
    const fill = h.updates.find((u) => u.event === 'fill');
    expect(fill).toBeDefined();
    expect('commission' in (fill ?? {})).toBe(false);
    expect(h.ex.allFills()[0]?.commission).toBe('0');
  });
});

describe("fill model 'close'", () => {
  const closeModel = { fillModel: 'close' as const };

  /** 10:00 bar processed at 10:00 (o 100, h 101, l 99, c 100.5), then the clock moves to 10:01: that bar has ended. */
  function afterBar(options = {}, v = 1_000_000): SimHarness {
    const h = new SimHarness(D1, '10:00', { ...closeModel, ...options }).bar('AAPL', { o: 100, h: 101, l: 99, c: 100.5, v });
    return h.at(D1, '10:01');
  }

  it('a market order fills on submission at the close of the bar that just ended; the REST answer still says accepted', () => {
    const h = afterBar();
    const o = h.order(mkt('buy'));
    expect(o.status).toBe('accepted');
    expect(h.eventsOf(o.id)).toEqual(['new', 'fill']);
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '100.5', filled_at: '2025-03-03T15:01:00.000Z' });
    expect(h.positionQty('AAPL')).toBe('10');
  });

  it('with slippage and commission: close + s, commission charged', () => {
    const h = afterBar({ slippagePerShare: '0.02', commissionPerOrder: '1' });
    const o = h.order(mkt('sell', '5'));
    // short 5 @ 100.5 − 0.02 = 100.48; cash 100000 + 502.4 − 1 = 100501.4
    expect(h.get(o.id).filled_avg_price).toBe('100.48');
    expect(h.ex.getAccount().cash).toBe('100501.4');
  });

  it("the volume cap is that bar's: the rest fills at the next bar's open", () => {
    const h = afterBar({}, 40);
    const o = h.order(mkt('buy'));
    expect(h.get(o.id)).toMatchObject({ status: 'partially_filled', filled_qty: '4' }); // ⌊0.1 × 40⌋ = 4 @ 100.5
    h.bar('AAPL', { o: 100.8 }); // 10:01 bar, v 1e6: 6 @ 100.8
    // (4 × 100.5 + 6 × 100.8) / 10 = (402 + 604.8) / 10 = 100.68
    expect(h.get(o.id)).toMatchObject({ status: 'filled', filled_avg_price: '100.68' });
  });

  it('ioc takes what the bar allows and cancels the rest at once', () => {
    const h = afterBar({}, 40);
    const o = h.order(mkt('buy', '10', { time_in_force: 'ioc' }));
    expect(h.get(o.id)).toMatchObject({ status: 'canceled', filled_qty: '4' });
  });

  it('falls back to next_open: before the bar has ended (no look-ahead), with no bar for the symbol, or a stale bar', () => {
    const early = new SimHarness(D1, '10:00', closeModel).bar('AAPL', { o: 100, c: 100.5 });
    const a = early.order(mkt('buy')); // still 10:00: the 10:00 bar's close is in the future
    expect(early.get(a.id).status).toBe('new');
    early.next('AAPL', { o: 100.7 });
    expect(early.get(a.id).filled_avg_price).toBe('100.7');

    const h = afterBar({ referencePrice: () => 50 });
    const b = h.order({ ...mkt('buy'), symbol: 'MSFT' }); // MSFT never had a bar (valued at the reference price)
    expect(h.get(b.id)).toMatchObject({ status: 'new', filled_qty: '0' });

    const stale = afterBar().at(D1, '10:05');
    const c = stale.order(mkt('buy')); // the 10:00 bar ended at 10:01, four minutes ago
    expect(stale.get(c.id).status).toBe('new');
    stale.bar('AAPL', { o: 99 });
    expect(stale.get(c.id).filled_avg_price).toBe('99');
  });

  it("the day's last bar: an order submitted at 16:00 fills at the 15:59 bar's close", () => {
    const h = new SimHarness(D1, '15:59', closeModel).bar('AAPL', { o: 100, h: 101, l: 99.5, c: 100.9 });
    h.at(D1, '16:00');
    const o = h.order(mkt('buy'));
    expect(h.eventsOf(o.id)).toEqual(['new', 'fill']);
    expect(h.get(o.id).filled_avg_price).toBe('100.9');
  });

  it('resting limit and stop orders still match intrabar from the next bar', () => {
    const h = afterBar();
    const buy = h.order(mkt('buy')); // 10 @ 100.5 now
    const lim = h.order(lmt('sell', '101.5'));
    expect(h.get(lim.id).status).toBe('new'); // marketable against the close? it is not: limits never fill on submission
    h.bar('AAPL', { o: 100.6, h: 101.7, l: 100.4, c: 101 }); // 10:01 bar touches 101.5
    expect(h.get(buy.id).filled_avg_price).toBe('100.5');
    expect(h.get(lim.id).filled_avg_price).toBe('101.5');
  });

  it('a bracket entry fills at the close; its legs work from the next bar', () => {
    const h = afterBar();
    const o = h.order({ ...mkt('buy'), order_class: 'bracket', take_profit: { limit_price: '102' }, stop_loss: { stop_price: '99' } });
    const entry = h.get(o.id);
    expect(entry).toMatchObject({ status: 'filled', filled_avg_price: '100.5' });
    h.bar('AAPL', { o: 100.4, h: 100.6, l: 98.7, c: 98.9 }); // 10:01: falls through the 99 stop
    const legs = h.get(o.id)['legs'] as { status: string; filled_avg_price: string | null; order_type: string }[];
    expect(legs.map((l) => [l.order_type, l.status, l.filled_avg_price])).toEqual([['limit', 'canceled', null], ['stop', 'filled', '99']]);
  });

  it('opg orders are auctions, not filled on submission', () => {
    const h = new SimHarness(D1, '15:59', closeModel).bar('AAPL', { o: 100 });
    h.at(D1, '19:30');
    const o = h.order(mkt('buy', '10', { time_in_force: 'opg' }));
    expect(h.get(o.id).filled_qty).toBe('0');
    expect(h.eventsOf(o.id)).not.toContain('fill');
    h.at(D2, '09:30').bar('AAPL', { o: 102 });
    expect(h.get(o.id).filled_avg_price).toBe('102');
  });
});
