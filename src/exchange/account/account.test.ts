import { describe, expect, it } from 'vitest';
import { loadFixture, SimHarness } from '../matching/sim-harness.js';

const buy = (qty: string, extra: Record<string, unknown> = {}) => ({ symbol: 'AAPL', qty, side: 'buy', type: 'market', time_in_force: 'day', ...extra });
const sell = (qty: string, extra: Record<string, unknown> = {}) => ({ ...buy(qty), side: 'sell', ...extra });

function longAt100(qty = '100'): SimHarness {
  const h = new SimHarness().bar('AAPL', { o: 100 });
  h.order(buy(qty));
  h.next('AAPL', { o: 100 });
  return h;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

describe('account', () => {
  it('starts with the cash, equity and 2× buying power, with every key of the recorded account', () => {
    const h = new SimHarness();
    const account = h.ex.getAccount();
    expect(account).toMatchObject({ cash: '100000', equity: '100000', buying_power: '200000', multiplier: '2', last_equity: '100000', status: 'ACTIVE', currency: 'USD' });
    const fixture = loadFixture('rest/account.json');
    if (fixture !== undefined) expect(keysOf(account)).toEqual(expect.arrayContaining(keysOf(fixture)));
    for (const [key, value] of Object.entries(account)) {
      if (typeof value === 'number') expect(['daytrade_count', 'options_approved_level', 'options_trading_level']).toContain(key);
    }
  });

  it('values positions at the last price', () => {
    const h = longAt100();
    h.next('AAPL', { o: 110 });
    expect(h.ex.getAccount()).toMatchObject({ cash: '90000', long_market_value: '11000', equity: '101000', short_market_value: '0', initial_margin: '5500' });
    const pos = h.ex.getPosition('AAPL');
    expect(pos.ok).toBe(true);
    if (!pos.ok) return;
    expect(pos.value).toMatchObject({ qty: '100', side: 'long', avg_entry_price: '100', cost_basis: '10000', market_value: '11000', current_price: '110', unrealized_pl: '1000', unrealized_plpc: '0.1', qty_available: '100' });
    const fixture = loadFixture('rest/position.json');
    if (fixture !== undefined) expect(keysOf(pos.value)).toEqual(keysOf(fixture));
    expect(h.ex.getPosition(pos.value['asset_id'] as string).ok).toBe(true);
    expect(h.ex.listPositions().map((p) => p.symbol)).toEqual(['AAPL']);
  });

  it('reserves buying power for open orders and releases it on cancel', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    const o = h.order({ symbol: 'AAPL', qty: '100', side: 'buy', type: 'limit', limit_price: '100', time_in_force: 'gtc' });
    expect(h.ex.getAccount()['buying_power']).toBe('190000');
    const tooMuch = h.attempt({ symbol: 'AAPL', qty: '1901', side: 'buy', type: 'limit', limit_price: '100', time_in_force: 'gtc' });
    expect(tooMuch.ok).toBe(false);
    if (!tooMuch.ok) expect([tooMuch.error.status, tooMuch.error.code]).toEqual([403, 40310000]);
    h.ex.cancelOrder(o.id);
    expect(h.ex.getAccount()['buying_power']).toBe('200000');
  });

  it('values market buys 3 % through the last price', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    h.order(buy('10'));
    expect(h.ex.getAccount()['buying_power']).toBe('198970');
  });

  it('a cash account (multiplier 1) can buy only its cash', () => {
    const h = new SimHarness('2025-03-03', '10:00', { multiplier: 1, startingCash: '1000' }).bar('AAPL', { o: 100 });
    expect(h.ex.getAccount()['buying_power']).toBe('1000');
    expect(h.attempt({ symbol: 'AAPL', qty: '11', side: 'buy', type: 'limit', limit_price: '100', time_in_force: 'day' }).ok).toBe(false);
    expect(h.attempt({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'limit', limit_price: '100', time_in_force: 'day' }).ok).toBe(true);
  });

  it('records the equity at each close as last_equity', () => {
    const h = longAt100();
    h.at('2025-03-03', '15:59').bar('AAPL', { o: 105 });
    h.at('2025-03-03', '16:00');
    expect(h.ex.getAccount()).toMatchObject({ last_equity: '100500', balance_asof: '2025-03-03' });
  });
});

