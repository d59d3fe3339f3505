// POST /v2/orders for the simulated venue: parse, apply Alpaca's rules in order (fields, combinations,
// asset, client_order_id uniqueness, TIF windows, bracket base prices, position and buying power), then
// build the order (and its legs), store it and start it: at once when its hours are open, else queued.
// Must never: store an order that failed a rule, or reuse a client_order_id (unique for the account's life).
import type { AlpacaOrder, ApiError } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import type { SimAsset } from '../account/asset-registry.js';
import { priceDecimal, unitCost } from '../account/buying-power.js';
import { checkAccount } from '../account/order-account-checks.js';
import { auctionWindowError, scheduleOrder } from '../matching/order-schedule.js';
import { invalidRequest, isApiError, ruleViolation } from './api-errors.js';
import { buildOrder } from './order-factory.js';
import { orderJson } from './order-json.js';
import type { OrderLifecycle } from './order-lifecycle.js';
import type { OrderGroup, SimOrder } from './order-record.js';
import { parseOrderRequest, type OrderRequest } from './order-request.js';
import { checkOrderRules } from './order-rules.js';
import type { VenueCore } from './venue-core.js';

const PENNY = Decimal.of('0.01');

function assetRules(q: OrderRequest, asset: SimAsset | undefined): ApiError | undefined {
  if (asset === undefined) return invalidRequest(`asset "${q.symbol}" not found`);
  if (!asset.tradable) return ruleViolation(`asset ${asset.symbol} is not tradable`);
  const fractional = q.notional !== undefined || (q.qty !== undefined && !q.qty.isInteger());
  if (fractional && !asset.fractionable) return ruleViolation(`asset ${asset.symbol} is not fractionable`);
  return undefined;
}

/** Exit prices must clear the base price by a cent (PROTOCOL §3.3): entry limit, or the market for a market entry. */
function basePriceRule(q: OrderRequest, ref: number | undefined): ApiError | undefined {
  if (q.orderClass !== 'bracket' && q.orderClass !== 'oto') return undefined;
  const base = q.type === 'limit' ? q.limitPrice : ref === undefined ? undefined : priceDecimal(ref);
  if (base === undefined) return undefined;
  const extra = { base_price: base.toString() };
  const tp = q.takeProfit?.limitPrice;
  const sl = q.stopLoss?.stopPrice;
  if (q.side === 'buy') {
    if (tp?.lt(base.plus(PENNY))) return ruleViolation('take_profit.limit_price must be >= base_price + 0.01', extra);
    if (sl?.gt(base.minus(PENNY))) return ruleViolation('stop_loss.stop_price must be <= base_price - 0.01', extra);
  } else {
    if (tp?.gt(base.minus(PENNY))) return ruleViolation('take_profit.limit_price must be <= base_price - 0.01', extra);
    if (sl?.lt(base.plus(PENNY))) return ruleViolation('stop_loss.stop_price must be >= base_price + 0.01', extra);
  }
  return undefined;
}

/** The request's checks that need no account: rules, asset, id uniqueness, TIF window, base price. */
function admissionError(core: VenueCore, q: OrderRequest, asset: SimAsset | undefined): ApiError | undefined {
  const rules = checkOrderRules(q) ?? assetRules(q, asset);
  if (rules !== undefined) return rules;
  if (q.clientOrderId !== undefined && core.book.hasClientOrderId(q.clientOrderId)) {
    return invalidRequest('client_order_id must be unique');
  }
  const window = auctionWindowError(core.hours, q.tif, core.now());
  if (window !== undefined) return ruleViolation(window);
  return basePriceRule(q, core.refPrice(q.symbol));
}

/** The orders of a request: the parent first, then its legs (held for bracket/oto). */
function buildOrders(core: VenueCore, q: OrderRequest, asset: SimAsset): SimOrder[] {
  const base = { symbol: asset.symbol, assetId: asset.id, tif: q.tif, orderClass: q.orderClass, qty: q.qty };
  const isOco = q.orderClass === 'oco';
  const parent = buildOrder(core, {
    ...base,
    side: q.side,
    type: q.type,
    notional: q.notional,
    limitPrice: isOco ? q.takeProfit?.limitPrice : q.limitPrice,
    stopPrice: q.stopPrice,
    trailPrice: q.trailPrice,
    trailPercent: q.trailPercent,
    extendedHours: q.extendedHours,
    clientOrderId: q.clientOrderId,
    positionIntent: q.positionIntent,
    status: 'accepted',
  });
  if (q.orderClass === '') return [parent];
  const exitSide = isOco ? q.side : q.side === 'buy' ? 'sell' : 'buy';
  const legStatus = isOco ? 'accepted' : 'held';
  const tp = q.takeProfit?.limitPrice;
  const takeProfit = isOco || tp === undefined ? null : buildOrder(core, { ...base, side: exitSide, type: 'limit', limitPrice: tp, status: legStatus });
  const sl = q.stopLoss;
  const stopLoss = sl === undefined ? null : buildOrder(core, {
    ...base,
    side: exitSide,
    type: sl.limitPrice === undefined ? 'stop' : 'stop_limit',
    stopPrice: sl.stopPrice,
    limitPrice: sl.limitPrice,
    status: legStatus,
  });
  const group: OrderGroup = { cls: q.orderClass, entry: isOco ? null : parent, takeProfit: isOco ? parent : takeProfit, stopLoss };
  const orders = [parent, takeProfit, stopLoss].filter((o): o is SimOrder => o !== null);
  for (const order of orders) order.group = group;
  return orders;
}

/**
 * Validates and accepts a create-order body. Returns the order as the REST response shows it (status
 * `accepted`, legs nested) or Alpaca's error; on success the order is live (or queued) and `new` was emitted.
 * @param rejectAfterAccept fault injection: accept (REST 200), then reject at once (event `rejected`)
 */
export function acceptOrder(core: VenueCore, life: OrderLifecycle, body: unknown, rejectAfterAccept = false): { order: SimOrder; json: AlpacaOrder } | ApiError {
  const q = parseOrderRequest(body);
  if (isApiError(q)) return q;
  const asset = core.assets.get(q.symbol);
  const error = admissionError(core, q, asset);
  if (error !== undefined || asset === undefined) return error ?? invalidRequest(`asset "${q.symbol}" not found`);
  const orders = buildOrders(core, q, asset);
  const parent = orders[0];
  if (parent === undefined) return invalidRequest('order could not be built');
  const account = checkAccount(core, parent, asset, q.orderClass === 'oco');
  if (isApiError(account)) return account;
  parent.opening = account.opening;
  parent.reserveUnit = unitCost(parent, core.refPrice(parent.symbol));
  const now = core.now();
  for (const order of orders) {
    core.book.add(order);
    core.hold(order);
    if (order.status === 'accepted') scheduleOrder(core.hours, order, now);
  }
  const json = orderJson(parent, true);
  for (const order of orders) {
    if (rejectAfterAccept) life.reject(order);
    else startOrder(life, order, now);
  }
  return { order: parent, json };
}

/** Starts an accepted order: live now when its hours are open, else queued until `activateAt`. */
export function startOrder(life: OrderLifecycle, order: SimOrder, now: number): void {
  if (order.status !== 'accepted') return;
  if (order.activateAt <= now) life.activate(order);
  life.watch(order);
}
