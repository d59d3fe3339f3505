// Maps the in-process venue's Alpaca-shaped objects (orders, trade updates, positions, the account) to the
// port's reports by the very rules of the Alpaca adapter's mapper (adapters/alpaca/execution/execution-mapper.ts):
// same status list, same class/type/qty fallbacks, same timestamps, same failures. It exists because that
// mapper validates with zod, which costs ~0.1–0.3 ms per order on this machine (a loose object copies all ~35
// keys): too slow for a backtest's fill path. The venue's objects are trusted shapes, so each field is read
// directly; a parity test (venue-mapper.test.ts) checks every result equals the Alpaca mapper's on random runs.
// Must never: diverge from execution-mapper.ts (change both together), let an unknown status through, or
// turn an amount into a float.
import { Decimal } from '../../domain/decimal.js';
import { IdError, parseBrokerOrderId, parseClientOrderId } from '../../domain/ids.js';
import { isOneOf, ORDER_CLASSES, ORDER_SIDES, ORDER_TYPES, TIME_IN_FORCE, type OrderClass } from '../../domain/order.js';
import type { AlpacaTradeUpdate } from '../../exchange/contracts.js';
import type { AccountReport, ExecutionEvent, OrderReport, PositionReport } from '../../ports/execution-client.js';
import { parseRfc3339 } from '../alpaca/execution/alpaca-wire.js';
import { MalformedPayloadError, UnknownOrderStatusError } from '../alpaca/execution/execution-errors.js';
import { BROKER_ORDER_STATUSES } from '../alpaca/execution/execution-mapper.js';

type Wire = Readonly<Record<string, unknown>>;

/** The trade-update events the port names (execution-mapper.ts's list); anything else is `other`. */
const EVENTS = ['new', 'partial_fill', 'fill', 'canceled', 'expired', 'replaced', 'rejected', 'pending_cancel', 'pending_new', 'accepted', 'done_for_day', 'held'] as const;

function malformed(what: string, key: string, value: unknown): never {
  throw new MalformedPayloadError(`Alpaca ${what}.${key}: unexpected ${value === undefined ? 'undefined' : JSON.stringify(value)}`);
}

function text(w: Wire, key: string, what: string): string {
  const v = w[key];
  return typeof v === 'string' ? v : malformed(what, key, v);
}