describe('short positions', () => {
  it('selling from flat opens a short; buying back realizes the P&L in cash', () => {
    const h = new SimHarness().bar('AAPL', { o: 100 });
    h.order(sell('10'));
    h.next('AAPL', { o: 100 });
    const pos = h.ex.getPosition('AAPL');
    expect(pos.ok && pos.value).toMatchObject({ qty: '-10', side: 'short', market_value: '-1000', cost_basis: '-1000', qty_available: '-10' });
    expect(h.ex.getAccount()).toMatchObject({ cash: '101000', short_market_value: '-1000', equity: '100000' });
    h.next('AAPL', { o: 90 });
    expect(h.ex.getPosition('AAPL')).toMatchObject({ ok: true, value: { unrealized_pl: '100' } });
    h.order(buy('10'));
    h.next('AAPL', { o: 90 });
    expect(h.positionQty('AAPL')).toBe('0');
    expect(h.ex.getAccount()).toMatchObject({ cash: '100100', equity: '100100' });
  });

  it('is refused when shorting is disabled, for fractional qty, and for unshortable assets', () => {
    const off = new SimHarness('2025-03-03', '10:00', { shortingEnabled: false }).bar('AAPL', { o: 100 });
    expect(off.attempt(sell('1'))).toMatchObject({ ok: false, error: { status: 403, code: 40310000 } });
    const h = new SimHarness('2025-03-03', '10:00', { assets: ['AAPL', { symbol: 'HTB', shortable: false }] }).bar('AAPL', { o: 100 }).bar('HTB', { o: 10 });
    expect(h.attempt(sell('0.5'))).toMatchObject({ ok: false, error: { status: 403, message: 'fractional orders cannot be sold short' } });
    expect(h.attempt({ ...sell('1'), symbol: 'HTB' })).toMatchObject({ ok: false, error: { status: 403, message: 'asset HTB is not shortable' } });
  });

  it('a single order never flips a position', () => {
    const h = longAt100('10');
    expect(h.attempt(sell('15'))).toMatchObject({ ok: false, error: { status: 403, code: 40310000, message: 'insufficient qty available for order (requested: 15, available: 10)' } });
  });
});

describe('closing positions', () => {
  it('closes all, a qty or a percentage with a market day order', () => {
    const h = longAt100('10');
    const byQty = h.ex.closePosition('AAPL', { qty: '3' });
    expect(byQty.ok && byQty.value).toMatchObject({ side: 'sell', type: 'market', time_in_force: 'day', qty: '3', status: 'accepted' });
    const fixture = loadFixture('rest/order_market_from_close_position.json');
    if (fixture !== undefined && byQty.ok) expect(keysOf(byQty.value)).toEqual(expect.arrayContaining(keysOf(fixture)));
    h.next('AAPL', { o: 100 });
    const byPct = h.ex.closePosition('AAPL', { percentage: '50' });
    expect(byPct.ok && byPct.value['qty']).toBe('3.5');
    h.next('AAPL', { o: 100 });
    const rest = h.ex.closePosition('AAPL', {});
    expect(rest.ok && rest.value['qty']).toBe('3.5');
    h.next('AAPL', { o: 100 });
    expect(h.positionQty('AAPL')).toBe('0');
    expect(h.ex.requestLog().filter((e) => e.kind === 'close_position')).toHaveLength(3);
  });

  it('answers bad requests as Alpaca does', () => {
    const h = longAt100('10');
    expect(h.ex.closePosition('AAPL', { qty: '1', percentage: '10' })).toMatchObject({ ok: false, error: { status: 422, code: 40010001 } });
    expect(h.ex.closePosition('MSFT', {})).toMatchObject({ ok: false, error: { status: 404, code: 40410000 } });
    expect(h.ex.closePosition('AAPL', { qty: '11' })).toMatchObject({ ok: false, error: { status: 403, code: 40310000 } });
    expect(h.ex.closePosition('AAPL', { percentage: '101' })).toMatchObject({ ok: false, error: { status: 422, code: 40010001 } });
    h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'limit', limit_price: '120', time_in_force: 'gtc' });
    expect(h.ex.closePosition('AAPL', {})).toMatchObject({ ok: false, error: { status: 403, code: 40310000 } });
  });

  it('close all cancels open orders first and answers 207 rows with the orders', () => {
    const h = longAt100('10');
    h.bar('MSFT', { o: 50 });
    h.order({ symbol: 'MSFT', qty: '4', side: 'sell', type: 'market', time_in_force: 'day' });
    h.order({ symbol: 'AAPL', qty: '10', side: 'sell', type: 'limit', limit_price: '120', time_in_force: 'gtc' });
    h.next('MSFT', { o: 50 });
    const rows = h.ex.closeAllPositions(true);
    expect(rows.map((r) => [r.symbol, r.status])).toEqual([['AAPL', 200], ['MSFT', 200]]);
    expect(rows[1]?.body).toMatchObject({ side: 'buy', qty: '4', symbol: 'MSFT' });
    const fixture = loadFixture('rest/close_all_positions_207.json') as { body: unknown }[] | undefined;
    if (fixture?.[0] !== undefined) {
      expect(keysOf(rows[0])).toEqual(keysOf(fixture[0]));
      expect(keysOf(rows[0]?.body)).toEqual(expect.arrayContaining(keysOf(fixture[0].body)));
    }
  });
});
