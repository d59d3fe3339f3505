// Market Data REST v2 (PROTOCOL §4) on the same port as trading: the SDK's data basePath points at this host.
// Must never: compute market data here (the market owns bars, paging and validation).
import { fromResult } from './http-reply.js';
import type { MarketDataEndpoints } from './market-data-endpoints.js';
import type { Router, RouteRequest } from './router.js';

/** Adds every market-data endpoint to `router`. */
export function addMarketDataRoutes(router: Router, data: MarketDataEndpoints): void {
  const sym = (req: RouteRequest): string => req.params['symbol'] ?? '';
  router
    .add('GET', '/v2/stocks/bars', (req) => fromResult(data.bars(req.query)))
    .add('GET', '/v2/stocks/bars/latest', (req) => fromResult(data.latestBars(req.query)))
    .add('GET', '/v2/stocks/quotes/latest', (req) => fromResult(data.latestQuotes(req.query)))
    .add('GET', '/v2/stocks/trades/latest', (req) => fromResult(data.latestTrades(req.query)))
    .add('GET', '/v2/stocks/snapshots', (req) => fromResult(data.snapshots(req.query)))
    .add('GET', '/v2/stocks/{symbol}/bars', (req) => fromResult(data.barsSingle(sym(req), req.query)))
    .add('GET', '/v2/stocks/{symbol}/bars/latest', (req) => fromResult(data.latestBar(sym(req), req.query)))
    .add('GET', '/v2/stocks/{symbol}/quotes/latest', (req) => fromResult(data.latestQuote(sym(req), req.query)))
    .add('GET', '/v2/stocks/{symbol}/trades/latest', (req) => fromResult(data.latestTrade(sym(req), req.query)))
    .add('GET', '/v2/stocks/{symbol}/snapshot', (req) => fromResult(data.snapshot(sym(req), req.query)));
}
