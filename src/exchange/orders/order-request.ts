// Parses the raw body of POST /v2/orders into a typed request (field syntax only; combination rules are
// in order-rules.ts). Accepts what the SDK sends (amounts as strings) and what other clients send (numbers).
// Must never: accept a field it cannot represent exactly, or report anything but the first bad field.
import type { ApiError } from '../contracts.js';
import type { Decimal } from '../../domain/decimal.js';
import { invalidRequest, isApiError, ruleViolation } from './api-errors.js';
import { asObject, isSet, readBoolean, readEnum, readPositive, readString, type Body } from './field-readers.js';
import { ORDER_TYPES, SIDES, TIME_IN_FORCES, type Side, type SimOrderType, type SimTimeInForce, type WireOrderClass } from './order-record.js';

export const MAX_CLIENT_ORDER_ID = 128;
const ORDER_CLASSES = ['simple', 'bracket', 'oco', 'oto', 'mleg'] as const;
const POSITION_INTENTS = ['buy_to_open', 'buy_to_close', 'sell_to_open', 'sell_to_close'] as const;

export interface TakeProfitSpec {
  readonly limitPrice: Decimal | undefined;
}
export interface StopLossSpec {
  readonly stopPrice: Decimal | undefined;
  readonly limitPrice: Decimal | undefined;
}

/** A syntactically valid order request. */
export interface OrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly type: SimOrderType;
  readonly tif: SimTimeInForce;
  readonly orderClass: WireOrderClass;
  readonly qty: Decimal | undefined;
  readonly notional: Decimal | undefined;
  readonly limitPrice: Decimal | undefined;
  readonly stopPrice: Decimal | undefined;
  readonly trailPrice: Decimal | undefined;
  readonly trailPercent: Decimal | undefined;
  readonly extendedHours: boolean;
  readonly clientOrderId: string | undefined;
  readonly positionIntent: string | undefined;
  readonly takeProfit: TakeProfitSpec | undefined;
  readonly stopLoss: StopLossSpec | undefined;
}

/** Collects field reads and keeps the first error. */
export class FieldReader {
  error: ApiError | undefined;
  constructor(readonly body: Body) {}

  #keep<T>(value: T | ApiError): T | undefined {
    if (isApiError(value)) {
      this.error ??= value;
      return undefined;
    }
    return value;
  }
  enumOf<T extends string>(key: string, allowed: readonly T[], required = false): T | undefined {
    return this.#keep(readEnum(this.body, key, allowed, required));
  }
  string(key: string): string | undefined {
    return this.#keep(readString(this.body, key));
  }
  boolean(key: string): boolean {
    return this.#keep(readBoolean(this.body, key)) ?? false;
  }
  positive(key: string, label = key, maxDp = 9): Decimal | undefined {
    return this.#keep(readPositive(this.body, key, label, maxDp));
  }
  fail(error: ApiError): void {
    this.error ??= error;
  }
}

function readSymbol(r: FieldReader): string {
  const symbol = r.string('symbol');
  if (symbol === undefined) r.fail(invalidRequest('symbol is required'));
  return symbol?.trim().toUpperCase() ?? '';
}

function readClass(r: FieldReader): WireOrderClass {
  const cls = r.enumOf('order_class', ORDER_CLASSES);
  if (cls === 'mleg') r.fail(ruleViolation('order_class mleg (multi-leg options) is not supported for us_equity orders'));
  return cls === undefined || cls === 'simple' || cls === 'mleg' ? '' : cls;
}

function readClientOrderId(r: FieldReader): string | undefined {
  const id = r.string('client_order_id');
  if (id !== undefined && id.length > MAX_CLIENT_ORDER_ID) {
    r.fail(invalidRequest(`client_order_id must be no more than ${MAX_CLIENT_ORDER_ID} characters (got ${id.length})`));
  }
  return id;
}

function readLegs(r: FieldReader): Pick<OrderRequest, 'takeProfit' | 'stopLoss'> {
  const tpRaw = r.body['take_profit'];
  const slRaw = r.body['stop_loss'];
  const tp = asObject(tpRaw);
  const sl = asObject(slRaw);
  if (isSet(tpRaw) && tp === undefined) r.fail(invalidRequest('invalid take_profit: expected an object {limit_price}'));
  if (isSet(slRaw) && sl === undefined) r.fail(invalidRequest('invalid stop_loss: expected an object {stop_price, limit_price?}'));
  const tpReader = tp === undefined ? undefined : new FieldReader(tp);
  const slReader = sl === undefined ? undefined : new FieldReader(sl);
  const takeProfit = tpReader && { limitPrice: tpReader.positive('limit_price', 'take_profit.limit_price') };
  const stopLoss = slReader && {
    stopPrice: slReader.positive('stop_price', 'stop_loss.stop_price'),
    limitPrice: slReader.positive('limit_price', 'stop_loss.limit_price'),
  };
  if (tpReader?.error) r.fail(tpReader.error);
  if (slReader?.error) r.fail(slReader.error);
  return { takeProfit, stopLoss };
}

/** Parses the body of a create-order request. Returns the first field error as 422 40010001. */
export function parseOrderRequest(raw: unknown): OrderRequest | ApiError {
  const body = asObject(raw);
  if (body === undefined) return invalidRequest('request body must be a JSON object');
  const r = new FieldReader(body);
  const request: OrderRequest = {
    symbol: readSymbol(r),
    side: r.enumOf('side', SIDES, true) ?? 'buy',
    type: r.enumOf('type', ORDER_TYPES, true) ?? 'market',
    tif: r.enumOf('time_in_force', TIME_IN_FORCES, true) ?? 'day',
    orderClass: readClass(r),
    qty: r.positive('qty'),
    notional: r.positive('notional'),
    limitPrice: r.positive('limit_price'),
    stopPrice: r.positive('stop_price'),
    trailPrice: r.positive('trail_price'),
    trailPercent: r.positive('trail_percent'),
    extendedHours: r.boolean('extended_hours'),
    clientOrderId: readClientOrderId(r),
    positionIntent: r.enumOf('position_intent', POSITION_INTENTS),
    ...readLegs(r),
  };
  return r.error ?? request;
}
