// SPEC §7's submit failure table, through the real SDK transport against a scripted local HTTP server: a
// transient failure is followed by a lookup by client_order_id before any retry (found → accepted with no
// second POST), timeouts end ambiguous after two retries, a duplicate is `duplicate`, a 403 is `rejected`, a
// 429's Retry-After is honoured, and neither the SDK nor the policy ever re-POSTs blindly. Secrets echoed by
// the server never reach the outcome or the logs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../../domain/decimal.js';
import { parseClientOrderId } from '../../../domain/ids.js';
import type { SubmitOrderCommand } from '../../../ports/execution-client.js';
import { ScriptedServer, type ScriptedReply, type ScriptedRequest } from './testing/scripted-server.js';
import { TEST_KEY, TEST_SECRET, testClient, wireOrder } from './testing/test-kit.js';

const CID = 'a1b2c3d4e5f60718';
const command: SubmitOrderCommand = {
  clientOrderId: parseClientOrderId(CID), symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: Decimal.of(10), limitPrice: Decimal.of('150.25'),
};
const landed = { status: 200, body: wireOrder({ client_order_id: CID, qty: '10', limit_price: '150.25' }) };
const notFound = { status: 404, body: { code: 40410000, message: 'order not found' } };
const e500 = { status: 500, body: { code: 50010000, message: 'internal server error' } };

let server: ScriptedServer;

/** Answers POSTs and lookups from two queues (the last entry repeats). */
function script(posts: ScriptedReply[], lookups: ScriptedReply[] = [notFound]): void {
  let p = 0;
  let l = 0;
  server.script((req: ScriptedRequest) => {
    if (req.method === 'POST' && req.path === '/v2/orders') return posts[Math.min(p++, posts.length - 1)]!;
    if (req.method === 'GET' && req.path === '/v2/orders:by_client_order_id') return lookups[Math.min(l++, lookups.length - 1)]!;
    return { status: 599, body: { message: `unexpected ${req.method} ${req.path}` } };
  });
}

beforeEach(async () => { server = await ScriptedServer.start(); });
afterEach(async () => { await server.close(); });

describe('submit: success and definitive answers', () => {
  it('a 200 is accepted with the mapped report; the body is what the SDK sends (strings, snake_case)', async () => {
    script([landed]);
    const { client } = testClient(server.url);
    const outcome = await client.submit(command);
    expect(outcome.kind).toBe('accepted');
    expect(server.requests[0]?.body).toEqual({ client_order_id: CID, limit_price: '150.25', qty: '10', side: 'buy', symbol: 'AAPL', time_in_force: 'day', type: 'limit' });
    expect(server.requests[0]?.headers['apca-api-key-id']).toBe(TEST_KEY);
  });

  it('422 40010001 "client_order_id must be unique" is duplicate, with no lookup and no retry', async () => {
    script([{ status: 422, body: { code: 40010001, message: 'client_order_id must be unique' } }]);
    const { client, clock } = testClient(server.url);
    expect(await client.submit(command)).toEqual({ kind: 'duplicate', message: 'client_order_id must be unique' });
    expect(server.calls()).toEqual(['POST /v2/orders']);
    expect(clock.sleeps).toEqual([]);
  });

  it('another 422 40010001 (e.g. qty) and 403 40310000 are rejected, once', async () => {
    script([{ status: 403, body: { code: 40310000, message: 'insufficient buying power' } }]);
    const { client } = testClient(server.url);
    expect(await client.submit(command)).toEqual({ kind: 'rejected', status: 403, code: 40310000, message: 'insufficient buying power' });
    script([{ status: 422, body: { code: 40010001, message: 'qty must be > 0' } }]);
    expect(await client.submit(command)).toMatchObject({ kind: 'rejected', status: 422, code: 40010001 });
    expect(server.calls()).toEqual(['POST /v2/orders', 'POST /v2/orders']);
  });
});

