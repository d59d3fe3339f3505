// The backtest client builds the same POST body the SDK would send for every kind of command, refuses the
// commands the Alpaca adapter refuses, and classifies venue errors as the Alpaca adapter classifies HTTP errors.
import { trading } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { BrokerAuthError, BrokerRequestError, BrokerUnavailableError, InvalidOrderCommandError } from '../alpaca/execution/execution-errors.js';
import { toPostOrderRequest } from '../alpaca/execution/execution-mapper.js';
import { Decimal } from '../../domain/decimal.js';
import { parseClientOrderId } from '../../domain/ids.js';
import type { SubmitOrderCommand } from '../../ports/execution-client.js';
import { isDuplicate, readFailure, submitRefusal, venueOrderBody } from './venue-request.js';

const d = (x: string) => Decimal.of(x);
const base = { clientOrderId: parseClientOrderId('bt-1'), symbol: 'AAPL', side: 'buy', qty: d('10'), timeInForce: 'day' } as const;

const COMMANDS: readonly SubmitOrderCommand[] = [
  { ...base, type: 'market' },
  { ...base, type: 'limit', limitPrice: d('101.5'), timeInForce: 'gtc', extendedHours: true },
  { ...base, type: 'stop', stopPrice: d('99'), side: 'sell' },
  { ...base, type: 'stop_limit', stopPrice: d('99'), limitPrice: d('98.9'), side: 'sell' },
  { ...base, type: 'trailing_stop', trailPercent: d('1.5'), side: 'sell' },
  { ...base, type: 'trailing_stop', trailPrice: d('2'), side: 'sell', timeInForce: 'gtc' },
  { ...base, type: 'market', orderClass: 'bracket', takeProfit: { limitPrice: d('110') }, stopLoss: { stopPrice: d('95'), limitPrice: d('94.5') } },
  { ...base, type: 'limit', limitPrice: d('100'), orderClass: 'oto', stopLoss: { stopPrice: d('95') } },
  { ...base, type: 'limit', limitPrice: d('110'), side: 'sell', orderClass: 'oco', takeProfit: { limitPrice: d('110') }, stopLoss: { stopPrice: d('95') }, timeInForce: 'gtc' },
  { ...base, type: 'market', timeInForce: 'opg', extendedHours: false },
];

describe('venueOrderBody', () => {
  it.each(COMMANDS.map((c) => [`${c.orderClass ?? 'simple'} ${c.type} ${c.timeInForce}`, c] as const))('%s: the body the SDK would serialize', (_name, command) => {
    const sdkJson = JSON.stringify(trading.PostOrderRequestToJSON(toPostOrderRequest(command)));
    expect(JSON.stringify(venueOrderBody(command))).toBe(sdkJson);
  });

  it('refuses what the Alpaca adapter refuses, naming the field', () => {
    expect(() => venueOrderBody({ ...base, type: 'limit' })).toThrow(InvalidOrderCommandError);
    expect(() => venueOrderBody({ ...base, type: 'limit' })).toThrow(/limitPrice/);
    expect(() => venueOrderBody({ ...base, type: 'market', qty: d('0') })).toThrow(/qty/);
  });
});

describe('venue errors', () => {
  it('422 40010001 "client_order_id must be unique" is a duplicate; other 4xx are rejections with status, code and message', () => {
    const dup = { status: 422, code: 40010001, message: 'client_order_id must be unique' };
    expect(isDuplicate(dup)).toBe(true);
    expect(submitRefusal(dup)).toEqual({ kind: 'duplicate', message: 'client_order_id must be unique' });
    const other = { status: 422, code: 40010001, message: 'qty is required' };
    expect(submitRefusal(other)).toEqual({ kind: 'rejected', status: 422, code: 40010001, message: 'qty is required' });
    expect(submitRefusal({ status: 403, code: 40310000, message: 'insufficient buying power' })).toEqual({ kind: 'rejected', status: 403, code: 40310000, message: 'insufficient buying power' });
  });

  it('reads fail with the Alpaca adapter error classes', () => {
    expect(readFailure('x', { status: 500, code: 50010000, message: 'boom' })).toBeInstanceOf(BrokerUnavailableError);
    expect(readFailure('x', { status: 403, code: 40310001, message: 'forbidden' })).toBeInstanceOf(BrokerAuthError);
    const refused = readFailure('close position AAPL', { status: 403, code: 40310000, message: 'insufficient qty available' }, 'reconcile');
    expect(refused).toBeInstanceOf(BrokerRequestError);
    expect(refused).toMatchObject({ status: 403, brokerCode: 40310000, action: 'reconcile', message: 'close position AAPL failed: HTTP 403 (40310000): insufficient qty available' });
  });
});
