// Listing orders for reconciliation (SPEC §8: open + recent) with paging. Alpaca returns at most `limit`
// (≤ 500) orders per call, newest first; when a page is full the next one is asked for with `until` just past
// the oldest submission time seen (until is exclusive, and several orders may share a millisecond), and
// orders already seen are dropped by id.
// Must never: loop forever (a page that adds nothing new ends the listing with a WARNING), or retry.
import type { ListOrdersFilter, OrderReport } from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { mapOrders } from './execution-mapper.js';
import { readError } from './order-lookup.js';
import type { TradingRest } from './trading-rest.js';

/** Alpaca's maximum page size. */
export const MAX_PAGE_SIZE = 500;
/** Safety stop: 200 pages of 500 orders. */
export const MAX_PAGES = 200;

export interface ListDeps {
  readonly rest: Pick<TradingRest, 'listOrders'>;
  readonly logger: Logger;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Every order matching `filter`, newest first. `filter.limit` is the page size (1..500, default 500), not a
 * cap on the total. `after` is inclusive. @throws BrokerUnavailableError / BrokerAuthError / BrokerRequestError
 */
export async function listAllOrders(deps: ListDeps, filter: ListOrdersFilter): Promise<OrderReport[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? MAX_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const seen = new Map<string, OrderReport>();
  let until: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await deps.rest.listOrders({
      status: filter.status, limit, direction: 'desc',
      ...(filter.after === undefined ? {} : { after: iso(filter.after - 1) }),
      ...(until === undefined ? {} : { until: iso(until) }),
      ...(filter.nested === undefined ? {} : { nested: filter.nested }),
      ...(filter.symbols?.length ? { symbols: filter.symbols.join(',') } : {}),
    });
    if (!result.ok) throw readError('list orders', result.failure);
    const orders = mapOrders(result.body);
    const before = seen.size;
    for (const order of orders) seen.set(order.brokerOrderId, order);
    if (orders.length < limit) break;
    const oldest = Math.min(...orders.map((o) => o.submittedAt ?? Number.POSITIVE_INFINITY));
    if (seen.size === before || !Number.isFinite(oldest)) {
      deps.logger.warn('order listing stopped early: a full page added no new order (more orders share one millisecond than fit a page)', { page_size: limit, listed: seen.size });
      break;
    }
    until = oldest + 1;
  }
  const after = filter.after;
  return [...seen.values()].filter((o) => after === undefined || o.submittedAt === null || o.submittedAt >= after);
}
