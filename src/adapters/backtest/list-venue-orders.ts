// Order listing for the backtest client, paged exactly like the Alpaca adapter's listAllOrders (list-orders.ts):
// the same query strings (as the SDK puts them in the URL), page size `limit` (1..500, default 500), `until` just
// past the oldest submission of a full page, duplicates dropped by id, `after` inclusive. Exists apart from the
// Alpaca file only because that one reaches the SDK through its REST layer; the rules are the same.
// Must never: loop forever (a page that adds nothing new ends the listing with a WARNING), or diverge from list-orders.ts.
import type { ListOrdersFilter, OrderReport } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { ListOrdersQuery } from '../../exchange/contracts.js';
import type { SimExchange } from '../../exchange/trading-venue.js';
import { mapVenueOrder } from './venue-mapper.js';
import { readFailure } from './venue-request.js';

/** Alpaca's maximum page size, and the safety stop of list-orders.ts. */
const MAX_PAGE_SIZE = 500;
const MAX_PAGES = 200;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The query of one page. */
function pageQuery(filter: ListOrdersFilter, limit: number, until: number | undefined): ListOrdersQuery {
  return {
    status: filter.status, limit: String(limit), direction: 'desc',
    ...(filter.after === undefined ? {} : { after: iso(filter.after - 1) }),
    ...(until === undefined ? {} : { until: iso(until) }),
    ...(filter.nested === undefined ? {} : { nested: String(filter.nested) }),
    ...(filter.symbols?.length ? { symbols: filter.symbols.join(',') } : {}),
  };
}

/** Every order matching `filter`, newest first. @throws BrokerRequestError when the venue refuses the query */
export function listVenueOrders(venue: Pick<SimExchange, 'listOrders'>, logger: Logger, filter: ListOrdersFilter): OrderReport[] {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? MAX_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const seen = new Map<string, OrderReport>();
  let until: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = venue.listOrders(pageQuery(filter, limit, until));
    if (!result.ok) throw readFailure('list orders', result.error);
    const orders = result.value.map(mapVenueOrder);
    const before = seen.size;
    for (const order of orders) seen.set(order.brokerOrderId, order);
    if (orders.length < limit) break;
    const oldest = Math.min(...orders.map((o) => o.submittedAt ?? Number.POSITIVE_INFINITY));
    if (seen.size === before || !Number.isFinite(oldest)) {
      logger.warn('order listing stopped early: a full page added no new order (more orders share one millisecond than fit a page)', { page_size: limit, listed: seen.size });
      break;
    }
    until = oldest + 1;
  }
  const after = filter.after;
  return [...seen.values()].filter((o) => after === undefined || o.submittedAt === null || o.submittedAt >= after);
}