function optText(w: Wire, key: string, what: string): string | undefined {
  const v = w[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : malformed(what, key, v);
}

function optDecimal(w: Wire, key: string, what: string): Decimal | null {
  const v = optText(w, key, what);
  if (v === undefined) return null;
  return Decimal.tryOf(v) ?? malformed(what, key, v);
}

function decimal(w: Wire, key: string, what: string): Decimal {
  return optDecimal(w, key, what) ?? malformed(what, key, w[key]);
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, the only form the venue writes (Date#toISOString); Date.parse reads it exactly. */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function optTime(w: Wire, key: string, what: string): number | null {
  const v = optText(w, key, what);
  if (v === undefined) return null;
  const t = ISO_MS.test(v) ? Date.parse(v) : parseRfc3339(v);
  return t === undefined || Number.isNaN(t) ? malformed(what, key, v) : t;
}

function pick<const T extends string>(values: readonly T[], value: string, field: string): T {
  if (isOneOf(values, value)) return value;
  throw new MalformedPayloadError(`Alpaca order.${field}: unexpected ${JSON.stringify(value)} (expected one of ${values.join(', ')})`);
}

/** A venue order (REST body or a trade update's `order`) → OrderReport, legs included. @throws UnknownOrderStatusError, MalformedPayloadError */
export function mapVenueOrder(o: Wire): OrderReport {
  const id = text(o, 'id', 'order');
  const status = text(o, 'status', 'order');
  if (!isOneOf(BROKER_ORDER_STATUSES, status)) throw new UnknownOrderStatusError(status, BROKER_ORDER_STATUSES, `Alpaca order ${id}`);
  const cls = optText(o, 'order_class', 'order');
  const orderClass: OrderClass = cls === undefined || cls === '' ? 'simple' : pick(ORDER_CLASSES, cls, 'order_class');
  const filledQty = decimal(o, 'filled_qty', 'order');
  const legs = o['legs'];
  if (legs !== undefined && legs !== null && !Array.isArray(legs)) malformed('order', 'legs', legs);
  const { brokerOrderId, clientOrderId } = ids(id, text(o, 'client_order_id', 'order'));
  return {
    // plain fields, not a spread: spreading first made V8 build every report in slow dictionary mode (~40 µs)
    brokerOrderId,
    clientOrderId,
    symbol: text(o, 'symbol', 'order'),
    side: pick(ORDER_SIDES, text(o, 'side', 'order'), 'side'),
    type: pick(ORDER_TYPES, optText(o, 'type', 'order') ?? optText(o, 'order_type', 'order') ?? '', 'type'),
    timeInForce: pick(TIME_IN_FORCE, text(o, 'time_in_force', 'order'), 'time_in_force'),
    orderClass,
    status,
    qty: optDecimal(o, 'qty', 'order') ?? filledQty,
    filledQty,
    filledAvgPrice: optDecimal(o, 'filled_avg_price', 'order'),
    limitPrice: optDecimal(o, 'limit_price', 'order'),
    stopPrice: optDecimal(o, 'stop_price', 'order'),
    submittedAt: optTime(o, 'submitted_at', 'order'),
    updatedAt: optTime(o, 'updated_at', 'order'),
    legs: Array.isArray(legs) ? legs.map((leg: unknown) => mapVenueOrder(leg as Wire)) : [],
  };
}

function ids(id: string, clientOrderId: string): Pick<OrderReport, 'brokerOrderId' | 'clientOrderId'> {
  try {
    return { brokerOrderId: parseBrokerOrderId(id), clientOrderId: parseClientOrderId(clientOrderId) };
  } catch (error) {
    throw new MalformedPayloadError(`Alpaca order ${id}: ${error instanceof IdError ? error.message : String(error)}`);
  }
}

/**
 * A venue trade update → ExecutionEvent, as mapTradeUpdate maps it, plus the venue's per-execution
 * `commission` (present only when the venue charges commission). @throws as {@link mapVenueOrder}
 */
export function mapVenueTradeUpdate(u: Wire | AlpacaTradeUpdate, receivedAt: number): ExecutionEvent {
  const w = u as Wire;
  const raw = w['order'];
  const order = mapVenueOrder(typeof raw === 'object' && raw !== null ? (raw as Wire) : malformed('trade update', 'order', raw));
  const event = text(w, 'event', 'trade update');
  const executionId = optText(w, 'execution_id', 'trade update');
  const price = optDecimal(w, 'price', 'trade update');
  const qty = optDecimal(w, 'qty', 'trade update');
  const positionQty = optDecimal(w, 'position_qty', 'trade update');
  const commission = optDecimal(w, 'commission', 'trade update');
  const mapped: { -readonly [K in keyof ExecutionEvent]: ExecutionEvent[K] } = {
    event: isOneOf(EVENTS, event) ? event : 'other',
    at: optTime(w, 'timestamp', 'trade update') ?? optTime(w, 'at', 'trade update') ?? order.updatedAt ?? receivedAt,
    order,
  };
  // assigned, not spread in: conditional spreads make V8 build the event slowly
  if (executionId) mapped.executionId = executionId;
  if (price) mapped.price = price;
  if (qty) mapped.qty = qty;
  if (positionQty) mapped.positionQty = positionQty;
  if (commission) mapped.commission = commission;
  return mapped;
}

/** A venue position → PositionReport with a signed quantity (negative when short). */
export function mapVenuePosition(p: Wire): PositionReport {
  const side = text(p, 'side', 'position');
  if (side !== 'long' && side !== 'short') malformed('position', 'side', side);
  const size = decimal(p, 'qty', 'position').abs();
  return {
    symbol: text(p, 'symbol', 'position'),
    qty: side === 'short' ? size.neg() : size,
    avgEntryPrice: decimal(p, 'avg_entry_price', 'position'),
    currentPrice: optDecimal(p, 'current_price', 'position'),
    marketValue: optDecimal(p, 'market_value', 'position'),
    unrealizedPl: optDecimal(p, 'unrealized_pl', 'position'),
  };
}

/** The venue account → AccountReport (blocked when the account or its trading is blocked or suspended). */
export function mapVenueAccount(a: Wire): AccountReport {
  const flag = (key: string): boolean => {
    const v = a[key];
    if (typeof v === 'boolean') return v;
    return v === undefined || v === null ? false : malformed('account', key, v);
  };
  if (typeof a['trading_blocked'] !== 'boolean') malformed('account', 'trading_blocked', a['trading_blocked']);
  return {
    equity: decimal(a, 'equity', 'account'),
    lastEquity: decimal(a, 'last_equity', 'account'),
    cash: decimal(a, 'cash', 'account'),
    buyingPower: decimal(a, 'buying_power', 'account'),
    tradingBlocked: flag('trading_blocked') || flag('account_blocked') || flag('trade_suspended_by_user'),
  };
}
