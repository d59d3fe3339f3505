// Throughput of the embedded exchange's network face: order submissions per second over real HTTP (keep-alive,
// 8 requests in flight, rate limit off), and bar messages per second through the market-data WebSocket
// (server msgpack-encodes and sends, a ws client receives and decodes). The matching core's in-process
// fills/s belong to the matching bench.
import { performance } from 'node:perf_hooks';
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { MarketEvent } from '../src/exchange/contracts.js';
import { startSimExchange, type SimExchangeHandle } from '../src/exchange/sim-exchange-app.js';
import type { BenchResult } from './run.js';

const ORDERS = 3_000;
const IN_FLIGHT = 8;
const BATCHES = 400;
const SYMBOLS = 100;

async function ordersPerSecond(sim: SimExchangeHandle): Promise<number> {
  const headers = { 'APCA-API-KEY-ID': sim.key, 'APCA-API-SECRET-KEY': sim.secret, 'Content-Type': 'application/json' };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ORDERS) {
      const i = next++;
      const body = JSON.stringify({ symbol: 'AAPL', qty: '1', side: 'buy', type: 'limit', limit_price: '1.00', time_in_force: 'gtc', client_order_id: `bench-${i}` });
      const res = await fetch(`${sim.url}/v2/orders`, { method: 'POST', headers, body });
      if (res.status !== 200) throw new Error(`order ${i}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return Math.round(ORDERS / ((performance.now() - start) / 1000));
}

async function barMessagesPerSecond(sim: SimExchangeHandle): Promise<number> {
  const ws = new WebSocket(sim.dataStreamUrl, { headers: { 'Content-Type': 'application/msgpack' }, perMessageDeflate: false });
  let received = 0;
  let subscribed!: () => void;
  let finished!: () => void;
  const ready = new Promise<void>((resolve) => { subscribed = resolve; });
  const done = new Promise<void>((resolve) => { finished = resolve; });
  ws.on('message', (data: Buffer) => {
    const frames = decode(data) as { T: string }[];
    if (frames[0]?.T === 'subscription') subscribed();
    received += frames.filter((f) => f.T === 'b').length;
    if (received >= BATCHES * SYMBOLS) finished();
  });
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(encode({ action: 'auth', key: sim.key, secret: sim.secret }));
  ws.send(encode({ action: 'subscribe', bars: ['*'] }));
  await ready;
  const t0 = Date.parse('2024-06-11T13:30:00Z');
  const start = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const events: MarketEvent[] = Array.from({ length: SYMBOLS }, (_, s) => ({
      kind: 'bar', bar: { symbol: `S${s}`, t: t0 + b * 60_000, o: 10, h: 11, l: 9, c: 10.5, v: 1000 + s, vw: 10.2, n: 12 },
    }));
    sim.server.streams.publishMarket(events);
    if (b % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  const rate = Math.round(received / ((performance.now() - start) / 1000));
  ws.close();
  return rate;
}

/** Order submissions/s over REST and bar messages/s over the market-data WebSocket. */
export async function benchExchangeServer(): Promise<BenchResult[]> {
  const sim = await startSimExchange({
    port: 0, speed: 'max', run: false, rateLimitPerMinute: 0, startingCash: '1000000000', start: '2024-06-11', symbols: ['AAPL'], log: () => undefined,
  });
  try {
    await sim.market.replay.step();
    const orders = await ordersPerSecond(sim);
    const bars = await barMessagesPerSecond(sim);
    return [
      { name: 'order submissions per second over REST (8 in flight, keep-alive)', value: orders, unit: 'orders/s' },
      { name: 'bar messages per second over the market-data WebSocket (msgpack, 100 per frame)', value: bars, unit: 'msgs/s' },
    ];
  } finally {
    await sim.close();
  }
}
