// The trade-update stream against a scripted local WebSocket server speaking PROTOCOL §6: connect resolves on
// `listening`, frames become ExecutionEvents, a throwing listener or an unmappable frame does not break the
// socket, a dropped connection reconnects with capped exponential backoff (through the Clock port) reporting
// disconnected → reconnect_failures(n) → reconnected, and a refused authorization is terminal.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ExecutionEvent, ExecutionStreamStatus } from '../../../ports/execution-client.js';
import { MemoryLogger } from '../../logging/memory-logger.js';
import { BrokerAuthError, BrokerUnavailableError } from './execution-errors.js';
import { fakeClock, fixture, TEST_KEY, TEST_SECRET, type FakeClock } from './testing/test-kit.js';
import { reconnectDelayMs, TradeUpdateStream } from './trade-update-stream.js';

interface Behaviour { authorize: boolean; acknowledgeListen: boolean; refuse: boolean }
let wss: WebSocketServer;
let url: string;
const sockets: WebSocket[] = [];
const behaviour: Behaviour = { authorize: true, acknowledgeListen: true, refuse: false };

function serve(socket: WebSocket): void {
  if (behaviour.refuse) { socket.close(1011, 'refused'); return; }
  sockets.push(socket);
  socket.on('message', (raw: Buffer) => {
    const msg = JSON.parse(raw.toString('utf8')) as { action: string; data?: { key_id?: string } };
    if (msg.action === 'authenticate') {
      const ok = behaviour.authorize && msg.data?.key_id === TEST_KEY;
      socket.send(Buffer.from(JSON.stringify({ stream: 'authorization', data: { status: ok ? 'authorized' : 'unauthorized', action: 'authenticate' } })));
    }
    if (msg.action === 'listen' && behaviour.acknowledgeListen) socket.send(JSON.stringify({ stream: 'listening', data: { streams: ['trade_updates'] } }));
  });
}

/** Sends a frame to the newest socket. */
function push(frame: unknown): void {
  sockets.at(-1)?.send(Buffer.from(JSON.stringify(frame)));
}

const until = async (predicate: () => boolean, ms = 10_000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return predicate();
};

function stream(clock: FakeClock, logger = new MemoryLogger(), connectTimeoutMs = 5_000): TradeUpdateStream {
  return new TradeUpdateStream({
    url, keyId: TEST_KEY, secret: TEST_SECRET, clock, logger, connectTimeoutMs, random: () => 0.5,
    reconnect: { initialMs: 1000, maxMs: 60_000, jitter: 0.2 },
  });
}

const sequence = (fixture('derived/trade_updates_market_sequence.json') as unknown as { data: unknown }[]);

