// Fault injection as the official SDK experiences it: a dropped stream reconnects and resubscribes, a stalled
// stream stays open and silent, and 429s (injected or from the real rate limit) surface as RateLimitError
// with a retry time. Faults are armed through the admin API, as a tester would. Virtual time is stepped by hand.
import { errors, streaming } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { sdkHarness, waitFor } from './support/sdk-harness.js';

let sim: SimExchangeHandle | undefined;
const logs: string[] = [];

async function start(rateLimitPerMinute = 200): Promise<SimExchangeHandle> {
  sim = await startSimExchange({
    port: 0, speed: 'max', run: false, symbols: ['AAPL', 'MSFT'], today: Date.parse('2024-06-12T15:00:00Z'),
    rateLimitPerMinute, log: (line) => logs.push(line),
  });
  await sim.market.replay.step();
  return sim;
}

async function admin(s: SimExchangeHandle, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${s.url}/sim/admin/${path}`, {
    method, headers: { 'APCA-API-KEY-ID': s.key, 'APCA-API-SECRET-KEY': s.secret, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A connected SDK stock stream subscribed to AAPL bars, recording bars and lifecycle events. */
async function barStream(s: SimExchangeHandle) {
  const stream = new streaming.StockDataStream({
    credentials: { keyId: s.key, secret: s.secret }, url: s.dataStreamUrl, initialReconnectMs: 50, maxReconnectMs: 200, reconnectJitter: 0,
  });
  const bars: streaming.StreamBar[] = [];
  const events = { subscriptions: 0, reconnected: 0, state: '' };
  stream.onBar((b) => bars.push(b));
  stream.onStateChange((state) => { events.state = state; });
  stream.on('subscription', () => { events.subscriptions++; });
  stream.on('reconnected', () => { events.reconnected++; });
  stream.onConnect(() => { stream.subscribeForBars(['AAPL']); });
  stream.connect();
  expect(await waitFor(() => events.subscriptions > 0)).toBe(true);
  return { stream, bars, events };
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
  logs.length = 0;
});

describe('stream faults', () => {
  it('after a dropped market-data connection the SDK reconnects, resubscribes and gets bars again', async () => {
    const s = await start();
    const { stream, bars, events } = await barStream(s);
    expect(await waitFor(() => events.subscriptions >= 2)).toBe(true); // the SDK subscribes twice on a first connection
    const subscriptionsBeforeDrop = events.subscriptions;
    expect((await admin(s, 'POST', 'faults', { type: 'drop_connection', stream: 'market_data' })).status).toBe(200);
    await s.market.replay.step();
    expect(await waitFor(() => events.reconnected === 1)).toBe(true);
    // Resubscribed: the server answered a new subscribe with the state after the reconnect.
    expect(await waitFor(() => events.subscriptions > subscriptionsBeforeDrop)).toBe(true);
    expect(await waitFor(() => s.server.streams.connections().marketData === 1)).toBe(true);
    const before = bars.length;
    await s.market.replay.step();
    expect(await waitFor(() => bars.length > before)).toBe(true);
    expect(bars.at(-1)?.symbol).toBe('AAPL');
    expect(logs.some((l) => l.includes('drop_connection fired on market_data'))).toBe(true);
    stream.disconnect();
  });

  it('a stalled stream stays open and sends nothing until the fault is cleared', async () => {
    const s = await start();
    const { stream, bars, events } = await barStream(s);
    await s.market.replay.step();
    expect(await waitFor(() => bars.length === 1)).toBe(true);
    await admin(s, 'POST', 'faults', { faults: [{ type: 'stall_stream', stream: 'market_data' }] });
    for (let i = 0; i < 3; i++) await s.market.replay.step();
    await new Promise((r) => setTimeout(r, 200));
    expect(bars).toHaveLength(1);
    expect(events.state).toBe('authenticated');
    expect(s.server.streams.connections().marketData).toBe(1);
    expect(((await (await admin(s, 'GET', 'faults')).json()) as { fired: number }[])[0]?.fired).toBe(1);
    await admin(s, 'DELETE', 'faults');
    await s.market.replay.step();
    expect(await waitFor(() => bars.length === 2)).toBe(true);
    stream.disconnect();
  });

  it('after a dropped trading stream the SDK reconnects and listens again', async () => {
    const s = await start();
    const stream = new streaming.TradingStream({ credentials: { keyId: s.key, secret: s.secret }, url: s.tradingStreamUrl, initialReconnectMs: 50, reconnectJitter: 0 });
    const updates: streaming.TradeUpdate[] = [];
    let listening = 0;
    stream.onTradeUpdate((u) => updates.push(u));
    stream.on('subscription', () => { listening++; });
    stream.subscribeTradeUpdates();
    stream.connect();
    expect(await waitFor(() => listening > 0)).toBe(true);
    const h = sdkHarness(s.url, s.key, s.secret);
    await admin(s, 'POST', 'faults', { type: 'drop_connection', stream: 'trading' });
    const seen = listening;
    await h.alpaca.trading.orders.market({ symbol: 'AAPL', side: 'buy', qty: 1 });
    expect(await waitFor(() => listening > seen)).toBe(true);
    await h.alpaca.trading.orders.market({ symbol: 'MSFT', side: 'buy', qty: 1 });
    expect(await waitFor(() => updates.some((u) => u.order.symbol === 'MSFT' && u.event === 'new'))).toBe(true);
    expect(updates.some((u) => u.order.symbol === 'AAPL')).toBe(false);
    stream.disconnect();
  });
});

describe('REST faults and rate limit', () => {
  it('an injected 429 reaches the SDK as RateLimitError with a retry time', async () => {
    const s = await start();
    await admin(s, 'POST', 'faults', { type: 'rest_error', status: 429, next: 1, path: '/v2/account' });
    const h = sdkHarness(s.url, s.key, s.secret, { retry: false });
    const error = await h.alpaca.trading.account.getAccount().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(errors.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 42910000, retryAfterMs: 1000 });
    expect((await h.alpaca.trading.account.getAccount()).status).toBe('ACTIVE');
  });

  it('the real rate limit answers 429 with X-RateLimit-* and Retry-After, surfaced by the SDK', async () => {
    const s = await start(2);
    const h = sdkHarness(s.url, s.key, s.secret, { retry: false });
    await h.alpaca.trading.clock.legacyClock();
    await h.alpaca.trading.clock.legacyClock();
    const error = await h.alpaca.trading.clock.legacyClock().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(errors.RateLimitError);
    const limited = error as errors.RateLimitError;
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(limited.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
  });

  it('5xx faults on GETs are retried by the SDK and then succeed', async () => {
    const s = await start();
    await admin(s, 'POST', 'faults', { type: 'rest_error', status: 503, next: 1, method: 'GET', path: '/v2/clock' });
    const h = sdkHarness(s.url, s.key, s.secret);
    expect((await h.alpaca.trading.clock.legacyClock()).isOpen).toBe(true);
    expect(h.observed.filter((o) => o.path === '/v2/clock').map((o) => o.status)).toEqual([503, 200]);
  });

  it('reject_orders makes the next order fail with 403 40310000', async () => {
    const s = await start();
    await admin(s, 'POST', 'faults', { type: 'reject_orders', count: 1 });
    const h = sdkHarness(s.url, s.key, s.secret);
    await expect(h.alpaca.trading.orders.market({ symbol: 'AAPL', side: 'buy', qty: 1 })).rejects.toMatchObject({ status: 403, code: 40310000 });
    expect((await h.alpaca.trading.orders.market({ symbol: 'AAPL', side: 'buy', qty: 1 })).symbol).toBe('AAPL');
    const requests = (await (await admin(s, 'GET', 'requests')).json()) as unknown[];
    expect(requests).toHaveLength(2);
  });
});
