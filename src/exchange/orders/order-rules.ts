// Alpaca's order-combination rules (PROTOCOL §3.3): qty xor notional, fractional and notional limits,
// prices required per type, sub-penny increments, trailing stops, extended hours, TIF and class rules.
// Exists apart from the parser so each rule is one small function with the exact status/code it answers.
// Must never: depend on the account or the clock (those checks live in order-intake.ts).
import type { ApiError } from '../contracts.js';
import type { Decimal } from '../../domain/decimal.js';
import { invalidRequest, ruleViolation } from './api-errors.js';
import type { OrderRequest } from './order-request.js';

/** Largest number of decimal places a price may have: 2 at or above $1, 4 below. */
export function maxPriceDp(price: Decimal): number {
  return price.gte(1) ? 2 : 4;
}

/** 422 42210000 when `price` has a sub-penny increment (PROTOCOL §3.3, fixture errors/sub_penny_limit_42210000.json). */
export function subPenny(label: string, price: Decimal | undefined): ApiError | undefined {
  if (price === undefined || price.decimalPlaces() <= maxPriceDp(price)) return undefined;
  return ruleViolation(`invalid ${label} ${price.toString()}. sub-penny increment does not fulfill minimum pricing criteria`);
}

function quantityRules(q: OrderRequest): ApiError | undefined {
  if (q.qty !== undefined && q.notional !== undefined) return invalidRequest('qty and notional are mutually exclusive: send only one');
  if (q.qty === undefined && q.notional === undefined) return invalidRequest('qty or notional is required');
  const simpleMarketDay = q.type === 'market' && q.tif === 'day' && q.orderClass === '';
  if (q.notional !== undefined && !simpleMarketDay) {
    return ruleViolation(`notional orders must be simple market orders with time_in_force day (got type=${q.type}, time_in_force=${q.tif}, order_class=${q.orderClass || 'simple'})`);
  }
  if (q.notional?.lt(1)) return ruleViolation(`notional must be >= 1, got ${q.notional.toString()}`);
  if (q.qty !== undefined && !q.qty.isInteger() && !simpleMarketDay) {
    return ruleViolation(`fractional qty ${q.qty.toString()} is only allowed for simple market orders with time_in_force day (got type=${q.type}, time_in_force=${q.tif})`);
  }
  return undefined;
}

function requiredPrices(q: OrderRequest): ApiError | undefined {
  const needsLimit = q.type === 'limit' || q.type === 'stop_limit';
  const needsStop = q.type === 'stop' || q.type === 'stop_limit';
  if (needsLimit && q.limitPrice === undefined && !(q.orderClass === 'oco' && q.type === 'limit')) {
    return invalidRequest(`limit_price is required for type=${q.type}`);
  }
  if (needsStop && q.stopPrice === undefined) return invalidRequest(`stop_price is required for type=${q.type}`);
  if (!needsLimit && q.limitPrice !== undefined) return ruleViolation(`limit_price must not be set for type=${q.type}`);
  if (!needsStop && q.stopPrice !== undefined) return ruleViolation(`stop_price must not be set for type=${q.type}`);
  return trailingRules(q);
}

function trailingRules(q: OrderRequest): ApiError | undefined {
  const hasPrice = q.trailPrice !== undefined;
  const hasPercent = q.trailPercent !== undefined;
  if (q.type !== 'trailing_stop') {
    return hasPrice || hasPercent ? ruleViolation(`trail_price/trail_percent are only allowed for type=trailing_stop (got type=${q.type})`) : undefined;
  }
  if (hasPrice === hasPercent) return invalidRequest('trailing_stop orders need exactly one of trail_price or trail_percent');
  if (q.trailPercent?.gte(100)) return ruleViolation(`trail_percent must be < 100, got ${q.trailPercent.toString()}`);
  if (q.tif !== 'day' && q.tif !== 'gtc') return ruleViolation(`trailing_stop orders need time_in_force day or gtc (got ${q.tif})`);
  if (q.orderClass !== '') return ruleViolation(`trailing_stop orders must be simple orders (got order_class=${q.orderClass})`);
  return undefined;
}

