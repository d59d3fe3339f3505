// The "Done when" contract of issue #3: the official SDK (@alpacahq/alpaca-trade-api 4.0.2), pointed at the
// running sim over real sockets, does everything a bot does, and every REST response validates against
// Alpaca's OpenAPI schemas. Virtual time is stepped by hand (speed max, no free-running replay), so nothing
// here depends on timing.
import { errors, timeFrame, TimeFrameUnit, type streaming } from '@alpacahq/alpaca-trade-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { sdkHarness, waitFor, type SdkHarness } from './support/sdk-harness.js';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY'];
let sim: SimExchangeHandle;
let h: SdkHarness;

/** Processes `n` minute boundaries of the market (bars out, barrier, matching). */
async function step(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await sim.market.replay.step();
}

const round2 = (x: number): string => x.toFixed(2);
async function lastPrice(symbol: string): Promise<number> {
  const r = await h.alpaca.marketData.stocks.stockLatestTradeSingle({ symbol, feed: 'iex' });
  return r.trade.p;
}

beforeAll(async () => {
  sim = await startSimExchange({
    port: 0, speed: 'max', run: false, market: { kind: 'synthetic', seed: 42 }, symbols: SYMBOLS,
    today: Date.parse('2024-06-12T15:00:00Z'), startingCash: '50000000', log: () => undefined,
  });
  h = sdkHarness(sim.url, sim.key, sim.secret);
  await step(5);
});

afterAll(async () => {
  await sim.close();
});

