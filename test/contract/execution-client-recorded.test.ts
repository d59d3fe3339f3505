// ExecutionClient contract against recorded Alpaca payloads (test/fixtures/alpaca/trading, copies of Alpaca's
// own examples): a local server answers the adapter's REST calls and trade-update stream with those exact
// bodies and frames (binary, as Alpaca's paper endpoint sends them), so the client is checked against what
// Alpaca sends and not only against our own exchange. Runs without ../shared.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createAlpacaExecutionClient } from '../../src/adapters/alpaca/execution/index.js';
import { ScriptedServer, type ScriptedRequest, type ScriptedReply } from '../../src/adapters/alpaca/execution/testing/scripted-server.js';
import { fakeClock, fixture } from '../../src/adapters/alpaca/execution/testing/test-kit.js';
import { MemoryLogger } from '../../src/adapters/logging/memory-logger.js';
import { Decimal } from '../../src/domain/decimal.js';
import { parseClientOrderId } from '../../src/domain/ids.js';
import type { ExecutionClient, ExecutionEvent } from '../../src/ports/execution-client.js';
import { waitFor } from './support/sdk-harness.js';

const KEY = 'PKRECORDED0123456789';
const SECRET = 'recorded-secret-0123456789abcdef';
let rest: ScriptedServer;
let wss: WebSocketServer;
let client: ExecutionClient;
const events: ExecutionEvent[] = [];

function answer(req: ScriptedRequest): ScriptedReply {
  const body = (req.body ?? {}) as Record<string, unknown>;
  switch (`${req.method} ${req.path}`) {
    case 'GET /v2/account': return { status: 200, body: fixture('rest/account.json') };
    case 'GET /v2/positions': return { status: 200, body: fixture('rest/positions_list.json') };
    case 'DELETE /v2/positions/AAPL': return { status: 200, body: fixture('rest/order_market_from_close_position.json') };
    case 'GET /v2/orders:by_client_order_id': return { status: 404, body: fixture('errors/order_not_found_404.json') };
    case 'POST /v2/orders':
      if (body['client_order_id'] === 'used-before') return { status: 422, body: fixture('errors/duplicate_client_order_id_422.json') };
      if (body['qty'] === '4459') return { status: 403, body: fixture('errors/insufficient_buying_power_403.json') };
      return { status: 200, body: body['order_class'] === 'bracket' ? fixture('derived/order_bracket_response.json') : fixture('rest/order_limit_simple.json') };
    default: return { status: 404, body: { code: 40410000, message: 'endpoint not found' } };
  }
}

beforeAll(async () => {
  rest = await ScriptedServer.start(answer);
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => {
    socket.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString('utf8')) as { action: string };
      if (msg.action === 'authenticate') socket.send(Buffer.from(JSON.stringify(fixture('stream/trading_control_messages.json')['authorized'])));
      if (msg.action === 'listen') socket.send(Buffer.from(JSON.stringify(fixture('stream/trading_control_messages.json')['listening'])));
    });
  });
  await new Promise((r) => wss.once('listening', r));
  client = createAlpacaExecutionClient({
    config: { keyId: KEY, secret: SECRET, tradingBaseUrl: rest.url, tradingStreamUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/stream`, paper: true },
    clock: fakeClock(), logger: new MemoryLogger(),
  });
  client.onExecution((e) => events.push(e));
  await client.connect();
});

afterAll(async () => {
  await client.disconnect();
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => { wss.close(r); });
  await rest.close();
});

describe('ExecutionClient on recorded Alpaca payloads', () => {
  it('account and positions', async () => {
    const account = await client.getAccount();
    expect([account.equity, account.lastEquity, account.cash, account.buyingPower].map(String)).toEqual(['103820.56', '103529.24', '-23140.2', '262113.632']);
    const positions = await client.getPositions();
    expect(positions.map((p) => [p.symbol, p.qty.toString(), p.avgEntryPrice.toString()])).toEqual([['AAPL', '2', '174.78']]);
  });

  it('submit: accepted with the recorded order, bracket with legs, duplicate and rejected from the recorded errors', async () => {
    const base = { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: Decimal.of(2), limitPrice: Decimal.of(150) } as const;
    expect(await client.submit({ ...base, clientOrderId: parseClientOrderId('new-one') })).toMatchObject({ kind: 'accepted', report: { status: 'accepted', orderClass: 'simple' } });
    expect(await client.submit({ ...base, clientOrderId: parseClientOrderId('used-before') })).toEqual({ kind: 'duplicate', message: 'client_order_id must be unique' });
    expect(await client.submit({ ...base, qty: Decimal.of(4459), clientOrderId: parseClientOrderId('too-big') })).toEqual({ kind: 'rejected', status: 403, code: 40310000, message: 'insufficient buying power' });
    const bracket = await client.submit({
      clientOrderId: parseClientOrderId('brk'), symbol: 'SPY', side: 'buy', type: 'market', timeInForce: 'gtc', qty: Decimal.of(100), orderClass: 'bracket',
      takeProfit: { limitPrice: Decimal.of(301) }, stopLoss: { stopPrice: Decimal.of(299), limitPrice: Decimal.of('298.5') },
    });
    expect(bracket.kind === 'accepted' ? bracket.report.legs.map((l) => l.status) : bracket).toEqual(['held', 'held']);
    expect(rest.requests.find((r) => r.body !== undefined && (r.body as Record<string, unknown>)['order_class'] === 'bracket')?.body).toEqual({ ...fixture('requests/post_order_bracket.json'), client_order_id: 'brk' });
  });

  it('lookup 404 is undefined; closing a position returns the recorded liquidating order', async () => {
    expect(await client.getByClientOrderId(parseClientOrderId('never'))).toBeUndefined();
    expect((await client.closePosition('AAPL'))?.clientOrderId).toBe('52f8574c-96d5-49b6-94c1-2570a268434e');
  });

  it('trade updates: the recorded new → partial_fill → fill sequence and the documented fill frame', async () => {
    const frames = [...(fixture('derived/trade_updates_market_sequence.json') as unknown as unknown[]), fixture('stream/trade_update_fill.json')];
    for (const socket of wss.clients) for (const frame of frames) socket.send(Buffer.from(JSON.stringify(frame)));
    expect(await waitFor(() => events.length === 4)).toBe(true);
    expect(events.map((e) => [e.event, e.qty?.toString(), e.price?.toString(), e.positionQty?.toString()])).toEqual([
      ['new', undefined, undefined, undefined],
      ['partial_fill', '4', '420.01', '4'],
      ['fill', '6', '420.02', '10'],
      ['fill', '1790.86', '105.8988475', '0'],
    ]);
  });
});
