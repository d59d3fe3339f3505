// ExecutionClient contract against the embedded exchange over real sockets: the Alpaca adapter (official SDK
// underneath) places market/limit/stop/bracket orders and receives their fills as ExecutionEvents; a duplicate
// client_order_id is `duplicate`; a submission that landed but whose answer was lost (500 after processing,
// or a response held past the client's timeout) is resolved by lookup with exactly one order at the exchange;
// a dropped trade stream reports `reconnected`; positions and the account map to exact decimals.
// Virtual time is stepped by hand (speed max, no free-running replay), so nothing depends on timing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlpacaExecutionClient } from '../../src/adapters/alpaca/execution/index.js';
import { MemoryLogger } from '../../src/adapters/logging/memory-logger.js';
import { Decimal } from '../../src/domain/decimal.js';
import { parseClientOrderId } from '../../src/domain/ids.js';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ExecutionClient, ExecutionEvent, ExecutionStreamStatus, SubmitOrderCommand } from '../../src/ports/execution-client.js';
import { waitFor } from './support/sdk-harness.js';

const wallClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
const TUNING = { retryDelayMs: 20, reconnect: { initialMs: 20, maxMs: 200, jitter: 0 }, connectTimeoutMs: 10_000 };

let sim: SimExchangeHandle;
let client: ExecutionClient;
const events: ExecutionEvent[] = [];
const statuses: ExecutionStreamStatus[] = [];
let n = 0;

const cid = (label: string) => parseClientOrderId(`ec-${label}-${++n}`);
const step = async (count = 1): Promise<void> => { for (let i = 0; i < count; i++) await sim.market.replay.step(); };
const eventsOf = (clientOrderId: string, kind?: ExecutionEvent['event']) => events.filter((e) => e.order.clientOrderId === clientOrderId && (kind === undefined || e.event === kind));

function make(config: { baseUrl?: string; requestTimeoutMs?: number; logger?: MemoryLogger } = {}): ExecutionClient {
  return createAlpacaExecutionClient({
    config: { keyId: sim.key, secret: sim.secret, tradingBaseUrl: config.baseUrl ?? sim.tradingUrl, tradingStreamUrl: sim.tradingStreamUrl, paper: true },
    clock: wallClock, logger: config.logger ?? new MemoryLogger(), tuning: { ...TUNING, ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}) },
  });
}

function lastPrice(symbol: string): Decimal {
  const bar = sim.market.source.lastBarAtOrBefore(symbol, sim.clock.now());
  if (bar === undefined) throw new Error(`no bar for ${symbol}`);
  return Decimal.fromNumber(bar.c, 2);
}

function market(symbol: string, side: 'buy' | 'sell', qty: number, label: string): SubmitOrderCommand {
  return { clientOrderId: cid(label), symbol, side, type: 'market', timeInForce: 'day', qty: Decimal.of(qty) };
}

beforeAll(async () => {
  sim = await startSimExchange({
    port: 0, speed: 'max', run: false, symbols: ['AAPL', 'MSFT', 'SPY'], today: Date.parse('2024-06-12T15:00:00Z'),
    startingCash: '1000000', rateLimitPerMinute: 0, log: () => undefined,
  });
  await step(5);
  client = make();
  client.onExecution((e) => events.push(e));
  client.onStreamStatus((s) => statuses.push(s));
  await client.connect();
});

afterAll(async () => {
  await client.disconnect();
  await sim.close();
});