describe('SDK contract: account, clock, calendar, assets', () => {
  it('getAccount returns an ACTIVE account with string money fields', async () => {
    const account = await h.alpaca.trading.account.getAccount();
    expect(account.status).toBe('ACTIVE');
    expect(account.cash).toBe('50000000');
    expect(account.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('legacyClock reports the virtual time inside the session', async () => {
    const clock = await h.alpaca.trading.clock.legacyClock();
    expect(clock.isOpen).toBe(true);
    expect(clock.timestamp.toISOString()).toBe('2024-06-11T13:34:00.000Z');
    expect(clock.nextClose.toISOString()).toBe('2024-06-11T20:00:00.000Z');
  });

  it('legacyCalendar lists June 2024 sessions without Juneteenth', async () => {
    const days = await h.alpaca.trading.calendar.legacyCalendar({ start: new Date('2024-06-01T00:00:00Z'), end: new Date('2024-06-30T00:00:00Z') });
    const dates = days.map((d) => new Date(d.date).toISOString().slice(0, 10));
    expect(dates).toHaveLength(19);
    expect(dates).toContain('2024-06-11');
    expect(dates).not.toContain('2024-06-19');
  });

  it('assets list the replayed symbols', async () => {
    const assets = await h.alpaca.trading.assets.getV2Assets({});
    expect(assets.map((a) => a.symbol).sort()).toEqual(SYMBOLS);
    const aapl = await h.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'AAPL' });
    expect(aapl.tradable).toBe(true);
  });
});

describe('SDK contract: orders', () => {
  const ids: Record<string, string | undefined> = {};

  it('places market, limit, stop, stop_limit and trailing_stop orders', async () => {
    const p = await lastPrice('AAPL');
    const orders = h.alpaca.trading.orders;
    const market = await orders.market({ symbol: 'AAPL', side: 'buy', qty: 20, clientOrderId: 'c-market' });
    expect(market).toMatchObject({ symbol: 'AAPL', type: 'market', clientOrderId: 'c-market' });
    await step();
    expect((await orders.getOrderByOrderID({ orderId: market.id! })).status).toBe('filled');
    ids['limit'] = (await orders.limit({ symbol: 'AAPL', side: 'buy', qty: 1, limitPrice: round2(p * 0.9), timeInForce: 'gtc' })).id;
    ids['stop'] = (await orders.stop({ symbol: 'AAPL', side: 'buy', qty: 1, stopPrice: round2(p * 1.1) })).id;
    const stopLimit = await orders.stopLimit({ symbol: 'AAPL', side: 'buy', qty: 1, stopPrice: round2(p * 1.1), limitPrice: round2(p * 1.11) });
    expect(stopLimit.type).toBe('stop_limit');
    const trailing = await orders.trailingStop({ symbol: 'AAPL', side: 'sell', qty: 1, trailPercent: 5 });
    expect(trailing).toMatchObject({ type: 'trailing_stop', trailPercent: '5' });
    ids['trailing'] = trailing.id;
  });

  it('places bracket, oco and oto orders', async () => {
    const p = await lastPrice('AAPL');
    const orders = h.alpaca.trading.orders;
    const bracket = await orders.bracket({ symbol: 'AAPL', side: 'buy', qty: 2, takeProfit: { limitPrice: round2(p * 1.2) }, stopLoss: { stopPrice: round2(p * 0.8) } });
    expect(bracket.orderClass).toBe('bracket');
    const oco = await orders.oco({ symbol: 'AAPL', side: 'sell', qty: 2, takeProfit: { limitPrice: round2(p * 1.3) }, stopLoss: { stopPrice: round2(p * 0.7) } });
    expect(oco).toMatchObject({ orderClass: 'oco', type: 'limit' });
    const oto = await orders.oto({ symbol: 'AAPL', side: 'buy', qty: 1, limitPrice: round2(p * 0.95), stopLoss: { stopPrice: round2(p * 0.9) } });
    expect(oto.orderClass).toBe('oto');
    ids['bracket'] = bracket.id;
    await step();
    const nested = await orders.getOrderByOrderID({ orderId: bracket.id!, nested: true });
    expect(nested.status).toBe('filled');
    expect(nested.legs?.map((l) => l.type).sort()).toEqual(['limit', 'stop']);
  });

  it('lists, gets by id and by client_order_id (404 when unknown)', async () => {
    const orders = h.alpaca.trading.orders;
    const open = await orders.getAllOrders({ status: 'open', symbols: ['AAPL'], direction: 'asc', limit: 100 });
    expect(open.map((o) => o.id)).toEqual(expect.arrayContaining([ids['limit'], ids['stop'], ids['trailing']]));
    const all = await orders.getAllOrders({ status: 'all', limit: 500 });
    expect(all.length).toBeGreaterThanOrEqual(open.length);
    const nested = await orders.getAllOrders({ status: 'all', nested: true, limit: 500 });
    expect(nested.length).toBeLessThan(all.length);
    expect(nested.find((o) => o.id === ids['bracket'])?.legs).toHaveLength(2);
    expect((await orders.getOrderByOrderID({ orderId: ids['limit']! })).id).toBe(ids['limit']);
    expect((await orders.getOrderByClientOrderId({ clientOrderId: 'c-market' })).clientOrderId).toBe('c-market');
    await expect(orders.getOrderByClientOrderId({ clientOrderId: 'never-placed' })).rejects.toMatchObject({ status: 404, code: 40410000 });
    await expect(orders.getOrderByClientOrderId({ clientOrderId: 'never-placed' })).rejects.toBeInstanceOf(errors.NotFoundError);
  });

  it('replaces a resting limit order', async () => {
    const orders = h.alpaca.trading.orders;
    const old = await orders.getOrderByOrderID({ orderId: ids['limit']! });
    const replaced = await orders.patchOrderByOrderId({ orderId: old.id!, patchOrderRequest: { limitPrice: round2(Number(old.limitPrice) - 0.5) } });
    expect(replaced.id).not.toBe(old.id);
    expect(replaced.replaces).toBe(old.id);
    expect((await orders.getOrderByOrderID({ orderId: old.id! })).status).toBe('replaced');
    ids['limit'] = replaced.id;
  });

  it('cancels one order (204 → void) and then all (207)', async () => {
    const orders = h.alpaca.trading.orders;
    await expect(orders.deleteOrderByOrderID({ orderId: ids['stop']! })).resolves.toBeUndefined();
    expect((await orders.getOrderByOrderID({ orderId: ids['stop']! })).status).toMatch(/^(pending_cancel|canceled)$/);
    const rows = await orders.deleteAllOrders();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 200)).toBe(true);
    await step();
    expect(await orders.getAllOrders({ status: 'open' })).toEqual([]);
  });

  it('closes part of a position with a market order that fills', async () => {
    const before = await h.alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'AAPL' });
    const order = await h.alpaca.trading.positions.deleteOpenPosition({ symbolOrAssetId: 'AAPL', qty: 5 });
    expect(order).toMatchObject({ symbol: 'AAPL', side: 'sell', type: 'market', qty: '5' });
    await step();
    const after = await h.alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'AAPL' });
    expect(Number(after.qty)).toBe(Number(before.qty) - 5);
    expect((await h.alpaca.trading.positions.getAllOpenPositions()).map((x) => x.symbol)).toContain('AAPL');
    const asset = await h.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'AAPL' });
    expect(after.assetId).toBe(asset.id);
    expect(order.assetId).toBe(asset.id);
  });

  it('a duplicate client_order_id is a ValidationError 422 / 40010001', async () => {
    await h.alpaca.trading.orders.limit({ symbol: 'MSFT', side: 'buy', qty: 1, limitPrice: '1.00', clientOrderId: 'dup-1' });
    const second = h.alpaca.trading.orders.limit({ symbol: 'MSFT', side: 'buy', qty: 1, limitPrice: '1.00', clientOrderId: 'dup-1' });
    await expect(second).rejects.toBeInstanceOf(errors.ValidationError);
    await expect(h.alpaca.trading.orders.limit({ symbol: 'MSFT', side: 'buy', qty: 1, limitPrice: '1.00', clientOrderId: 'dup-1' }))
      .rejects.toMatchObject({ status: 422, code: 40010001 });
  });
});

