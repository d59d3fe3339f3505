// The rest of SPEC §7's failure table and the read calls, through the real SDK transport against a scripted
// local HTTP server: cancel retries 3× then settles by the order's status; account/positions retry 2× then
// fall back to the last value with a WARNING (or throw when there is none); lookups return undefined on 404;
// listings page by `until`; closing a position is never retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBrokerOrderId, parseClientOrderId } from '../../../domain/ids.js';
import { BrokerAuthError, BrokerRequestError, BrokerUnavailableError, CloseAmbiguousError } from './execution-errors.js';
import { ScriptedServer, type ScriptedReply, type ScriptedRequest } from './testing/scripted-server.js';
import { fixture, testClient, wireOrder } from './testing/test-kit.js';

const ORDER_ID = parseBrokerOrderId('7b08df51-c1ac-453c-99f9-323a5f075f0d');
const e500 = { status: 500, body: { code: 50010000, message: 'internal server error' } };
let server: ScriptedServer;

/** Replies by `METHOD /path` from queues (the last entry repeats). */
function routes(table: Record<string, ScriptedReply[]>): void {
  const used: Record<string, number> = {};
  server.script((req: ScriptedRequest) => {
    const key = `${req.method} ${req.path}`;
    const queue = table[key];
    if (!queue) return { status: 599, body: { message: `unexpected ${key}` } };
    const i = used[key] ?? 0;
    used[key] = i + 1;
    return queue[Math.min(i, queue.length - 1)]!;
  });
}

beforeEach(async () => { server = await ScriptedServer.start(); });
afterEach(async () => { await server.close(); });

