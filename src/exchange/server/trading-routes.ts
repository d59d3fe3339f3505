// Trading REST v2 (PROTOCOL §3) mapped onto the venue and the market's reference data: paths, statuses (200,
// 204 on cancel, 207 on bulk calls) and query handling. Must never: validate orders itself (the venue owns
// Alpaca's rules) or invent fields.
import type { TradingVenue } from '../contracts.js';
import { errorReply, fromResult, jsonReply, type HttpReply } from './http-reply.js';
import type { MarketDataEndpoints } from './market-data-endpoints.js';
import { firstValue, listValue, pickFirst } from './query.js';
import type { Router, RouteRequest } from './router.js';

const LIST_KEYS = ['status', 'limit', 'after', 'until', 'direction', 'nested', 'side'] as const;

/** Adds every trading endpoint to `router`. */
export function addTradingRoutes(router: Router, venue: TradingVenue, market: MarketDataEndpoints): void {
  router
    .add('GET', '/v2/account', () => jsonReply(200, venue.getAccount()))
    .add('GET', '/v2/positions', () => jsonReply(200, venue.listPositions()))
    .add('DELETE', '/v2/positions', (req) => jsonReply(207, venue.closeAllPositions(firstValue(req.query, 'cancel_orders') === 'true')))
    .add('GET', '/v2/positions/{symbol}', (req) => fromResult(venue.getPosition(param(req, 'symbol'))))
    .add('DELETE', '/v2/positions/{symbol}', (req) => fromResult(venue.closePosition(param(req, 'symbol'), pickFirst(req.query, ['qty', 'percentage']))))
    .add('POST', '/v2/orders', (req) => withObjectBody(req, (body) => fromResult(venue.createOrder(body))))
    .add('GET', '/v2/orders', (req) => fromResult(venue.listOrders(listQuery(req))))
    .add('DELETE', '/v2/orders', () => jsonReply(207, venue.cancelAllOrders()))
    .add('GET', '/v2/orders:by_client_order_id', (req) => byClientOrderId(venue, req))
    .add('GET', '/v2/orders/{order_id}', (req) => fromResult(venue.getOrder(param(req, 'order_id'), firstValue(req.query, 'nested') === 'true')))
    .add('DELETE', '/v2/orders/{order_id}', (req) => fromResult(venue.cancelOrder(param(req, 'order_id')), 204))
    .add('PATCH', '/v2/orders/{order_id}', (req) => withObjectBody(req, (body) => fromResult(venue.replaceOrder(param(req, 'order_id'), body))))
    .add('GET', '/v2/clock', () => fromResult(market.clock()))
    .add('GET', '/v2/calendar', (req) => fromResult(market.calendar(req.query)))
    .add('GET', '/v2/assets', (req) => fromResult(market.assets(req.query)))
    .add('GET', '/v2/assets/{symbol}', (req) => fromResult(market.asset(param(req, 'symbol'))));
}

function param(req: RouteRequest, name: string): string {
  return req.params[name] ?? '';
}

function listQuery(req: RouteRequest): Record<string, string> {
  const query: Record<string, string> = { ...pickFirst(req.query, LIST_KEYS) };
  const symbols = listValue(req.query, 'symbols');
  if (symbols !== undefined) query['symbols'] = symbols;
  return query;
}

function byClientOrderId(venue: TradingVenue, req: RouteRequest): HttpReply {
  const id = firstValue(req.query, 'client_order_id');
  if (id === undefined || id === '') return errorReply(422, 40010001, 'client_order_id is missing');
  return fromResult(venue.getOrderByClientOrderId(id));
}

/** Order bodies must be JSON objects; anything else is a 400 naming what was received. */
function withObjectBody(req: RouteRequest, run: (body: Record<string, unknown>) => HttpReply): HttpReply {
  const body = req.body;
  if (body === undefined) return errorReply(400, 40010000, 'request body is required: a JSON object');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorReply(400, 40010000, `request body must be a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}`);
  }
  return run(body as Record<string, unknown>);
}
