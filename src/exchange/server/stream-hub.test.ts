/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- wire frames are untyped JSON in these tests */
// Proves both stream protocols over real sockets (fake venue/market): the market-data handshake and error
// codes, full-state subscription replies, msgpack frames with ext −1 timestamps the SDK decodes, JSON mode,
// the one-connection limit, stream faults (drop, stall, malformed) and the trading stream's auth/listen/updates.
import { decode, encode } from '@msgpack/msgpack';
import { streaming } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../contracts.js';
import { ExchangeServer } from './exchange-server.js';
import { FaultInjector } from './faults/fault-injector.js';
import { fakeAdmin, fakeMarketData, FakeVenue } from './testing/fakes.js';

let server: ExchangeServer | undefined;
const clients: WebSocket[] = [];
const T0 = Date.parse('2024-01-02T14:30:00Z');
const bar = (symbol: string, t = T0): MarketEvent => ({ kind: 'bar', bar: { symbol, t, o: 10, h: 11, l: 9.5, c: 10.5, v: 1000, vw: 10.2, n: 12 } });

async function start(streams = {}) {
  const venue = new FakeVenue();
  const logs: string[] = [];
  const faults = new FaultInjector({ log: (l) => logs.push(l) });
  server = await ExchangeServer.start({
    credentials: { key: 'K1', secret: 'S1' }, venue, data: fakeMarketData(), admin: fakeAdmin(), faults,
    virtualNow: () => T0, streams,
  });
  return { venue, faults, logs, server, ws: server.url.replace('http', 'ws') };
}

/** A raw client that records every decoded frame. */
async function connect(url: string, msgpack: boolean) {
  const ws = new WebSocket(url, { headers: msgpack ? { 'Content-Type': 'application/msgpack' } : {} });
  clients.push(ws);
  const frames: any[] = [];
  const binary: boolean[] = [];
  let closeCode: number | undefined;
  ws.on('message', (data: Buffer, isBinary) => {
    binary.push(isBinary);
    try { frames.push(msgpack ? decode(data) : JSON.parse(data.toString())); } catch { frames.push('<undecodable>'); }
  });
  ws.on('close', (code) => { closeCode = code; });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const send = (m: unknown) => { ws.send(msgpack ? encode(m) : JSON.stringify(m)); };
  const waitFor = async (pred: () => boolean) => { for (let i = 0; i < 500 && !pred(); i++) await new Promise((r) => setTimeout(r, 10)); expect(pred()).toBe(true); };
  return { ws, frames, binary, send, waitFor, closeCode: () => closeCode };
}

afterEach(async () => { for (const c of clients.splice(0)) c.terminate(); await server?.close(); server = undefined; });

