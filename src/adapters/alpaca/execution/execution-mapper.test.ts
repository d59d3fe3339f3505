// The mapper against real Alpaca payloads: the committed copies in test/fixtures/alpaca/trading always, and the
// shared originals in ../shared/alpaca/fixtures when present (skipped otherwise). Proves: every field the bot
// reads is mapped exactly (decimals as strings, timestamps to ms, legs, signed positions, per-execution fill
// values), unknown statuses fail loudly, unknown fields are tolerated, and commands become the exact request
// bodies of Alpaca's docs and of the SDK.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trading } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../domain/decimal.js';
import { parseClientOrderId } from '../../../domain/ids.js';
import type { SubmitOrderCommand } from '../../../ports/execution-client.js';
import { InvalidOrderCommandError, MalformedPayloadError, UnknownOrderStatusError } from './execution-errors.js';
import { mapAccount, mapOrder, mapPosition, mapPositions, mapTradeUpdate, toPostOrderRequest } from './execution-mapper.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const COPIES = join(root, 'test/fixtures/alpaca/trading');
const SHARED = resolve(root, '../shared/alpaca/fixtures');
const sources = [
  { name: 'committed copies', dir: COPIES, present: true },
  { name: 'shared originals', dir: SHARED, present: existsSync(SHARED) },
];

const str = (d: Decimal | null | undefined): string | null | undefined => (d == null ? d : d.toString());