describe('submit: transient failures are resolved by lookup, never by a blind re-POST', () => {
  it('5xx, then the lookup finds the order → accepted without a second POST', async () => {
    script([e500], [landed]);
    const { client, clock } = testClient(server.url);
    const outcome = await client.submit(command);
    expect(outcome).toMatchObject({ kind: 'accepted', report: { clientOrderId: CID } });
    expect(server.calls()).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id']);
    expect(server.requests[1]?.query.get('client_order_id')).toBe(CID);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('5xx, lookup 404 → POST again (one retry) → accepted', async () => {
    script([{ status: 503, body: { code: 50310000, message: 'service unavailable' } }, landed]);
    const { client } = testClient(server.url);
    expect((await client.submit(command)).kind).toBe('accepted');
    expect(server.calls()).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id', 'POST /v2/orders']);
  });

  it('timeouts on every POST → ambiguous after two retries, each preceded by a lookup, plus a last lookup', async () => {
    script([{ hang: true }]);
    const { client, clock, logger } = testClient(server.url, { requestTimeoutMs: 500 });
    const outcome = await client.submit(command);
    expect(outcome.kind).toBe('ambiguous');
    expect(server.calls()).toEqual([
      'POST /v2/orders', 'GET /v2/orders:by_client_order_id', 'POST /v2/orders', 'GET /v2/orders:by_client_order_id', 'POST /v2/orders', 'GET /v2/orders:by_client_order_id',
    ]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(logger.entries.some((e) => e.level === 'error' && e.msg.includes('ambiguous'))).toBe(true);
  });

  it('a connection reset counts as transient (may have landed)', async () => {
    script([{ reset: true }], [landed]);
    const { client } = testClient(server.url);
    expect((await client.submit(command)).kind).toBe('accepted');
    expect(server.calls().filter((c) => c.startsWith('POST'))).toHaveLength(1);
  });

  it('when the lookup itself fails after a 5xx, the outcome is ambiguous and nothing is re-POSTed', async () => {
    script([e500], [e500]);
    const { client } = testClient(server.url);
    expect((await client.submit(command)).kind).toBe('ambiguous');
    expect(server.calls()).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id']);
  });

  it('a duplicate on the retry means the first attempt landed after all: looked up → accepted', async () => {
    script([e500, { status: 422, body: { code: 40010001, message: 'client_order_id must be unique' } }], [notFound, landed]);
    const { client } = testClient(server.url);
    expect((await client.submit(command)).kind).toBe('accepted');
    expect(server.calls()).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id', 'POST /v2/orders', 'GET /v2/orders:by_client_order_id']);
  });
});

describe('submit: 429', () => {
  it('honours Retry-After before the lookup and the retry', async () => {
    script([{ status: 429, body: { code: 42910000, message: 'rate limit exceeded' }, headers: { 'Retry-After': '3' } }, landed]);
    const { client, clock } = testClient(server.url);
    expect((await client.submit(command)).kind).toBe('accepted');
    expect(clock.sleeps).toEqual([3000]);
    expect(server.calls()).toEqual(['POST /v2/orders', 'GET /v2/orders:by_client_order_id', 'POST /v2/orders']);
  });

  it('caps a huge Retry-After, and three 429s are rejected (a 429 is answered before processing)', async () => {
    script([{ status: 429, body: { code: 42910000, message: 'rate limit exceeded' }, headers: { 'Retry-After': '3600' } }]);
    const { client, clock } = testClient(server.url);
    expect(await client.submit(command)).toMatchObject({ kind: 'rejected', status: 429, code: 42910000 });
    expect(clock.sleeps).toEqual([60_000, 60_000, 60_000]);
  });
});

describe('submit: secrets', () => {
  it('a server message that echoes the key and secret is scrubbed from the outcome and the logs', async () => {
    script([{ status: 500, body: { code: 50010000, message: `boom key=${TEST_KEY} secret=${TEST_SECRET}` } }], [e500]);
    const { client, logger } = testClient(server.url);
    const outcome = await client.submit(command);
    const text = JSON.stringify(outcome) + JSON.stringify(logger.entries);
    expect(text).toContain('boom key=');
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(TEST_SECRET);
  });
});