describe('market-data stream', () => {
  it('greets, authenticates, answers subscribe deltas with the full state, and forwards subscribed bars only', async () => {
    const { ws } = await start();
    const c = await connect(`${ws}/v2/iex`, true);
    await c.waitFor(() => c.frames.length === 1);
    expect(c.frames[0]).toEqual([{ T: 'success', msg: 'connected' }]);
    c.send({ action: 'subscribe', bars: ['AAPL'] });
    await c.waitFor(() => c.frames.length === 2);
    expect(c.frames[1]).toEqual([{ T: 'error', code: 401, msg: 'not authenticated' }]);
    c.send({ action: 'auth', key: 'K1', secret: 'S1' });
    c.send({ action: 'subscribe', trades: ['AAPL'], bars: ['AAPL', 'MSFT'] });
    c.send({ action: 'subscribe', bars: ['AAPL'] });
    c.send({ action: 'unsubscribe', bars: ['MSFT'] });
    await c.waitFor(() => c.frames.length === 6);
    expect(c.frames[2]).toEqual([{ T: 'success', msg: 'authenticated' }]);
    expect(c.frames[5]).toEqual([{ T: 'subscription', trades: ['AAPL'], quotes: [], bars: ['AAPL'], updatedBars: [], dailyBars: [], statuses: [], lulds: [], corrections: ['AAPL'], cancelErrors: ['AAPL'] }]);
    expect(c.binary.every(Boolean)).toBe(true);
    server!.streams.publishMarket([bar('AAPL'), bar('MSFT')]);
    await c.waitFor(() => c.frames.length === 7);
    const [msg] = c.frames[6];
    expect(c.frames[6]).toHaveLength(1);
    expect(msg).toMatchObject({ T: 'b', S: 'AAPL', o: 10, h: 11, l: 9.5, c: 10.5, v: 1000, n: 12, vw: 10.2 });
    expect((msg.t as Date).getTime()).toBe(T0);
  });

  it('encodes t as msgpack timestamp ext −1 that the SDK decodes to the exact instant', async () => {
    const { ws } = await start();
    const stream = new streaming.StockDataStream({ credentials: { keyId: 'K1', secret: 'S1' }, url: `${ws}/v2/iex`, reconnect: false });
    const bars: any[] = [];
    stream.onBar((b) => bars.push(b));
    stream.onConnect(() => { stream.subscribeForBars(['AAPL']); });
    const subscribed = new Promise<void>((resolve) => { stream.on('subscription', () => { resolve(); }); });
    stream.connect();
    await subscribed;
    server!.streams.publishMarket([bar('AAPL', T0 + 60_000)]);
    for (let i = 0; i < 300 && bars.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    stream.disconnect();
    expect(bars[0]).toMatchObject({ symbol: 'AAPL', close: 10.5, vwap: 10.2, tradeCount: 12, timestampRaw: '2024-01-02T14:31:00.000000000Z' });
  });

  it('speaks JSON text frames when the upgrade does not ask for msgpack', async () => {
    const { ws } = await start();
    const c = await connect(`${ws}/v2/sip`, false);
    c.send({ action: 'auth', key: 'K1', secret: 'S1' });
    c.send({ action: 'subscribe', quotes: ['*'] });
    await c.waitFor(() => c.frames.length === 3);
    server!.streams.publishMarket([{ kind: 'quote', symbol: 'AAPL', t: T0, bid: 1, bidSize: 2, ask: 1.01, askSize: 3 }]);
    await c.waitFor(() => c.frames.length === 4);
    expect(c.frames[3][0]).toMatchObject({ T: 'q', S: 'AAPL', bp: 1, ap: 1.01, t: '2024-01-02T14:30:00.000Z' });
    expect(c.binary.some(Boolean)).toBe(false);
  });

  it('402 on bad credentials and 406 on a second connection, each closed with 1008; the slot frees on close', async () => {
    const { ws } = await start();
    const bad = await connect(`${ws}/v2/iex`, true);
    bad.send({ action: 'auth', key: 'K1', secret: 'wrong' });
    await bad.waitFor(() => bad.closeCode() === 1008);
    expect(bad.frames[1]).toEqual([{ T: 'error', code: 402, msg: 'auth failed' }]);
    const first = await connect(`${ws}/v2/iex`, true);
    first.send({ action: 'auth', key: 'K1', secret: 'S1' });
    await first.waitFor(() => first.frames.length === 2);
    first.send({ action: 'auth', key: 'K1', secret: 'S1' });
    await first.waitFor(() => first.frames.length === 3);
    expect(first.frames[2]).toEqual([{ T: 'error', code: 403, msg: 'already authenticated' }]);
    const second = await connect(`${ws}/v2/iex`, true);
    second.send({ action: 'auth', key: 'K1', secret: 'S1' });
    await second.waitFor(() => second.closeCode() === 1008);
    expect(second.frames[1]).toEqual([{ T: 'error', code: 406, msg: 'connection limit exceeded' }]);
    first.ws.close();
    await first.waitFor(() => first.closeCode() !== undefined);
    const third = await connect(`${ws}/v2/iex`, true);
    third.send({ action: 'auth', key: 'K1', secret: 'S1' });
    await third.waitFor(() => third.frames.length === 2);
    expect(third.frames[1]).toEqual([{ T: 'success', msg: 'authenticated' }]);
  });

  it('400 on bad syntax, 410 on a channel of another stream, 409 on a feed not allowed, 404 on auth timeout', async () => {
    const { ws } = await start({ allowedFeeds: ['iex'], authTimeoutMs: 100 });
    const c = await connect(`${ws}/v2/iex`, true);
    c.ws.send(Buffer.from([0xc1]));
    c.send({ action: 'auth', key: 'K1', secret: 'S1' });
    c.send({ action: 'subscribe', news: ['*'] });
    c.send({ action: 'subscribe', bars: ['not a symbol'] });
    await c.waitFor(() => c.frames.length === 5);
    expect(c.frames.slice(1).map((f) => f[0].code ?? f[0].msg)).toEqual([400, 'authenticated', 410, 400]);
    const sip = await connect(`${ws}/v2/sip`, true);
    sip.send({ action: 'auth', key: 'K1', secret: 'S1' });
    await sip.waitFor(() => sip.closeCode() === 1008);
    expect(sip.frames[1]).toEqual([{ T: 'error', code: 409, msg: 'insufficient subscription' }]);
    const slow = await connect(`${ws}/v2/iex`, true);
    await slow.waitFor(() => slow.closeCode() === 1008);
    expect(slow.frames[1]).toEqual([{ T: 'error', code: 404, msg: 'auth timeout' }]);
  });

  it('faults: a malformed frame, a stall that keeps the socket open and silent, then a drop', async () => {
    const { ws, faults, logs } = await start();
    const c = await connect(`${ws}/v2/iex`, true);
    c.send({ action: 'auth', key: 'K1', secret: 'S1' });
    c.send({ action: 'subscribe', bars: ['*'] });
    await c.waitFor(() => c.frames.length === 3);
    faults.add({ type: 'malformed_frame', stream: 'market_data' });
    server!.streams.publishMarket([bar('AAPL')]);
    await c.waitFor(() => c.frames.length === 5);
    expect(c.frames[3]).toBe('<undecodable>');
    faults.add({ type: 'stall_stream', stream: 'market_data' });
    for (let i = 0; i < 3; i++) server!.streams.publishMarket([bar('AAPL', T0 + i * 60_000)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.frames).toHaveLength(5);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    server!.streams.unstallAll();
    faults.add({ type: 'drop_connection', stream: 'market_data' });
    server!.streams.publishMarket([bar('AAPL')]);
    await c.waitFor(() => c.closeCode() !== undefined);
    expect(c.closeCode()).toBe(1006);
    expect(logs.map((l) => l.replace(/#\d+ /, '').split(' fired')[0])).toEqual(['[sim-fault] malformed_frame', '[sim-fault] stall_stream until cleared', '[sim-fault] drop_connection']);
  });

  it('authenticates from the upgrade headers when the client sends them (no auth message needed)', async () => {
    const { ws } = await start();
    const socket = new WebSocket(`${ws}/v2/iex`, { headers: { 'APCA-API-KEY-ID': 'K1', 'APCA-API-SECRET-KEY': 'S1' } });
    clients.push(socket);
    const frames: unknown[] = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())));
    for (let i = 0; i < 300 && frames.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(frames).toEqual([[{ T: 'success', msg: 'connected' }], [{ T: 'success', msg: 'authenticated' }]]);
  });

  it('refuses upgrades on other paths with 404', async () => {
    const { ws } = await start();
    await expect(connect(`${ws}/v2/nope`, true)).rejects.toThrow(/404/);
  });
});

describe('trading stream', () => {
  it('accepts both auth shapes, acks listen, refuses listen before auth, and sends trade updates as binary JSON', async () => {
    const { ws, venue } = await start();
    const c = await connect(`${ws}/stream`, false);
    c.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    c.send({ action: 'auth', key: 'K1', secret: 'S1' });
    c.send({ action: 'listen', data: { streams: ['trade_updates', 'nope'] } });
    await c.waitFor(() => c.frames.length === 3);
    expect(c.frames).toEqual([
      { stream: 'authorization', data: { status: 'unauthorized', action: 'listen' } },
      { stream: 'authorization', data: { status: 'authorized', action: 'authenticate' } },
      { stream: 'listening', data: { streams: ['trade_updates'] } },
    ]);
    venue.createOrder({ symbol: 'AAPL' });
    await c.waitFor(() => c.frames.length === 4);
    expect(c.frames[3]).toMatchObject({ stream: 'trade_updates', data: { event: 'new', order: { symbol: 'AAPL' } } });
    expect(c.binary.every(Boolean)).toBe(true);
    const sdkShape = await connect(`${ws}/stream`, false);
    sdkShape.send({ action: 'authenticate', data: { key_id: 'K1', secret_key: 'bad' } });
    await sdkShape.waitFor(() => sdkShape.closeCode() === 1008);
    expect(sdkShape.frames[0]).toEqual({ stream: 'authorization', data: { status: 'unauthorized', action: 'authenticate' } });
  });

  it("keeps Alpaca's trade update shape: the venue's in-process commission field never reaches the wire", async () => {
    const { ws, venue } = await start();
    const c = await connect(`${ws}/stream`, false);
    c.send({ action: 'authenticate', data: { key_id: 'K1', secret_key: 'S1' } });
    c.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    await c.waitFor(() => c.frames.length === 2);
    const order = { id: 'o1', client_order_id: 'c1', status: 'filled', symbol: 'AAPL' };
    venue.emit({ event: 'fill', timestamp: '2024-01-02T14:30:00Z', execution_id: 'e1', price: '10', qty: '1', position_qty: '1', commission: '1.02', order });
    await c.waitFor(() => c.frames.length === 3);
    expect(c.frames[2]).toEqual({ stream: 'trade_updates', data: { event: 'fill', timestamp: '2024-01-02T14:30:00Z', execution_id: 'e1', price: '10', qty: '1', position_qty: '1', order } });
  });

  it('drops or delays trade updates on request', async () => {
    const { ws, venue, faults } = await start();
    const c = await connect(`${ws}/stream`, false);
    c.send({ action: 'authenticate', data: { key_id: 'K1', secret_key: 'S1' } });
    c.send({ action: 'listen', data: { streams: ['trade_updates'] } });
    await c.waitFor(() => c.frames.length === 2);
    faults.add([{ type: 'trade_update', action: 'drop' }, { type: 'trade_update', action: 'delay', delay_ms: 50 }]);
    venue.createOrder({ symbol: 'A1' });
    venue.createOrder({ symbol: 'A2' });
    venue.createOrder({ symbol: 'A3' });
    await c.waitFor(() => c.frames.length === 4);
    expect(c.frames.slice(2).map((f) => f.data.order.symbol)).toEqual(['A3', 'A2']);
  });
});
