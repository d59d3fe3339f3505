// The only place Alpaca's trading vocabulary meets ours (DESIGN §3.13): wire orders, positions, accounts and
// trade updates become domain reports, and a SubmitOrderCommand becomes the SDK's post-order request.
// Must never: let an unknown order status through (it throws UnknownOrderStatusError), turn an amount into a
// binary float, or reject a payload because of a descriptive field it does not read.
import type { trading } from '@alpacahq/alpaca-trade-api';
import type { z } from 'zod';
import { IdError, parseBrokerOrderId, parseClientOrderId } from '../../../domain/ids.js';
import { isOneOf, ORDER_CLASSES, ORDER_SIDES, ORDER_TYPES, TIME_IN_FORCE, type OrderClass } from '../../../domain/order.js';
import type {
  AccountReport, BrokerOrderStatus, ExecutionEvent, OrderReport, PositionReport, SubmitOrderCommand,
} from '../../../ports/execution-client.js';
import {
  AlpacaAccountSchema, AlpacaOrderSchema, AlpacaPositionSchema, AlpacaTradeUpdateSchema, type AlpacaOrder,
} from './alpaca-wire.js';
import { InvalidOrderCommandError, MalformedPayloadError, UnknownOrderStatusError } from './execution-errors.js';

/** Every order status of Alpaca's `OrderStatus` enum (PROTOCOL §3.3); anything else fails loudly. */
export const BROKER_ORDER_STATUSES = [
  'new', 'accepted', 'pending_new', 'partially_filled', 'filled', 'done_for_day', 'canceled', 'expired', 'replaced',
  'pending_cancel', 'pending_replace', 'rejected', 'suspended', 'stopped', 'calculated', 'held', 'accepted_for_bidding',
] as const satisfies readonly BrokerOrderStatus[];

const EVENTS = ['new', 'partial_fill', 'fill', 'canceled', 'expired', 'replaced', 'rejected', 'pending_cancel', 'pending_new', 'accepted', 'done_for_day', 'held'] as const;

function parseWire<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `.${issue.path.map(String).join('.')}` : '';
  throw new MalformedPayloadError(`Alpaca ${what}${path}: ${issue?.message ?? 'invalid'}`);
}

function pick<const T extends string>(values: readonly T[], value: string, field: string): T {
  if (isOneOf(values, value)) return value;
  throw new MalformedPayloadError(`Alpaca order.${field}: unexpected ${JSON.stringify(value)} (expected one of ${values.join(', ')})`);
}

function ids(order: AlpacaOrder): Pick<OrderReport, 'brokerOrderId' | 'clientOrderId'> {
  try {
    return { brokerOrderId: parseBrokerOrderId(order.id), clientOrderId: parseClientOrderId(order.client_order_id) };
  } catch (error) {
    throw new MalformedPayloadError(`Alpaca order ${order.id}: ${error instanceof IdError ? error.message : String(error)}`);
  }
}

function toReport(order: AlpacaOrder): OrderReport {
  if (!isOneOf(BROKER_ORDER_STATUSES, order.status)) throw new UnknownOrderStatusError(order.status, BROKER_ORDER_STATUSES, `Alpaca order ${order.id}`);
  const orderClass: OrderClass = order.order_class === '' || order.order_class == null ? 'simple' : pick(ORDER_CLASSES, order.order_class, 'order_class');
  // A notional order has no qty until it fills; report what has filled rather than invent a size.
  const qty = order.qty ?? order.filled_qty;
  return {
    ...ids(order),
    symbol: order.symbol,
    side: pick(ORDER_SIDES, order.side, 'side'),
    type: pick(ORDER_TYPES, order.type ?? order.order_type ?? '', 'type'),
    timeInForce: pick(TIME_IN_FORCE, order.time_in_force, 'time_in_force'),
    orderClass,
    status: order.status,
    qty,
    filledQty: order.filled_qty,
    filledAvgPrice: order.filled_avg_price ?? null,
    limitPrice: order.limit_price ?? null,
    stopPrice: order.stop_price ?? null,
    submittedAt: order.submitted_at ?? null,
    updatedAt: order.updated_at ?? null,
    legs: (order.legs ?? []).map(toReport),
  };
}

/** Wire `Order` (REST body or a trade update's `order`) → OrderReport, legs included. @throws UnknownOrderStatusError, MalformedPayloadError */
export function mapOrder(wire: unknown): OrderReport {
  return toReport(parseWire(AlpacaOrderSchema, wire, 'order'));
}

/** Wire `Order[]` → reports. @throws as {@link mapOrder} */
export function mapOrders(wire: unknown): OrderReport[] {
  if (!Array.isArray(wire)) throw new MalformedPayloadError(`Alpaca order list: expected an array, got ${typeof wire}`);
  return wire.map((item: unknown) => mapOrder(item));
}

/** Wire `Position` → PositionReport with a signed quantity (negative when short, whatever the sign on the wire). */
export function mapPosition(wire: unknown): PositionReport {
  const p = parseWire(AlpacaPositionSchema, wire, 'position');
  const size = p.qty.abs();
  return {
    symbol: p.symbol,
    qty: p.side === 'short' ? size.neg() : size,
    avgEntryPrice: p.avg_entry_price,
    currentPrice: p.current_price ?? null,
    marketValue: p.market_value ?? null,
    unrealizedPl: p.unrealized_pl ?? null,
  };
}

