// PATCH /v2/orders/{id} for the simulated venue (PROTOCOL §3.3 Replace): validates the change, builds the
// replacing order (new id, `replaces` = old id, the old one becomes `replaced` with `replaced_by`), and keeps
// it in the old order's group. A partially filled order's replacement works the rest: qty − filled_qty.
// Must never: replace an order that is pending, terminal or notional, or accept a replace that changes nothing.
import type { AlpacaOrder, ApiError } from '../contracts.js';
import type { Decimal } from '../../domain/decimal.js';
import { orderCost, unitCost } from '../account/buying-power.js';
import { scheduleOrder } from '../matching/order-schedule.js';
import { updateTrailingMark } from '../matching/trailing-stop.js';
import { forbidden, invalidRequest, isApiError, ruleViolation } from './api-errors.js';
import { asObject } from './field-readers.js';
import { buildOrder } from './order-factory.js';
import { orderJson } from './order-json.js';
import type { OrderLifecycle } from './order-lifecycle.js';
import { TIME_IN_FORCES, type SimOrder, type SimTimeInForce } from './order-record.js';
import { FieldReader, MAX_CLIENT_ORDER_ID } from './order-request.js';
import { subPenny } from './order-rules.js';
import type { VenueCore } from './venue-core.js';

interface ReplaceRequest {
  readonly qty: Decimal | undefined;
  readonly tif: SimTimeInForce | undefined;
  readonly limitPrice: Decimal | undefined;
  readonly stopPrice: Decimal | undefined;
  readonly trail: Decimal | undefined;
  readonly clientOrderId: string | undefined;
}

const REPLACEABLE = new Set(['new', 'partially_filled', 'held']);

function parseReplace(raw: unknown): ReplaceRequest | ApiError {
  const body = asObject(raw ?? {});
  if (body === undefined) return invalidRequest('request body must be a JSON object');
  const r = new FieldReader(body);
  const request = {
    qty: r.positive('qty'),
    tif: r.enumOf('time_in_force', TIME_IN_FORCES),
    limitPrice: r.positive('limit_price'),
    stopPrice: r.positive('stop_price'),
    trail: r.positive('trail'),
    clientOrderId: r.string('client_order_id'),
  };
  if (request.clientOrderId !== undefined && request.clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    r.fail(invalidRequest(`client_order_id must be no more than ${MAX_CLIENT_ORDER_ID} characters (got ${request.clientOrderId.length})`));
  }
  return r.error ?? request;
}

function fieldRules(old: SimOrder, p: ReplaceRequest): ApiError | undefined {
  const t = old.type;
  if (p.qty !== undefined && (!p.qty.isInteger() || !(old.qty?.isInteger() ?? false))) return ruleViolation('qty can only be replaced with whole shares on a whole-share order');
  if (p.qty?.lte(old.filledQty)) return ruleViolation(`qty must be > filled_qty (${old.filledQty.toString()})`);
  if (p.limitPrice !== undefined && t !== 'limit' && t !== 'stop_limit') return ruleViolation(`limit_price cannot be set on a ${t} order`);
  if (p.stopPrice !== undefined && t !== 'stop' && t !== 'stop_limit') return ruleViolation(`stop_price cannot be set on a ${t} order`);
  if (p.trail !== undefined && t !== 'trailing_stop') return ruleViolation(`trail can only be set on a trailing_stop order (this is ${t})`);
  if (p.tif !== undefined && (t === 'trailing_stop' || old.extendedHours || old.group !== null) && p.tif !== 'day' && p.tif !== 'gtc') {
    return ruleViolation(`time_in_force must be day or gtc for this order (got ${p.tif})`);
  }
  return subPenny('limit_price', p.limitPrice) ?? subPenny('stop_price', p.stopPrice) ?? (old.trailPrice === null ? undefined : subPenny('trail', p.trail));
}

function unchanged(old: SimOrder, p: ReplaceRequest): boolean {
  const same = (a: Decimal | undefined, b: Decimal | null): boolean => a === undefined || (b !== null && a.eq(b));
  const trailSame = p.trail === undefined || (old.trailPrice ?? old.trailPercent)?.eq(p.trail) === true;
  return same(p.qty, old.qty) && same(p.limitPrice, old.limitPrice) && same(p.stopPrice, old.stopPrice) && trailSame && (p.tif ?? old.tif) === old.tif;
}

function replaceError(core: VenueCore, old: SimOrder, p: ReplaceRequest): ApiError | undefined {
  if (!REPLACEABLE.has(old.status)) return ruleViolation(`cannot replace order in ${old.status} status`);
  if (old.notional !== null) return ruleViolation('notional orders cannot be replaced');
  const rules = fieldRules(old, p);
  if (rules !== undefined) return rules;
  if (unchanged(old, p)) return ruleViolation('order parameters are not changed');
  if (p.clientOrderId !== undefined && core.book.hasClientOrderId(p.clientOrderId)) return invalidRequest('client_order_id must be unique');
  return undefined;
}

function buildReplacement(core: VenueCore, old: SimOrder, p: ReplaceRequest): SimOrder {
  const totalQty = p.qty ?? old.qty ?? undefined;
  const next = buildOrder(core, {
    symbol: old.symbol, assetId: old.assetId, side: old.side, type: old.type, tif: p.tif ?? old.tif, orderClass: old.orderClass,
    qty: totalQty?.minus(old.filledQty),
    limitPrice: p.limitPrice ?? old.limitPrice ?? undefined,
    stopPrice: old.type === 'trailing_stop' ? undefined : (p.stopPrice ?? old.stopPrice ?? undefined),
    trailPrice: old.trailPrice === null ? undefined : (p.trail ?? old.trailPrice),
    trailPercent: old.trailPercent === null ? undefined : (p.trail ?? old.trailPercent),
    extendedHours: old.extendedHours, clientOrderId: p.clientOrderId, positionIntent: old.positionIntent ?? undefined,
    status: old.status === 'held' ? 'held' : 'accepted',
  });
  Object.assign(next, { replaces: old.id, group: old.group, opening: old.opening, triggered: old.triggered && p.stopPrice === undefined });
  next.submittedAt = old.submittedAt === null ? null : next.createdAt;
  scheduleOrder(core.hours, next, core.now());
  next.activateAt = Number.NEGATIVE_INFINITY;
  if (next.tif === old.tif) Object.assign(next, { expireAt: old.expireAt, auctionAt: old.auctionAt });
  if (old.type === 'trailing_stop' && !Number.isNaN(old.hwmNum)) updateTrailingMark(next, old.hwmNum);
  return next;
}

/** Replaces `old` per the PATCH body; returns the new order as the response shows it, or Alpaca's error. */
export function replaceOrder(core: VenueCore, life: OrderLifecycle, old: SimOrder, body: unknown): { order: SimOrder; json: AlpacaOrder } | ApiError {
  const p = parseReplace(body);
  if (isApiError(p)) return p;
  const error = replaceError(core, old, p);
  if (error !== undefined) return error;
  const next = buildReplacement(core, old, p);
  next.reserveUnit = unitCost(next, core.refPrice(next.symbol));
  if (next.opening && orderCost(next, core.refPrice(next.symbol)).gt(core.buyingPower(old))) return forbidden('insufficient buying power');
  core.book.add(next);
  const json = orderJson(next, true);
  life.replace(old, next);
  return { order: next, json };
}