for (const source of sources) {
  const load = (file: string): unknown => JSON.parse(readFileSync(join(source.dir, file), 'utf8'));
  const record = (file: string): Record<string, unknown> => load(file) as Record<string, unknown>;

  describe.skipIf(!source.present)(`mapper on Alpaca fixtures (${source.name})`, () => {
    it('maps a simple limit order (status, class "", amounts, timestamps)', () => {
      const r = mapOrder(load('rest/order_limit_simple.json'));
      expect(r).toMatchObject({ brokerOrderId: '7b08df51-c1ac-453c-99f9-323a5f075f0d', clientOrderId: '5680c4bc-9ac1-4a12-a44c-df427ba53032', symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', orderClass: 'simple', status: 'accepted', legs: [] });
      expect([str(r.qty), str(r.filledQty), str(r.limitPrice), r.filledAvgPrice, r.stopPrice]).toEqual(['2', '0', '150', null, null]);
      expect(r.submittedAt).toBe(Date.parse('2023-12-12T22:31:24.577Z'));
      expect(r.updatedAt).toBe(Date.parse('2023-12-12T22:31:24.668Z'));
    });

    it('maps a bracket with its two held legs', () => {
      const r = mapOrder(load('derived/order_bracket_response.json'));
      expect(r).toMatchObject({ type: 'market', orderClass: 'bracket', status: 'accepted', symbol: 'SPY' });
      expect(r.legs.map((l) => [l.type, l.side, l.status, str(l.limitPrice), str(l.stopPrice), str(l.qty)])).toEqual([
        ['limit', 'sell', 'held', '301', null, '100'],
        ['stop_limit', 'sell', 'held', '298.5', '299', '100'],
      ]);
      expect(r.legs[0]?.submittedAt).toBeNull();
    });

    it('maps oco (take-profit parent, stop-loss leg), oto, stop, stop_limit and trailing stop', () => {
      const oco = mapOrder(load('derived/order_oco_response.json'));
      expect([oco.orderClass, oco.type, str(oco.limitPrice), oco.legs.length, oco.legs[0]?.type]).toEqual(['oco', 'limit', '301', 1, 'stop_limit']);
      const oto = mapOrder(load('derived/order_oto_response.json'));
      expect([oto.orderClass, oto.legs.length, str(oto.legs[0]?.stopPrice)]).toEqual(['oto', 1, '299']);
      expect(str(mapOrder(load('derived/order_stop_response.json')).stopPrice)).toBe('400');
      const stopLimit = mapOrder(load('derived/order_stop_limit_response.json'));
      expect([stopLimit.type, str(stopLimit.stopPrice), str(stopLimit.limitPrice)]).toEqual(['stop_limit', '420', '421']);
      const trailing = mapOrder(load('derived/order_trailing_stop_response.json'));
      expect([trailing.type, str(trailing.stopPrice), trailing.timeInForce]).toEqual(['trailing_stop', '413.85', 'day']);
    });

    it('maps the liquidating order of a close-position call', () => {
      const r = mapOrder(load('rest/order_market_from_close_position.json'));
      expect([r.type, r.side, str(r.qty), r.status]).toEqual(['market', 'sell', '2', 'accepted']);
    });

    it('maps positions with a signed quantity', () => {
      const long = mapPosition(load('rest/position.json'));
      expect([long.symbol, str(long.qty), str(long.avgEntryPrice), str(long.currentPrice), str(long.marketValue), str(long.unrealizedPl)])
        .toEqual(['AAPL', '2', '174.78', '174.29', '348.58', '-0.98']);
      expect(mapPositions(load('rest/positions_list.json')).map((p) => str(p.qty))).toEqual(['2']);
    });

    it('maps the account (exact money, blocks)', () => {
      const a = mapAccount(load('rest/account.json'));
      expect([str(a.equity), str(a.lastEquity), str(a.cash), str(a.buyingPower), a.tradingBlocked]).toEqual(['103820.56', '103529.24', '-23140.2', '262113.632', false]);
      expect(mapAccount({ ...record('rest/account.json'), account_blocked: true }).tradingBlocked).toBe(true);
    });

    it('maps a documented fill: per-execution price/qty, position after, execution id, event time', () => {
      const e = mapTradeUpdate(record('stream/trade_update_fill.json')['data'], 0);
      expect([e.event, e.executionId, str(e.price), str(e.qty), str(e.positionQty)]).toEqual(['fill', '2f63ea93-423d-4169-b3f6-3fdafc10c418', '105.8988475', '1790.86', '0']);
      expect(e.at).toBe(Date.parse('2022-04-19T17:45:05.024Z'));
      expect([e.order.status, str(e.order.filledAvgPrice)]).toEqual(['filled', '105.8988475']);
      // An offset timestamp (-04:00) with 9 fractional digits.
      expect(e.order.submittedAt).toBe(Date.parse('2022-04-19T17:45:04.980Z'));
    });

    it('maps new → partial_fill → fill', () => {
      const events = (load('derived/trade_updates_market_sequence.json') as { data: unknown }[]).map((f) => mapTradeUpdate(f.data, 0));
      expect(events.map((e) => [e.event, str(e.qty), str(e.price), str(e.positionQty), e.order.status, str(e.order.filledQty)])).toEqual([
        ['new', undefined, undefined, undefined, 'new', '0'],
        ['partial_fill', '4', '420.01', '4', 'partially_filled', '4'],
        ['fill', '6', '420.02', '10', 'filled', '10'],
      ]);
      expect(events[0]?.executionId).toBeUndefined();
    });

    it.each([
      ['bracket', 'post_order_bracket.json', { symbol: 'SPY', side: 'buy', type: 'market', timeInForce: 'gtc', qty: '100', orderClass: 'bracket', takeProfit: '301', stopLoss: ['299', '298.5'] }],
      ['oco', 'post_order_oco.json', { symbol: 'SPY', side: 'sell', type: 'limit', timeInForce: 'gtc', qty: '100', orderClass: 'oco', takeProfit: '301', stopLoss: ['299', '298.5'], limitPrice: '301' }],
      ['oto', 'post_order_oto.json', { symbol: 'SPY', side: 'buy', type: 'market', timeInForce: 'gtc', qty: '100', orderClass: 'oto', stopLoss: ['299', '298.5'] }],
      ['trailing stop', 'post_order_trailing_stop.json', { symbol: 'SPY', side: 'sell', type: 'trailing_stop', timeInForce: 'day', qty: '100', trailPrice: '6.15' }],
      ['limit as the SDK sends it', 'post_order_limit_as_sent_by_sdk_v4.json', { symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'gtc', qty: '2', limitPrice: '150', id: 'dup-1' }],
    ] as const)('turns a %s command into the documented request body', (_name, file, spec) => {
      const body = trading.PostOrderRequestToJSON(toPostOrderRequest(command(spec))) as unknown as Record<string, unknown>;
      const expected = { ...record(`requests/${file}`) };
      if (!('client_order_id' in expected)) delete body['client_order_id'];
      expect(JSON.parse(JSON.stringify(body))).toEqual(expected);
    });
  });
}

interface CommandSpec {
  readonly symbol: string; readonly side: 'buy' | 'sell'; readonly type: SubmitOrderCommand['type']; readonly timeInForce: SubmitOrderCommand['timeInForce'];
  readonly qty: string; readonly orderClass?: SubmitOrderCommand['orderClass']; readonly takeProfit?: string; readonly stopLoss?: readonly [string, string?];
  readonly limitPrice?: string; readonly stopPrice?: string; readonly trailPrice?: string; readonly id?: string;
}

function command(s: CommandSpec): SubmitOrderCommand {
  return {
    clientOrderId: parseClientOrderId(s.id ?? 'cid-1'), symbol: s.symbol, side: s.side, type: s.type, timeInForce: s.timeInForce, qty: Decimal.of(s.qty),
    ...(s.orderClass ? { orderClass: s.orderClass } : {}),
    ...(s.limitPrice ? { limitPrice: Decimal.of(s.limitPrice) } : {}),
    ...(s.stopPrice ? { stopPrice: Decimal.of(s.stopPrice) } : {}),
    ...(s.trailPrice ? { trailPrice: Decimal.of(s.trailPrice) } : {}),
    ...(s.takeProfit ? { takeProfit: { limitPrice: Decimal.of(s.takeProfit) } } : {}),
    ...(s.stopLoss ? { stopLoss: { stopPrice: Decimal.of(s.stopLoss[0]), ...(s.stopLoss[1] ? { limitPrice: Decimal.of(s.stopLoss[1]) } : {}) } } : {}),
  };
}

describe('mapper strictness (committed copies)', () => {
  const order = (): Record<string, unknown> => JSON.parse(readFileSync(join(COPIES, 'rest/order_limit_simple.json'), 'utf8')) as Record<string, unknown>;

  it('fails loudly on an unknown order status, naming it and the known ones', () => {
    expect(() => mapOrder({ ...order(), status: 'teleported' })).toThrow(UnknownOrderStatusError);
    expect(() => mapOrder({ ...order(), status: 'teleported' })).toThrow(/"teleported".*known: new, accepted/);
  });

  it('fails on an unknown status inside a leg and inside a trade update', () => {
    const bracket = JSON.parse(readFileSync(join(COPIES, 'derived/order_bracket_response.json'), 'utf8')) as { legs: Record<string, unknown>[] };
    bracket.legs[1] = { ...bracket.legs[1], status: 'mystery' };
    expect(() => mapOrder(bracket)).toThrow(UnknownOrderStatusError);
    expect(() => mapTradeUpdate({ event: 'fill', order: { ...order(), status: 'mystery' } }, 0)).toThrow(UnknownOrderStatusError);
  });

  it('tolerates unknown descriptive fields and maps unmodelled events to "other"', () => {
    expect(mapOrder({ ...order(), brand_new_field: { x: 1 }, subtag: 'abc' }).status).toBe('accepted');
    const e = mapTradeUpdate({ event: 'order_cancel_rejected', event_id: '01J', order: order() }, 42);
    expect([e.event, e.at]).toEqual(['other', Date.parse('2023-12-12T22:31:24.668Z')]);
    expect(mapTradeUpdate({ event: 'new', order: { ...order(), updated_at: null } }, 42).at).toBe(42);
  });

  it('rejects malformed amounts and missing ids with the field and the value', () => {
    expect(() => mapOrder({ ...order(), qty: '2x' })).toThrow(MalformedPayloadError);
    expect(() => mapOrder({ ...order(), qty: '2x' })).toThrow(/order\.qty: expected a decimal string, got "2x"/);
    expect(() => mapOrder({ ...order(), qty: 2 })).toThrow(/order\.qty/);
    const { id: _id, ...withoutId } = order();
    expect(() => mapOrder(withoutId)).toThrow(/order\.id/);
    expect(() => mapOrder({ ...order(), side: 'short' })).toThrow(/order\.side: unexpected "short"/);
  });

  it('signs a short position negative whichever sign the wire uses', () => {
    const short = JSON.parse(readFileSync(join(COPIES, 'local/position_short.json'), 'utf8')) as Record<string, unknown>;
    expect(mapPosition(short).qty.toString()).toBe('-5');
    expect(mapPosition({ ...short, qty: '5' }).qty.toString()).toBe('-5');
  });

  it('rejects commands that cannot be an Alpaca order, naming the field', () => {
    const base = command({ symbol: 'AAPL', side: 'buy', type: 'limit', timeInForce: 'day', qty: '1', limitPrice: '10' });
    expect(() => toPostOrderRequest({ ...base, limitPrice: undefined })).toThrow(/limitPrice: required for type limit/);
    expect(() => toPostOrderRequest({ ...base, qty: Decimal.ZERO })).toThrow(InvalidOrderCommandError);
    expect(() => toPostOrderRequest({ ...base, orderClass: 'bracket', takeProfit: { limitPrice: Decimal.of(12) } })).toThrow(/both are required for orderClass bracket/);
    expect(() => toPostOrderRequest({ ...base, type: 'trailing_stop', limitPrice: undefined } as unknown as SubmitOrderCommand)).toThrow(/exactly one is required/);
    expect(toPostOrderRequest({ ...base, type: 'stop', limitPrice: undefined, stopPrice: Decimal.of('9.5') } as unknown as SubmitOrderCommand)).toMatchObject({ stopPrice: '9.5', type: 'stop' });
  });
});

describe.skipIf(!existsSync(SHARED))('committed fixture copies', () => {
  it('still equal the shared originals', () => {
    for (const file of ['rest/order_limit_simple.json', 'rest/account.json', 'rest/position.json', 'stream/trade_update_fill.json', 'derived/order_bracket_response.json', 'derived/trade_updates_market_sequence.json', 'requests/post_order_bracket.json']) {
      expect(readFileSync(join(COPIES, file), 'utf8'), file).toBe(readFileSync(join(SHARED, file), 'utf8'));
    }
  });
});