describe('cancel', () => {
  const del = `DELETE /v2/orders/${ORDER_ID}`;
  const get = `GET /v2/orders/${ORDER_ID}`;

  it('204 → accepted; 404 → not_found; 422 → not_cancelable, each in one request', async () => {
    const { client } = testClient(server.url);
    routes({ [del]: [{ status: 204 }] });
    expect(await client.cancel(ORDER_ID)).toEqual({ kind: 'accepted' });
    routes({ [del]: [{ status: 404, body: { code: 40410000, message: 'order not found' } }] });
    expect(await client.cancel(ORDER_ID)).toEqual({ kind: 'not_found' });
    routes({ [del]: [{ status: 422, body: { code: 42210000, message: 'order is not cancelable' } }] });
    expect(await client.cancel(ORDER_ID)).toEqual({ kind: 'not_cancelable', message: 'order is not cancelable' });
    expect(server.calls()).toEqual([del, del, del]);
  });

  it.each([
    ['canceled', { kind: 'accepted' }],
    ['filled', { kind: 'not_cancelable', message: 'order is filled' }],
    ['new', { kind: 'ambiguous' }],
  ] as const)('retries 3× on 5xx, then confirms by status: %s', async (status, expected) => {
    routes({ [del]: [e500], [get]: [{ status: 200, body: wireOrder({ status }) }] });
    const { client, clock } = testClient(server.url);
    expect(await client.cancel(ORDER_ID)).toMatchObject(expected);
    expect(server.calls()).toEqual([del, del, del, del, get]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it('a 422 after a 5xx is settled by status (our first cancel may be why it is not cancelable)', async () => {
    routes({ [del]: [e500, { status: 422, body: { code: 42210000, message: 'order is not cancelable' } }], [get]: [{ status: 200, body: wireOrder({ status: 'canceled' }) }] });
    const { client } = testClient(server.url);
    expect(await client.cancel(ORDER_ID)).toEqual({ kind: 'accepted' });
    expect(server.calls()).toEqual([del, del, get]);
  });

  it('a 401 throws BrokerAuthError (halt)', async () => {
    routes({ [del]: [{ status: 401, body: { message: 'unauthorized' } }] });
    const { client } = testClient(server.url);
    await expect(client.cancel(ORDER_ID)).rejects.toBeInstanceOf(BrokerAuthError);
  });
});

describe('account and positions', () => {
  it('map the account; after a success, 3 failures return the cached value with a WARNING', async () => {
    routes({ 'GET /v2/account': [{ status: 200, body: fixture('rest/account.json') }, e500] });
    const { client, clock, logger } = testClient(server.url);
    expect((await client.getAccount()).equity.toString()).toBe('103820.56');
    const cached = await client.getAccount();
    expect(cached.buyingPower.toString()).toBe('262113.632');
    expect(server.calls()).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000, 1000]);
    const warning = logger.entries.find((e) => e.level === 'warn' && e.msg.includes('using the last value'));
    expect(warning?.fields).toMatchObject({ age_ms: 2000, error: 'HTTP 500 (50010000): internal server error' });
  });

  it('throw BrokerUnavailableError when there is no cached value', async () => {
    routes({ 'GET /v2/positions': [{ status: 503, body: { code: 50310000, message: 'service unavailable' } }] });
    const { client } = testClient(server.url);
    const error = await client.getPositions().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect(error).toMatchObject({ code: 'ALPACA_UNAVAILABLE', action: 'retry' });
    expect(server.calls()).toHaveLength(3);
  });

  it('positions are mapped signed; a 401 is not retried and not served from cache', async () => {
    routes({ 'GET /v2/positions': [{ status: 200, body: [fixture('rest/position.json'), fixture('local/position_short.json')] }, { status: 401, body: { message: 'unauthorized' } }] });
    const { client } = testClient(server.url);
    expect((await client.getPositions()).map((p) => p.qty.toString())).toEqual(['2', '-5']);
    await expect(client.getPositions()).rejects.toMatchObject({ code: 'ALPACA_UNAUTHORIZED', action: 'halt' });
    expect(server.calls()).toHaveLength(2);
  });
});

describe('lookup, listing, close', () => {
  it('getByClientOrderId: found → report, 404 → undefined, 5xx → BrokerUnavailableError', async () => {
    routes({ 'GET /v2/orders:by_client_order_id': [{ status: 200, body: wireOrder() }, { status: 404, body: { code: 40410000, message: 'order not found' } }, e500] });
    const { client } = testClient(server.url);
    const cid = parseClientOrderId('5680c4bc-9ac1-4a12-a44c-df427ba53032');
    expect((await client.getByClientOrderId(cid))?.brokerOrderId).toBe(ORDER_ID);
    expect(await client.getByClientOrderId(cid)).toBeUndefined();
    await expect(client.getByClientOrderId(cid)).rejects.toBeInstanceOf(BrokerUnavailableError);
  });

  it('listOrders follows pages with `until` past the oldest, de-duplicating orders that share a millisecond', async () => {
    const at = (s: number): string => new Date(Date.parse('2024-06-11T14:00:00Z') + s * 1000).toISOString();
    // 7 orders, two of them in the same millisecond at a page boundary; newest first.
    const all = [7, 6, 5, 4, 4, 2, 1].map((s, i) => wireOrder({ id: `order-${i}`, client_order_id: `c-${i}`, submitted_at: at(s) }));
    server.script((req) => {
      const until = req.query.get('until');
      const after = req.query.get('after');
      const limit = Number(req.query.get('limit'));
      const page = all.filter((o) => (until === null || String(o['submitted_at']) < until) && (after === null || String(o['submitted_at']) > after)).slice(0, limit);
      return { status: 200, body: page };
    });
    const { client } = testClient(server.url);
    const orders = await client.listOrders({ status: 'all', after: Date.parse(at(1)), limit: 3, nested: true, symbols: ['AAPL', 'MSFT'] });
    expect(orders.map((o) => o.brokerOrderId)).toEqual(['order-0', 'order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'order-6']);
    const first = server.requests[0]!.query;
    expect([first.get('status'), first.get('limit'), first.get('direction'), first.get('nested'), first.get('symbols'), first.get('after')])
      .toEqual(['all', '3', 'desc', 'true', 'AAPL,MSFT', '2024-06-11T14:00:00.999Z']);
    expect(server.requests.map((r) => r.query.get('until'))).toEqual([null, '2024-06-11T14:00:05.001Z', '2024-06-11T14:00:04.001Z', '2024-06-11T14:00:02.001Z']);
  });

  it('closePosition: 200 → liquidating order, 404 → undefined, 5xx → CloseAmbiguousError (no retry), 403 40310000 → reconcile', async () => {
    const path = 'DELETE /v2/positions/AAPL';
    routes({ [path]: [
      { status: 200, body: fixture('rest/order_market_from_close_position.json') },
      { status: 404, body: { code: 40410000, message: 'position not found' } },
      e500,
      { status: 403, body: fixture('errors/insufficient_buying_power_403.json') },
    ] });
    const { client } = testClient(server.url);
    expect((await client.closePosition('AAPL'))?.side).toBe('sell');
    expect(await client.closePosition('AAPL')).toBeUndefined();
    await expect(client.closePosition('AAPL')).rejects.toBeInstanceOf(CloseAmbiguousError);
    const refused = await client.closePosition('AAPL').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(BrokerRequestError);
    expect(refused).toMatchObject({ action: 'reconcile', status: 403, brokerCode: 40310000 });
    expect(server.calls()).toHaveLength(4);
  });
});