/** Wire `Position[]` → reports. */
export function mapPositions(wire: unknown): PositionReport[] {
  if (!Array.isArray(wire)) throw new MalformedPayloadError(`Alpaca position list: expected an array, got ${typeof wire}`);
  return wire.map((item: unknown) => mapPosition(item));
}

/** Wire `Account` → AccountReport. Trading counts as blocked when the account or its trading is blocked or suspended. */
export function mapAccount(wire: unknown): AccountReport {
  const a = parseWire(AlpacaAccountSchema, wire, 'account');
  return {
    equity: a.equity,
    lastEquity: a.last_equity,
    cash: a.cash,
    buyingPower: a.buying_power,
    tradingBlocked: a.trading_blocked || a.account_blocked === true || a.trade_suspended_by_user === true,
  };
}

/**
 * The `data` of a `trade_updates` frame → ExecutionEvent. Events we do not model become `other` (their order
 * is still mapped, so an unknown order status still fails). `at` is the event's timestamp, else the order's
 * `updated_at`, else `receivedAt`. @throws UnknownOrderStatusError, MalformedPayloadError
 */
export function mapTradeUpdate(wire: unknown, receivedAt: number): ExecutionEvent {
  const u = parseWire(AlpacaTradeUpdateSchema, wire, 'trade update');
  const order = toReport(u.order);
  return {
    event: isOneOf(EVENTS, u.event) ? u.event : 'other',
    at: u.timestamp ?? u.at ?? order.updatedAt ?? receivedAt,
    order,
    ...(u.execution_id ? { executionId: u.execution_id } : {}),
    ...(u.price ? { price: u.price } : {}),
    ...(u.qty ? { qty: u.qty } : {}),
    ...(u.position_qty ? { positionQty: u.position_qty } : {}),
  };
}

function invalid(field: string, problem: string): never {
  throw new InvalidOrderCommandError(`order command ${field}: ${problem}`);
}

function checkPrices(c: SubmitOrderCommand): void {
  if (!c.qty.gt(0)) invalid('qty', `must be > 0, got ${c.qty.toString()}`);
  const needsLimit = c.type === 'limit' || c.type === 'stop_limit';
  const needsStop = c.type === 'stop' || c.type === 'stop_limit';
  if (needsLimit !== (c.limitPrice !== undefined) && c.orderClass !== 'oco') {
    invalid('limitPrice', needsLimit ? `required for type ${c.type}` : `not allowed for type ${c.type} (only limit, stop_limit)`);
  }
  if (needsStop !== (c.stopPrice !== undefined)) invalid('stopPrice', needsStop ? `required for type ${c.type}` : `not allowed for type ${c.type} (only stop, stop_limit)`);
  const trails = [c.trailPercent, c.trailPrice].filter((x) => x !== undefined).length;
  if (c.type === 'trailing_stop' ? trails !== 1 : trails !== 0) {
    invalid('trailPercent/trailPrice', c.type === 'trailing_stop' ? 'exactly one is required for type trailing_stop' : `not allowed for type ${c.type}`);
  }
}

function checkClass(c: SubmitOrderCommand): void {
  const cls = c.orderClass ?? 'simple';
  const exits = [c.takeProfit, c.stopLoss].filter((x) => x !== undefined).length;
  if (cls === 'simple' && exits > 0) invalid('orderClass', 'takeProfit/stopLoss need orderClass bracket, oco or oto');
  if ((cls === 'bracket' || cls === 'oco') && exits !== 2) invalid('takeProfit/stopLoss', `both are required for orderClass ${cls}`);
  if (cls === 'oto' && exits !== 1) invalid('takeProfit/stopLoss', 'exactly one is required for orderClass oto');
  if (cls === 'oco' && c.type !== 'limit') invalid('type', `must be limit for orderClass oco, got ${c.type}`);
}

/**
 * SubmitOrderCommand → the SDK's `PostOrderRequest` (amounts as decimal strings; the SDK serializes keys in
 * snake_case). An oco order carries its take-profit price in `take_profit` only, as the SDK's builder does.
 * @throws InvalidOrderCommandError naming the field, when the command cannot be a valid Alpaca order
 */
export function toPostOrderRequest(c: SubmitOrderCommand): trading.PostOrderRequest {
  checkPrices(c);
  checkClass(c);
  const cls = c.orderClass ?? 'simple';
  return {
    symbol: c.symbol,
    qty: c.qty.toString(),
    side: c.side,
    type: c.type,
    timeInForce: c.timeInForce,
    clientOrderId: c.clientOrderId,
    ...(c.limitPrice && cls !== 'oco' ? { limitPrice: c.limitPrice.toString() } : {}),
    ...(c.stopPrice ? { stopPrice: c.stopPrice.toString() } : {}),
    ...(c.trailPercent ? { trailPercent: c.trailPercent.toString() } : {}),
    ...(c.trailPrice ? { trailPrice: c.trailPrice.toString() } : {}),
    ...(c.extendedHours === undefined ? {} : { extendedHours: c.extendedHours }),
    ...(cls === 'simple' ? {} : { orderClass: cls }),
    ...(c.takeProfit ? { takeProfit: { limitPrice: c.takeProfit.limitPrice.toString() } } : {}),
    ...(c.stopLoss ? { stopLoss: { stopPrice: c.stopLoss.stopPrice.toString(), ...(c.stopLoss.limitPrice ? { limitPrice: c.stopLoss.limitPrice.toString() } : {}) } } : {}),
  };
}
