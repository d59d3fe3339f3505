import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../contracts.js';
import { loadFixture, SimHarness } from '../matching/sim-harness.js';

const limit = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  symbol: 'AAPL', qty: '2', side: 'buy', type: 'limit', limit_price: '99', time_in_force: 'day', ...extra,
});

function harness(date = '2025-03-03', hhmm = '10:00'): SimHarness {
  const h = new SimHarness(date, hhmm);
  h.bar('AAPL', { o: 100 });
  return h;
}

function expectError(result: ApiResult<unknown>, status: number, code: number, message?: string | RegExp): void {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect(result.error.status).toBe(status);
  expect(result.error.code).toBe(code);
  if (typeof message === 'string') expect(result.error.message).toBe(message);
  else if (message !== undefined) expect(result.error.message).toMatch(message);
}

describe('create order: field syntax → 422 40010001', () => {
  const h = harness();
  it.each([
    ['not an object', 'nope', /JSON object/],
    ['missing symbol', { qty: '1', side: 'buy', type: 'market', time_in_force: 'day' }, /symbol is required/],
    ['missing side', { symbol: 'AAPL', qty: '1', type: 'market', time_in_force: 'day' }, /side is required \(one of buy, sell\)/],
    ['bad type', { ...limit(), type: 'iceberg' }, /invalid type: "iceberg" \(allowed: market, limit, stop, stop_limit, trailing_stop\)/],
    ['missing time_in_force', { ...limit(), time_in_force: undefined }, /time_in_force is required/],
    ['qty 0', limit({ qty: '0' }), /qty must be > 0/],
    ['qty negative', limit({ qty: -3 }), /qty must be > 0/],
    ['qty not a number', limit({ qty: 'abc' }), /invalid qty: "abc"/],
    ['qty and notional', { symbol: 'AAPL', qty: '1', notional: '100', side: 'buy', type: 'market', time_in_force: 'day' }, /mutually exclusive/],
    ['neither qty nor notional', { symbol: 'AAPL', side: 'buy', type: 'market', time_in_force: 'day' }, /qty or notional is required/],
    ['limit without limit_price', limit({ limit_price: undefined }), /limit_price is required for type=limit/],
    ['stop without stop_price', { ...limit(), type: 'stop', limit_price: undefined }, /stop_price is required for type=stop/],
    ['stop_limit without limit_price', { ...limit(), type: 'stop_limit', limit_price: undefined, stop_price: '101' }, /limit_price is required/],
    ['trailing_stop without trail', { ...limit(), type: 'trailing_stop', limit_price: undefined }, /exactly one of trail_price or trail_percent/],
    ['trailing_stop with both', { ...limit(), type: 'trailing_stop', limit_price: undefined, trail_price: '1', trail_percent: '1' }, /exactly one/],
    ['client_order_id over 128', limit({ client_order_id: 'x'.repeat(129) }), /client_order_id must be no more than 128 characters/],
    ['bad extended_hours', limit({ extended_hours: 'yes' }), /invalid extended_hours/],
    ['oto with both legs', { ...limit(), order_class: 'oto', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } }, /exactly one of take_profit or stop_loss/],
    ['bracket without stop_loss', { ...limit(), order_class: 'bracket', take_profit: { limit_price: '110' } }, /stop_loss is required/],
    ['bracket stop_loss without stop_price', { ...limit(), order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { limit_price: '90' } }, /stop_loss.stop_price is required/],
  ])('%s', (_name, body, message) => {
    expectError(h.attempt(body as Record<string, unknown>), 422, 40010001, message);
  });

  it('accepts JSON numbers as well as strings', () => {
    const order = h.order({ symbol: 'AAPL', qty: 3, side: 'buy', type: 'limit', limit_price: 98.5, time_in_force: 'gtc' });
    expect(order.qty).toBe('3');
    expect(order.limit_price).toBe('98.5');
  });

  it('accepts a client_order_id of exactly 128 characters', () => {
    expect(h.attempt(limit({ client_order_id: 'y'.repeat(128) })).ok).toBe(true);
  });
});