beforeEach(async () => {
  Object.assign(behaviour, { authorize: true, acknowledgeListen: true, refuse: false });
  sockets.length = 0;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', serve);
  await new Promise((r) => wss.once('listening', r));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/stream`;
});

afterEach(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((r) => { wss.close(r); });
});

describe('trade update stream', () => {
  it('connects, maps frames to ExecutionEvents in order, and survives a throwing listener', async () => {
    const logger = new MemoryLogger();
    const s = stream(fakeClock(), logger);
    const seen: ExecutionEvent[] = [];
    s.onEvent(() => { throw new Error('listener bug'); });
    s.onEvent((e) => seen.push(e));
    const statuses: ExecutionStreamStatus[] = [];
    s.onStatus((st) => statuses.push(st));
    await s.connect();
    expect(statuses).toEqual([{ kind: 'connected' }]);
    for (const frame of sequence) push(frame);
    expect(await until(() => seen.length === 3)).toBe(true);
    expect(seen.map((e) => [e.event, e.qty?.toString(), e.positionQty?.toString(), e.executionId ?? null])).toEqual([
      ['new', undefined, undefined, null],
      ['partial_fill', '4', '4', '15db5363-3364-5e42-aac6-f5a18b2a2935'],
      ['fill', '6', '10', 'f0657807-2214-56a6-894e-c562279c9bae'],
    ]);
    expect(logger.entries.filter((e) => e.msg.includes('execution listener threw'))).toHaveLength(3);
    await s.disconnect();
  });

  it('reports an unmappable frame (unknown status) and keeps delivering the next ones', async () => {
    const s = stream(fakeClock());
    const seen: ExecutionEvent[] = [];
    const statuses: ExecutionStreamStatus[] = [];
    s.onEvent((e) => seen.push(e));
    s.onStatus((st) => statuses.push(st));
    await s.connect();
    const bad = structuredClone(sequence[0]!) as { data: { order: { status: string } } };
    bad.data.order.status = 'mystery';
    push(bad);
    push(sequence[1]);
    expect(await until(() => seen.length === 1)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ kind: 'unmappable_event', message: expect.stringContaining('"mystery"') as unknown });
    await s.disconnect();
  });

  it('a refused authorization fails connect() with BrokerAuthError', async () => {
    behaviour.authorize = false;
    const error = await stream(fakeClock()).connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerAuthError);
    expect(String(error)).not.toContain(TEST_SECRET);
  });

  it('no listening acknowledgement within the limit fails connect() with BrokerUnavailableError', async () => {
    behaviour.acknowledgeListen = false;
    await expect(stream(fakeClock(), new MemoryLogger(), 300).connect()).rejects.toBeInstanceOf(BrokerUnavailableError);
  });

  it('after a drop: disconnected, reconnect_failures 1..3 with doubling backoff, then reconnected; events flow again', async () => {
    const clock = fakeClock();
    const s = stream(clock);
    const statuses: ExecutionStreamStatus[] = [];
    const seen: ExecutionEvent[] = [];
    s.onStatus((st) => statuses.push(st));
    s.onEvent((e) => seen.push(e));
    await s.connect();
    let refusals = 0;
    behaviour.refuse = true;
    wss.on('connection', () => { if (behaviour.refuse && ++refusals === 3) behaviour.refuse = false; });
    sockets.at(-1)?.close(1011, 'server restart');
    expect(await until(() => statuses.some((st) => st.kind === 'reconnected'))).toBe(true);
    expect(statuses.map((st) => st.kind === 'reconnect_failures' ? `failures:${st.consecutive}` : st.kind)).toEqual([
      'connected', 'disconnected', 'failures:1', 'failures:2', 'failures:3', 'reconnected',
    ]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
    push(sequence[0]);
    expect(await until(() => seen.length === 1)).toBe(true);
    await s.disconnect();
  });

  it('credentials refused on reconnect are terminal: auth_failed, no further attempts', async () => {
    const clock = fakeClock();
    const s = stream(clock);
    const statuses: ExecutionStreamStatus[] = [];
    s.onStatus((st) => statuses.push(st));
    await s.connect();
    behaviour.authorize = false;
    sockets.at(-1)?.close(1011, 'server restart');
    expect(await until(() => statuses.some((st) => st.kind === 'auth_failed'))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(statuses.map((st) => st.kind)).toEqual(['connected', 'disconnected', 'auth_failed']);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('disconnect() stops reconnecting', async () => {
    const clock = fakeClock();
    const s = stream(clock);
    await s.connect();
    await s.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(clock.sleeps).toEqual([]);
    expect(wss.clients.size).toBe(0);
  });

  it('backoff doubles from the initial delay, is capped at 60 s, and jitters within ±20 %', () => {
    const policy = { initialMs: 1000, maxMs: 60_000, jitter: 0.2 };
    expect([0, 1, 2, 5, 6, 20].map((a) => reconnectDelayMs(a, policy, () => 0.5))).toEqual([1000, 2000, 4000, 32_000, 60_000, 60_000]);
    expect(reconnectDelayMs(0, policy, () => 0)).toBe(800);
    expect(reconnectDelayMs(0, policy, () => 0.999_999)).toBeCloseTo(1200, 0);
    expect(reconnectDelayMs(10, policy, () => 0.999_999)).toBe(60_000);
  });
});