describe('SDK contract: market data', () => {
  it('collectStockBarsBySymbol follows next_page_token across at least 3 pages', async () => {
    const before = h.observed.filter((o) => o.path === '/v2/stocks/bars').length;
    const start = new Date('2024-06-10T13:30:00Z');
    const end = new Date(sim.clock.now());
    const bars = await h.alpaca.marketData.collectStockBarsBySymbol({ symbols: SYMBOLS, timeframe: timeFrame(1, TimeFrameUnit.Minute), start, end, limit: 300, feed: 'iex' });
    const pages = h.observed.filter((o) => o.path === '/v2/stocks/bars').length - before;
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const symbol of SYMBOLS) {
      const expected = sim.market.source.barsBetween(symbol, start.getTime(), end.getTime() - 60_000);
      const got = bars[symbol] ?? [];
      expect(got.map((b) => new Date(b.t).getTime())).toEqual(expected.map((b) => b.t));
      expect(got.map((b) => b.c)).toEqual(expected.map((b) => b.c));
    }
  });

  it('stockStream delivers minute bars for 3 symbols', async () => {
    const stream = h.alpaca.marketData.stockStream({ url: sim.dataStreamUrl, reconnect: false });
    const bars: streaming.StreamBar[] = [];
    stream.onBar((bar) => bars.push(bar));
    let subscribed = false;
    stream.on('subscription', () => { subscribed = true; });
    stream.onConnect(() => { stream.subscribeForBars(SYMBOLS); });
    stream.connect();
    expect(await waitFor(() => subscribed)).toBe(true);
    const t0 = sim.clock.now();
    await step(2);
    expect(await waitFor(() => bars.length >= 6)).toBe(true);
    stream.disconnect();
    expect(new Set(bars.map((b) => b.symbol))).toEqual(new Set(SYMBOLS));
    for (const bar of bars) {
      const source = sim.market.source.barAt(bar.symbol, bar.timestamp.getTime());
      expect(source).toBeDefined();
      expect(bar.close).toBe(source!.c);
      expect(bar.timestamp.getTime()).toBeGreaterThanOrEqual(t0 - 60_000);
    }
  });
});

describe('SDK contract: trade_updates', () => {
  it('streams new + fill for a market order, and partial_fill for an order larger than the bar allows', async () => {
    const stream = h.alpaca.trading.stream({ url: sim.tradingStreamUrl, reconnect: false });
    const updates: streaming.TradeUpdate[] = [];
    stream.onTradeUpdate((u) => updates.push(u));
    let listening = false;
    stream.on('subscription', () => { listening = true; });
    stream.subscribeTradeUpdates();
    stream.connect();
    expect(await waitFor(() => listening)).toBe(true);
    const small = await h.alpaca.trading.orders.market({ symbol: 'MSFT', side: 'buy', qty: 1 });
    await step();
    expect(await waitFor(() => updates.some((u) => u.order.id === small.id && u.event === 'fill'))).toBe(true);
    const fill = updates.find((u) => u.order.id === small.id && u.event === 'fill')!;
    expect(fill).toMatchObject({ qty: '1', positionQty: '1' });
    expect(updates.filter((u) => u.order.id === small.id).map((u) => u.event)).toEqual(['new', 'fill']);

    const next = sim.market.source.barAt('SPY', sim.clock.now() + 60_000)!;
    const qty = Math.ceil(next.v * 0.1) * 3;
    const big = await h.alpaca.trading.orders.market({ symbol: 'SPY', side: 'buy', qty });
    await step();
    expect(await waitFor(() => updates.some((u) => u.order.id === big.id && u.event === 'partial_fill'))).toBe(true);
    const partial = updates.find((u) => u.order.id === big.id && u.event === 'partial_fill')!;
    expect(Number(partial.qty)).toBeGreaterThan(0);
    expect(Number(partial.qty)).toBeLessThan(qty);
    expect(partial.positionQty).toBe(partial.qty);
    expect(partial.order.status).toBe('partially_filled');
    stream.disconnect();
  });
});

describe('OpenAPI', () => {
  it('every REST response of this suite validated against the Alpaca OpenAPI schemas', () => {
    expect(h.violations).toEqual([]);
    for (const op of ['GET /v2/account 200', 'POST /v2/orders 200', 'GET /v2/orders 200', 'GET /v2/orders/{order_id} 200',
      'GET /v2/orders:by_client_order_id 200', 'PATCH /v2/orders/{order_id} 200', 'DELETE /v2/orders 207', 'DELETE /v2/positions/{symbol_or_asset_id} 200',
      'GET /v2/clock 200', 'GET /v2/calendar 200', 'GET /v2/stocks/bars 200', 'GET /v2/positions 200', 'GET /v2/assets 200']) {
      expect(h.validatedOperations).toContain(op);
    }
    expect(h.observed.filter((o) => o.operation !== undefined).length).toBeGreaterThan(30);
  });
});