describe('create order: rules → 422 42210000', () => {
  const h = harness();
  it.each([
    ['notional on a limit order', { symbol: 'AAPL', notional: '100', side: 'buy', type: 'limit', limit_price: '99', time_in_force: 'day' }, /notional orders must be simple market orders/],
    ['notional with gtc', { symbol: 'AAPL', notional: '100', side: 'buy', type: 'market', time_in_force: 'gtc' }, /time_in_force day/],
    ['fractional limit', limit({ qty: '1.5' }), /fractional qty 1.5/],
    ['fractional market gtc', { symbol: 'AAPL', qty: '0.5', side: 'buy', type: 'market', time_in_force: 'gtc' }, /fractional/],
    ['market with limit_price', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', limit_price: '100', time_in_force: 'day' }, /limit_price must not be set/],
    ['sub-penny stop ≥ $1', { ...limit(), type: 'stop', limit_price: undefined, stop_price: '101.005' }, 'invalid stop_price 101.005. sub-penny increment does not fulfill minimum pricing criteria'],
    ['sub-penny below $1 (5 dp)', limit({ limit_price: '0.12345' }), /invalid limit_price 0.12345/],
    ['sub-penny trail_price', { ...limit(), type: 'trailing_stop', limit_price: undefined, trail_price: '1.234' }, /invalid trail_price 1.234/],
    ['sub-penny take_profit', { ...limit(), order_class: 'bracket', take_profit: { limit_price: '110.001' }, stop_loss: { stop_price: '90' } }, /take_profit.limit_price 110.001/],
    ['trailing_stop ioc', { ...limit(), type: 'trailing_stop', limit_price: undefined, trail_percent: '1', time_in_force: 'ioc' }, /day or gtc/],
    ['extended_hours market', { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', extended_hours: true }, /extended_hours orders must be simple limit orders/],
    ['extended_hours ioc limit', limit({ extended_hours: true, time_in_force: 'ioc' }), /extended_hours/],
    ['opg stop', { ...limit(), type: 'stop', limit_price: undefined, stop_price: '101', time_in_force: 'opg' }, /only allowed for market and limit/],
    ['take_profit on a simple order', limit({ take_profit: { limit_price: '110' } }), /need order_class/],
    ['bracket stop entry', { ...limit(), type: 'stop', limit_price: undefined, stop_price: '101', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } }, /bracket orders need type market or limit/],
    ['bracket ioc', limit({ time_in_force: 'ioc', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } }), /day or gtc/],
    ['bracket with extended hours', limit({ extended_hours: true, order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } }), /extended_hours/],
    ['buy bracket with TP below SL', limit({ order_class: 'bracket', take_profit: { limit_price: '95' }, stop_loss: { stop_price: '96' } }), /must be greater than stop_loss.stop_price/],
    ['oco of type market', { symbol: 'AAPL', qty: '1', side: 'sell', type: 'market', time_in_force: 'gtc', order_class: 'oco', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '90' } }, /oco orders need type limit/],
    ['mleg', limit({ order_class: 'mleg' }), /mleg/],
  ])('%s', (_name, body, message) => {
    expectError(h.attempt(body), 422, 42210000, message);
  });

  it('matches the recorded sub-penny error exactly', () => {
    const fixture = loadFixture('errors/sub_penny_limit_42210000.json') as { code: number; message: string } | undefined;
    const result = h.attempt(limit({ limit_price: '290.123' }));
    expectError(result, 422, 42210000, 'invalid limit_price 290.123. sub-penny increment does not fulfill minimum pricing criteria');
    if (fixture !== undefined && !result.ok) expect({ code: result.error.code, message: result.error.message }).toEqual(fixture);
  });

  it('allows 4 decimals below $1 and 2 at or above', () => {
    expect(h.attempt(limit({ limit_price: '0.1234' })).ok).toBe(true);
    expect(h.attempt(limit({ limit_price: '1.23' })).ok).toBe(true);
    expect(h.attempt(limit({ limit_price: '1.234' })).ok).toBe(false);
  });

  it('checks bracket exits against the base price (entry limit) with base_price in the body', () => {
    const result = h.attempt(limit({ limit_price: '99', order_class: 'bracket', take_profit: { limit_price: '99' }, stop_loss: { stop_price: '90' } }));
    expectError(result, 422, 42210000, 'take_profit.limit_price must be >= base_price + 0.01');
    if (!result.ok) expect(result.error.extra).toEqual({ base_price: '99' });
    const sl = h.attempt({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', order_class: 'bracket', take_profit: { limit_price: '110' }, stop_loss: { stop_price: '100' } });
    expectError(sl, 422, 42210000, 'stop_loss.stop_price must be <= base_price - 0.01');
  });
});

describe('create order: TIF windows (ET)', () => {
  const body = { symbol: 'AAPL', qty: '1', side: 'buy', type: 'market' };
  it('rejects opg between 09:28 and 19:00 and accepts it before and after', () => {
    expectError(harness('2025-03-03', '09:28').attempt({ ...body, time_in_force: 'opg' }), 422, 42210000, /opg orders are not accepted/);
    expectError(harness('2025-03-03', '18:59').attempt({ ...body, time_in_force: 'opg' }), 422, 42210000);
    expect(harness('2025-03-03', '09:27').attempt({ ...body, time_in_force: 'opg' }).ok).toBe(true);
    expect(harness('2025-03-03', '19:00').attempt({ ...body, time_in_force: 'opg' }).ok).toBe(true);
  });

  it('rejects cls between 15:50 and 19:00 and accepts it before', () => {
    expectError(harness('2025-03-03', '15:50').attempt({ ...body, time_in_force: 'cls' }), 422, 42210000, /cls orders are not accepted/);
    expect(harness('2025-03-03', '15:49').attempt({ ...body, time_in_force: 'cls' }).ok).toBe(true);
    expect(harness('2025-03-03', '19:30').attempt({ ...body, time_in_force: 'cls' }).ok).toBe(true);
  });
});

describe('client_order_id is unique for the life of the account', () => {
  it('rejects a duplicate of an open, a canceled and a filled order with the recorded 422 40010001', () => {
    const h = harness();
    const fixture = loadFixture('errors/duplicate_client_order_id_422.json');
    const first = h.order(limit({ client_order_id: 'dup-1' }));
    const dup = h.attempt(limit({ client_order_id: 'dup-1' }));
    expectError(dup, 422, 40010001, 'client_order_id must be unique');
    if (fixture !== undefined && !dup.ok) expect({ code: dup.error.code, message: dup.error.message }).toEqual(fixture);
    expect(h.ex.cancelOrder(first.id).ok).toBe(true);
    expectError(h.attempt(limit({ client_order_id: 'dup-1' })), 422, 40010001, 'client_order_id must be unique');
    h.order({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'filled-1' });
    h.next('AAPL', { o: 100 });
    expect(h.ex.getOrderByClientOrderId('filled-1')).toMatchObject({ ok: true, value: { status: 'filled' } });
    expectError(h.attempt(limit({ client_order_id: 'filled-1' })), 422, 40010001, 'client_order_id must be unique');
  });

  it('does not reserve the id of a request that was rejected', () => {
    const h = harness();
    expect(h.attempt(limit({ client_order_id: 'r-1', limit_price: '1.001' })).ok).toBe(false);
    expect(h.attempt(limit({ client_order_id: 'r-1' })).ok).toBe(true);
  });
});

describe('ids, assets and account rejections', () => {
  it('answers unknown ids with 404 40410000 and malformed ones with 422 40010001 "order_id is missing"', () => {
    const h = harness();
    const notFound = h.ex.getOrder('0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3', false);
    expectError(notFound, 404, 40410000, 'order not found');
    const fixture = loadFixture('errors/order_not_found_404.json');
    if (fixture !== undefined && !notFound.ok) expect({ code: notFound.error.code, message: notFound.error.message }).toEqual(fixture);
    expectError(h.ex.getOrder('not-a-uuid', false), 422, 40010001, 'order_id is missing');
    expectError(h.ex.cancelOrder(''), 422, 40010001, 'order_id is missing');
    expectError(h.ex.replaceOrder('0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3', { qty: '1' }), 404, 40410000);
    expectError(h.ex.getOrderByClientOrderId('never-placed'), 404, 40410000);
  });

  it('rejects symbols the venue does not list', () => {
    const h = new SimHarness('2025-03-03', '10:00', { assets: ['AAPL'] });
    expectError(h.attempt(limit({ symbol: 'MSFT' })), 422, 40010001, 'asset "MSFT" not found');
    const bad = new SimHarness('2025-03-03', '10:00', { assets: [{ symbol: 'AAPL', fractionable: false, tradable: true }] });
    bad.bar('AAPL', { o: 100 });
    expectError(bad.attempt({ symbol: 'AAPL', qty: '0.5', side: 'buy', type: 'market', time_in_force: 'day' }), 422, 42210000, /not fractionable/);
  });

  it('rejects a buy beyond buying power with the recorded 403 40310000', () => {
    const h = harness();
    const result = h.attempt(limit({ qty: '2001', limit_price: '100' }));
    expectError(result, 403, 40310000, 'insufficient buying power');
    const fixture = loadFixture('errors/insufficient_buying_power_403.json');
    if (fixture !== undefined && !result.ok) expect({ code: result.error.code, message: result.error.message }).toEqual(fixture);
    expect(h.attempt(limit({ qty: '2000', limit_price: '100' })).ok).toBe(true);
  });

  it('cannot value a market order before any price is known', () => {
    const h = new SimHarness();
    expectError(h.attempt({ symbol: 'ZZZ', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' }), 422, 42210000, /no market price for ZZZ/);
    const withRef = new SimHarness('2025-03-03', '10:00', { referencePrice: () => 50 });
    expect(withRef.attempt({ symbol: 'ZZZ', qty: '1', side: 'buy', type: 'market', time_in_force: 'day' }).ok).toBe(true);
  });
});