describe('ExecutionClient over the embedded exchange: orders and fills', () => {
  it('connect() resolved on listening and reported connected', () => {
    expect(statuses[0]).toEqual({ kind: 'connected' });
  });

  it('a market order is accepted, then its fill arrives with execution id, price, qty and position', async () => {
    const command = market('AAPL', 'buy', 10, 'mkt');
    const outcome = await client.submit(command);
    expect(outcome).toMatchObject({ kind: 'accepted', report: { clientOrderId: command.clientOrderId, symbol: 'AAPL', type: 'market', side: 'buy' } });
    await step();
    expect(await waitFor(() => eventsOf(command.clientOrderId, 'fill').length === 1)).toBe(true);
    const fill = eventsOf(command.clientOrderId, 'fill')[0]!;
    expect(fill.executionId).toMatch(/.+/);
    expect(fill.qty?.toString()).toBe('10');
    expect(fill.positionQty?.toString()).toBe('10');
    expect(fill.price?.isPositive()).toBe(true);
    expect([fill.order.status, fill.order.filledQty.toString(), fill.order.filledAvgPrice?.toString()]).toEqual(['filled', '10', fill.price?.toString()]);
    expect((await client.getByClientOrderId(command.clientOrderId))?.status).toBe('filled');
  });

  it('a resting limit order is listed as open and cancels (canceled event); a second cancel is not_cancelable', async () => {
    const p = lastPrice('MSFT');
    const command: SubmitOrderCommand = { clientOrderId: cid('lmt'), symbol: 'MSFT', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: Decimal.of(3), limitPrice: p.times('0.8').round(2) };
    const outcome = await client.submit(command);
    if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
    expect(outcome.report.limitPrice?.toString()).toBe(command.limitPrice?.toString());
    const open = await client.listOrders({ status: 'open', symbols: ['MSFT'] });
    expect(open.map((o) => o.clientOrderId)).toContain(command.clientOrderId);
    expect(await client.cancel(outcome.report.brokerOrderId)).toEqual({ kind: 'accepted' });
    expect(await waitFor(() => eventsOf(command.clientOrderId, 'canceled').length === 1)).toBe(true);
    expect((await client.cancel(outcome.report.brokerOrderId)).kind).toBe('not_cancelable');
  });

  it('a marketable limit order and a triggered stop order fill on the next bar, each with its fill event', async () => {
    const p = lastPrice('MSFT');
    const limit: SubmitOrderCommand = { clientOrderId: cid('lmt-fill'), symbol: 'MSFT', side: 'buy', type: 'limit', timeInForce: 'day', qty: Decimal.of(2), limitPrice: p.times('1.2').round(2) };
    const stop: SubmitOrderCommand = { clientOrderId: cid('stp-fill'), symbol: 'MSFT', side: 'buy', type: 'stop', timeInForce: 'day', qty: Decimal.of(3), stopPrice: p.times('0.8').round(2) };
    expect((await client.submit(limit)).kind).toBe('accepted');
    expect((await client.submit(stop)).kind).toBe('accepted');
    await step();
    expect(await waitFor(() => eventsOf(limit.clientOrderId, 'fill').length === 1 && eventsOf(stop.clientOrderId, 'fill').length === 1)).toBe(true);
    const [limitFill, stopFill] = [eventsOf(limit.clientOrderId, 'fill')[0]!, eventsOf(stop.clientOrderId, 'fill')[0]!];
    expect([limitFill.qty?.toString(), stopFill.qty?.toString()]).toEqual(['2', '3']);
    expect(limitFill.price?.lte(limit.limitPrice!)).toBe(true);
    expect(limitFill.executionId).not.toBe(stopFill.executionId);
    // The position after each fill is cumulative, whichever filled first.
    expect(['2,5', '3,5']).toContain([limitFill.positionQty, stopFill.positionQty].map(String).sort().join(','));
  });

  it('a stop order rests until triggered', async () => {
    const p = lastPrice('SPY');
    const command: SubmitOrderCommand = { clientOrderId: cid('stp'), symbol: 'SPY', side: 'buy', type: 'stop', timeInForce: 'day', qty: Decimal.of(1), stopPrice: p.times('1.5').round(2) };
    const outcome = await client.submit(command);
    expect(outcome).toMatchObject({ kind: 'accepted', report: { type: 'stop', stopPrice: command.stopPrice } });
  });

  it('a bracket order comes back with two legs; the entry fills and the position carries it', async () => {
    const p = lastPrice('SPY');
    const command: SubmitOrderCommand = {
      clientOrderId: cid('brk'), symbol: 'SPY', side: 'buy', type: 'market', timeInForce: 'gtc', qty: Decimal.of(4), orderClass: 'bracket',
      takeProfit: { limitPrice: p.times('1.3').round(2) }, stopLoss: { stopPrice: p.times('0.7').round(2) },
    };
    const outcome = await client.submit(command);
    if (outcome.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(outcome)}`);
    await step();
    expect(await waitFor(() => eventsOf(command.clientOrderId, 'fill').length === 1)).toBe(true);
    const [nested] = (await client.listOrders({ status: 'all', nested: true, symbols: ['SPY'] })).filter((o) => o.clientOrderId === command.clientOrderId);
    expect(nested?.orderClass).toBe('bracket');
    expect(nested?.legs.map((l) => l.type).sort()).toEqual(['limit', 'stop']);
    expect(nested?.legs.every((l) => l.side === 'sell' && l.qty.eq(4))).toBe(true);
    const spy = (await client.getPositions()).find((pos) => pos.symbol === 'SPY');
    expect(spy?.qty.toString()).toBe('4');
  });

  it('a reused client_order_id is duplicate', async () => {
    const command = market('AAPL', 'buy', 1, 'dup');
    expect((await client.submit(command)).kind).toBe('accepted');
    expect((await client.submit(command)).kind).toBe('duplicate');
    expect(sim.venue.allOrders().filter((o) => o.client_order_id === command.clientOrderId)).toHaveLength(1);
    await step();
  });

  it('positions and account map to exact decimals that agree with the fills', async () => {
    const aapl = (await client.getPositions()).find((pos) => pos.symbol === 'AAPL');
    const bought = events.filter((e) => e.order.symbol === 'AAPL' && (e.event === 'fill' || e.event === 'partial_fill'))
      .reduce((sum, e) => sum.plus(e.order.side === 'buy' ? e.qty ?? 0 : (e.qty ?? Decimal.ZERO).neg()), Decimal.ZERO);
    expect(aapl?.qty.toString()).toBe(bought.toString());
    const account = await client.getAccount();
    expect(account.tradingBlocked).toBe(false);
    expect(account.cash.lt('1000000')).toBe(true);
    expect(account.equity.isPositive()).toBe(true);
  });
});

/** Forwards everything to the sim; the first POST /v2/orders is processed there, but answered 500 here. */
async function lossyProxy(target: string): Promise<{ url: string; posts: number; close: () => Promise<void> }> {
  const state = { posts: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
        const method = req.method ?? 'GET';
        const upstream = await fetch(`${target}${req.url ?? ''}`, { method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
        const text = await upstream.text();
        if (method === 'POST' && req.url === '/v2/orders' && ++state.posts === 1) {
          res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 50010000, message: 'internal server error' }));
          return;
        }
        res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get posts() { return state.posts; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => { r(); }); }),
  };
}

describe('ExecutionClient over the embedded exchange: lost answers and a dropped stream', () => {
  it('a 500 answered after the order landed is resolved by lookup: accepted, exactly one order, one POST', async () => {
    const proxy = await lossyProxy(sim.tradingUrl);
    try {
      const command = market('MSFT', 'buy', 2, 'lost500');
      const logger = new MemoryLogger();
      const outcome = await make({ baseUrl: proxy.url, logger }).submit(command);
      expect(outcome).toMatchObject({ kind: 'accepted', report: { clientOrderId: command.clientOrderId } });
      expect(proxy.posts).toBe(1);
      expect(logger.entries.some((e) => e.msg.startsWith('order found by client_order_id after a failed submission'))).toBe(true);
      expect(sim.venue.allOrders().filter((o) => o.client_order_id === command.clientOrderId)).toHaveLength(1);
      expect(sim.venue.requestLog().filter((r) => (r.body as { client_order_id?: string }).client_order_id === command.clientOrderId)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('a response held past the client timeout (sim rest_timeout fault) is resolved by lookup, one order', async () => {
    sim.faults.add({ type: 'rest_timeout', delay_ms: 2500, method: 'POST', path: '/v2/orders', next: 1 });
    const command = market('AAPL', 'buy', 1, 'timeout');
    const logger = new MemoryLogger();
    const outcome = await make({ requestTimeoutMs: 1000, logger }).submit(command);
    expect(outcome.kind).toBe('accepted');
    expect(sim.faults.list().at(-1)?.fired).toBe(1);
    expect(logger.entries.find((e) => e.msg === 'order submission failed')?.fields['error']).toMatch(/^timeout/);
    expect(sim.venue.requestLog().filter((r) => (r.body as { client_order_id?: string }).client_order_id === command.clientOrderId)).toHaveLength(1);
    expect(await waitFor(() => sim.server.tracker.inFlight === 0)).toBe(true); // the held response has gone out
  });

  it('a dropped trade stream reconnects and reports reconnected; updates flow again', async () => {
    sim.faults.add({ type: 'drop_connection', stream: 'trading' });
    await client.submit(market('AAPL', 'buy', 1, 'trigger-drop'));
    expect(await waitFor(() => statuses.some((s) => s.kind === 'reconnected'))).toBe(true);
    expect(statuses.map((s) => s.kind)).toEqual(expect.arrayContaining(['disconnected', 'reconnected']));
    const after = market('MSFT', 'buy', 1, 'after-drop');
    await client.submit(after);
    await step();
    expect(await waitFor(() => eventsOf(after.clientOrderId, 'fill').length === 1)).toBe(true);
  });
});