function priceIncrements(q: OrderRequest): ApiError | undefined {
  return (
    subPenny('limit_price', q.limitPrice) ??
    subPenny('stop_price', q.stopPrice) ??
    subPenny('trail_price', q.trailPrice) ??
    subPenny('take_profit.limit_price', q.takeProfit?.limitPrice) ??
    subPenny('stop_loss.stop_price', q.stopLoss?.stopPrice) ??
    subPenny('stop_loss.limit_price', q.stopLoss?.limitPrice)
  );
}

function sessionRules(q: OrderRequest): ApiError | undefined {
  if (q.extendedHours && (q.type !== 'limit' || (q.tif !== 'day' && q.tif !== 'gtc') || q.orderClass !== '')) {
    return ruleViolation(`extended_hours orders must be simple limit orders with time_in_force day or gtc (got type=${q.type}, time_in_force=${q.tif}, order_class=${q.orderClass || 'simple'})`);
  }
  if ((q.tif === 'opg' || q.tif === 'cls') && (q.type === 'stop' || q.type === 'stop_limit' || q.type === 'trailing_stop')) {
    return ruleViolation(`time_in_force ${q.tif} is only allowed for market and limit orders (got type=${q.type})`);
  }
  return undefined;
}

function legPresence(q: OrderRequest): ApiError | undefined {
  const tp = q.takeProfit !== undefined;
  const sl = q.stopLoss !== undefined;
  const cls = q.orderClass;
  if (cls === '') return tp || sl ? ruleViolation('take_profit/stop_loss need order_class bracket, oco or oto') : undefined;
  if (cls === 'oto' && tp === sl) return invalidRequest('oto orders need exactly one of take_profit or stop_loss');
  if (cls !== 'oto' && !tp) return invalidRequest(`take_profit is required for order_class=${cls}`);
  if (cls !== 'oto' && !sl) return invalidRequest(`stop_loss is required for order_class=${cls}`);
  if (tp && q.takeProfit.limitPrice === undefined) return invalidRequest(`take_profit.limit_price is required for order_class=${cls}`);
  if (sl && q.stopLoss.stopPrice === undefined) return invalidRequest(`stop_loss.stop_price is required for order_class=${cls}`);
  return undefined;
}

function classRules(q: OrderRequest): ApiError | undefined {
  const cls = q.orderClass;
  if (cls === '') return legPresence(q);
  const allowedTypes = cls === 'oco' ? ['limit'] : ['market', 'limit'];
  if (!allowedTypes.includes(q.type)) return ruleViolation(`${cls} orders need type ${allowedTypes.join(' or ')} (got ${q.type})`);
  if (q.tif !== 'day' && q.tif !== 'gtc') return ruleViolation(`${cls} orders need time_in_force day or gtc (got ${q.tif})`);
  const legs = legPresence(q);
  if (legs !== undefined) return legs;
  const tp = q.takeProfit?.limitPrice;
  const sl = q.stopLoss?.stopPrice;
  if (tp === undefined || sl === undefined) return undefined;
  const exitSide = cls === 'oco' ? q.side : q.side === 'buy' ? 'sell' : 'buy';
  if (exitSide === 'sell' && !tp.gt(sl)) {
    return ruleViolation(`take_profit.limit_price ${tp.toString()} must be greater than stop_loss.stop_price ${sl.toString()} when the exits sell`);
  }
  if (exitSide === 'buy' && !tp.lt(sl)) {
    return ruleViolation(`take_profit.limit_price ${tp.toString()} must be less than stop_loss.stop_price ${sl.toString()} when the exits buy`);
  }
  return undefined;
}

/** Every account- and clock-independent rule, in Alpaca's order of precedence; the first violation wins. */
export function checkOrderRules(q: OrderRequest): ApiError | undefined {
  return quantityRules(q) ?? requiredPrices(q) ?? priceIncrements(q) ?? sessionRules(q) ?? classRules(q);
}
