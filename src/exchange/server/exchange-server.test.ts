 
// Proves the HTTP facade alone (fake venue and market): auth, routing (including the literal
// `/v2/orders:by_client_order_id` path), statuses, repeated query keys, JSON errors, rate limit headers and
// 429, REST faults and the admin API.
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeServer } from './exchange-server.js';
import { FaultInjector } from './faults/fault-injector.js';
import { fakeAdmin, fakeMarketData, FakeVenue } from './testing/fakes.js';

const AUTH = { 'APCA-API-KEY-ID': 'K1', 'APCA-API-SECRET-KEY': 'S1' };
let server: ExchangeServer | undefined;
const logs: string[] = [];

async function start(rateLimitPerMinute = 200, wallNow?: () => number) {
  const venue = new FakeVenue();
  const faults = new FaultInjector({ log: (l) => logs.push(l), seed: 7 });
  server = await ExchangeServer.start({
    credentials: { key: 'K1', secret: 'S1' }, venue, data: fakeMarketData(), admin: fakeAdmin(), faults,
    rateLimitPerMinute, virtualNow: () => Date.parse('2024-01-02T14:30:00Z'), ...(wallNow ? { wallNow } : {}),
  });
  return { venue, faults, url: server.url };
}

async function call(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = AUTH) {
  const res = await fetch(url, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

afterEach(async () => { await server?.close(); server = undefined; logs.length = 0; });

describe('ExchangeServer REST', () => {
  it('rejects missing or wrong credentials with 401 {"message":"unauthorized."} and never echoes them', async () => {
    const { url } = await start();
    const none = await call(`${url}/v2/account`, 'GET', undefined, {});
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ message: 'unauthorized.' });
    const wrong = await call(`${url}/v2/account`, 'GET', undefined, { 'APCA-API-KEY-ID': 'K1', 'APCA-API-SECRET-KEY': 'nope-secret' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.json)).not.toContain('nope-secret');
  });

  it('serves the account with X-Request-ID and X-RateLimit-* headers', async () => {
    const { url } = await start();
    const res = await call(`${url}/v2/account`);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe('acct-1');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ratelimit-limit')).toBe('200');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('199');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });

  it('routes /v2/orders:by_client_order_id literally, and 404s unknown ids there', async () => {
    const { url } = await start();
    const created = await call(`${url}/v2/orders`, 'POST', { symbol: 'AAPL', client_order_id: 'abc:1' });
    expect(created.status).toBe(200);
    const found = await call(`${url}/v2/orders:by_client_order_id?client_order_id=abc%3A1`);
    expect(found.status).toBe(200);
    expect(found.json.id).toBe(created.json.id);
    const missing = await call(`${url}/v2/orders:by_client_order_id?client_order_id=zzz`);
    expect(missing).toMatchObject({ status: 404, json: { code: 40410000 } });
  });

  it('answers cancel with 204 and no body, bulk calls with 207, and passes venue errors through', async () => {
    const { url } = await start();
    const created = await call(`${url}/v2/orders`, 'POST', { symbol: 'AAPL' });
    const cancel = await call(`${url}/v2/orders/${created.json.id}`, 'DELETE');
    expect(cancel.status).toBe(204);
    expect(cancel.json).toBeUndefined();
    expect((await call(`${url}/v2/orders`, 'DELETE')).status).toBe(207);
    expect((await call(`${url}/v2/positions?cancel_orders=true`, 'DELETE')).status).toBe(207);
    const dup = await call(`${url}/v2/orders`, 'POST', { symbol: 'AAPL', client_order_id: created.json.client_order_id });
    expect(dup).toMatchObject({ status: 422, json: { code: 40010001, message: 'client_order_id must be unique' } });
  });

  it('turns repeated query keys into arrays and comma-joins list filters', async () => {
    const { url, venue } = await start();
    const res = await call(`${url}/v2/assets?attributes=a&attributes=b&status=active`);
    expect(res.json.query).toEqual({ attributes: ['a', 'b'], status: 'active' });
    await call(`${url}/v2/orders?status=all&symbols=AAPL&symbols=MSFT&nested=true`);
    expect(venue.calls).toContain('listOrders {"status":"all","nested":"true","symbols":"AAPL,MSFT"}');
    const single = await call(`${url}/v2/stocks/AAPL/bars?timeframe=1Min`);
    expect(single.json).toMatchObject({ endpoint: 'barsSingle', symbol: 'AAPL' });
    expect((await call(`${url}/v2/stocks/bars/latest?symbols=AAPL`)).json.endpoint).toBe('latestBars');
  });

  it('gives 404 40410000 for unknown paths, 405 for known paths with another method, 400 for bad JSON', async () => {
    const { url } = await start();
    expect(await call(`${url}/v2/nope`)).toMatchObject({ status: 404, json: { code: 40410000, message: 'endpoint not found' } });
    const put = await call(`${url}/v2/account`, 'PUT');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET');
    const bad = await call(`${url}/v2/orders`, 'POST', '{"symbol":');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('not valid JSON');
    const notObject = await call(`${url}/v2/orders`, 'POST', '[1]');
    expect(notObject).toMatchObject({ status: 400, json: { code: 40010000 } });
  });

  it('limits to N requests per minute with 429 42910000, Retry-After and a reset in the next window', async () => {
    let now = 1_700_000_000_000;
    const { url } = await start(3, () => now);
    for (let i = 0; i < 3; i++) expect((await call(`${url}/v2/clock`)).status).toBe(200);
    const limited = await call(`${url}/v2/clock`);
    expect(limited).toMatchObject({ status: 429, json: { code: 42910000, message: 'rate limit exceeded' } });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    now += 60_000;
    expect((await call(`${url}/v2/clock`)).status).toBe(200);
  });

  it('rate limit 0 means off', async () => {
    const { url } = await start(0);
    for (let i = 0; i < 5; i++) expect((await call(`${url}/v2/clock`)).status).toBe(200);
  });

  it('injects 5xx on the next N matching calls only, and logs each firing', async () => {
    const { url, faults } = await start();
    faults.add({ type: 'rest_error', status: 503, next: 2, method: 'GET', path: '/v2/clock' });
    expect((await call(`${url}/v2/account`)).status).toBe(200);
    expect(await call(`${url}/v2/clock`)).toMatchObject({ status: 503, json: { code: 50310000 } });
    expect((await call(`${url}/v2/clock`)).status).toBe(503);
    expect((await call(`${url}/v2/clock`)).status).toBe(200);
    expect(logs.filter((l) => l.includes('rest_error 503 fired on GET /v2/clock'))).toHaveLength(2);
  });

  it('a delayed timeout still processes the request and answers late', async () => {
    const { url, faults, venue } = await start();
    faults.add({ type: 'rest_timeout', delay_ms: 150, path: '/v2/orders' });
    const pending = call(`${url}/v2/orders`, 'POST', { symbol: 'AAPL' });
    await new Promise((r) => setTimeout(r, 50));
    expect(venue.calls.some((c) => c.startsWith('createOrder'))).toBe(true);
    expect((await pending).status).toBe(200);
  });

  it('a timeout without delay never answers: the client gives up', async () => {
    const { url, faults } = await start();
    faults.add({ type: 'rest_timeout' });
    await expect(fetch(`${url}/v2/account`, { headers: AUTH, signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it('admin API: state, speed validation, pause/resume, faults add/list/clear with field-naming errors', async () => {
    const { url } = await start();
    expect((await call(`${url}/sim/admin/state`)).json).toMatchObject({ speed: 1, paused: false });
    expect((await call(`${url}/sim/admin/speed`, 'POST', { speed: 'max' })).json.speed).toBe('max');
    expect((await call(`${url}/sim/admin/speed`, 'POST', { speed: -1 })).status).toBe(422);
    expect((await call(`${url}/sim/admin/pause`, 'POST')).json.paused).toBe(true);
    expect((await call(`${url}/sim/admin/resume`, 'POST')).json.paused).toBe(false);
    const bad = await call(`${url}/sim/admin/faults`, 'POST', { type: 'rest_error', status: 418 });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toBe('faults.status: must be one of 429, 500, 502, 503, 504, got 418');
    const added = await call(`${url}/sim/admin/faults`, 'POST', { faults: [{ type: 'rest_error', status: 500, next: 1 }] });
    expect(added.json).toEqual([{ id: 1, type: 'rest_error', status: 500, next: 1 }]);
    expect((await call(`${url}/sim/admin/faults`)).json[0]).toMatchObject({ id: 1, fired: 0, remaining: 1 });
    expect((await call(`${url}/sim/admin/faults`, 'DELETE')).json[0]).toMatchObject({ remaining: 0 });
    expect((await call(`${url}/v2/account`)).status).toBe(200);
    expect((await call(`${url}/sim/admin/state`, 'GET', undefined, {})).status).toBe(401);
  });
});
