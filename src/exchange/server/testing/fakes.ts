// Small in-memory stand-ins for the venue and the market, used by the server's unit tests so they test the
// facade alone (routing, statuses, framing), not the matching core. Must never: be used by production code.
import { fail, ok, type AlpacaOrder, type AlpacaTradeUpdate, type ApiResult, type TradingVenue } from '../../contracts.js';
import type { AdminControls } from '../admin-routes.js';
import type { MarketDataEndpoints } from '../market-data-endpoints.js';

/** A venue that stores orders by id and client id and records every call. */
export class FakeVenue implements TradingVenue {
  readonly calls: string[] = [];
  readonly orders = new Map<string, AlpacaOrder>();
  readonly #listeners = new Set<(u: AlpacaTradeUpdate) => void>();
  #next = 1;

  getAccount() { this.calls.push('getAccount'); return { id: 'acct-1', cash: '100000', equity: '100000', buying_power: '200000' }; }
  listPositions() { return [{ symbol: 'AAPL', qty: '1', side: 'long' as const }]; }
  getPosition(s: string) { return s === 'AAPL' ? ok({ symbol: 'AAPL', qty: '1', side: 'long' as const }) : fail(404, 40410000, 'position not found'); }
  closePosition(s: string, q: { qty?: string; percentage?: string }) { this.calls.push(`closePosition ${s} ${JSON.stringify(q)}`); return ok(this.#order({ symbol: s })); }
  closeAllPositions(cancel: boolean) { this.calls.push(`closeAll ${cancel}`); return [{ symbol: 'AAPL', status: 200, body: this.#order({ symbol: 'AAPL' }) }]; }
  createOrder(body: unknown): ApiResult<AlpacaOrder> {
    this.calls.push(`createOrder ${JSON.stringify(body)}`);
    const b = body as Record<string, unknown>;
    const cid = typeof b['client_order_id'] === 'string' ? b['client_order_id'] : `cid-${this.#next}`;
    if ([...this.orders.values()].some((o) => o.client_order_id === cid)) return fail(422, 40010001, 'client_order_id must be unique');
    const order = this.#order({ symbol: String(b['symbol']), client_order_id: cid });
    this.emit({ event: 'new', timestamp: '2024-01-02T14:30:00Z', order });
    return ok(order);
  }
  listOrders(q: Record<string, string | undefined>) { this.calls.push(`listOrders ${JSON.stringify(q)}`); return ok([...this.orders.values()]); }
  getOrder(id: string, nested: boolean) { this.calls.push(`getOrder ${id} ${nested}`); const o = this.orders.get(id); return o ? ok(o) : fail(404, 40410000, 'order not found'); }
  getOrderByClientOrderId(cid: string) { const o = [...this.orders.values()].find((x) => x.client_order_id === cid); return o ? ok(o) : fail(404, 40410000, 'order not found'); }
  cancelOrder(id: string): ApiResult<null> { return this.orders.has(id) ? ok(null) : fail(404, 40410000, 'order not found'); }
  cancelAllOrders() { return [...this.orders.keys()].map((id) => ({ id, status: 200 })); }
  replaceOrder(id: string, body: unknown) { this.calls.push(`replace ${id} ${JSON.stringify(body)}`); return this.orders.has(id) ? ok(this.#order({ symbol: 'AAPL', replaces: id })) : fail(404, 40410000, 'order not found'); }
  onTradeUpdate(listener: (u: AlpacaTradeUpdate) => void) { this.#listeners.add(listener); return () => { this.#listeners.delete(listener); }; }

  /** Pushes a trade update to the server as the matching core would. */
  emit(update: AlpacaTradeUpdate): void {
    for (const listener of this.#listeners) listener(update);
  }

  #order(fields: Record<string, unknown>): AlpacaOrder {
    const id = `00000000-0000-4000-8000-${String(this.#next++).padStart(12, '0')}`;
    const order = { id, client_order_id: id, status: 'accepted', symbol: 'AAPL', ...fields } as AlpacaOrder;
    this.orders.set(id, order);
    return order;
  }
}

/** Market endpoints that echo which endpoint was asked, with the symbol and query. */
export function fakeMarketData(): MarketDataEndpoints {
  const echo = (endpoint: string, extra: Record<string, unknown> = {}) => ok({ endpoint, ...extra });
  return {
    bars: (q) => echo('bars', { query: q }),
    barsSingle: (s, q) => echo('barsSingle', { symbol: s, query: q }),
    latestBars: (q) => echo('latestBars', { query: q }),
    latestBar: (s) => echo('latestBar', { symbol: s }),
    latestQuotes: (q) => echo('latestQuotes', { query: q }),
    latestQuote: (s) => echo('latestQuote', { symbol: s }),
    latestTrades: (q) => echo('latestTrades', { query: q }),
    latestTrade: (s) => echo('latestTrade', { symbol: s }),
    snapshots: (q) => echo('snapshots', { query: q }),
    snapshot: (s) => echo('snapshot', { symbol: s }),
    clock: () => ok({ timestamp: '2024-01-02T09:30:00-05:00', is_open: true, next_open: '2024-01-03T09:30:00-05:00', next_close: '2024-01-02T16:00:00-05:00' }),
    calendar: (q) => echo('calendar', { query: q }),
    assets: (q) => echo('assets', { query: q }),
    asset: (s) => (s === 'AAPL' ? echo('asset', { symbol: s }) : fail(404, 40410000, 'asset not found')),
  };
}

/** Admin controls over a plain object. */
export function fakeAdmin(): AdminControls & { speed: unknown; paused: boolean } {
  const admin = {
    speed: 1 as unknown,
    paused: false,
    state: () => ({ time: '2024-01-02T14:30:00.000Z', speed: admin.speed, paused: admin.paused }),
    setSpeed: (speed: unknown) => {
      if (speed !== 'max' && (typeof speed !== 'number' || !(speed > 0))) return fail(422, 42210000, `speed: must be a positive number or "max", got ${JSON.stringify(speed)}`);
      admin.speed = speed;
      return ok(admin.state());
    },
    pause: () => { admin.paused = true; },
    resume: () => { admin.paused = false; },
    orders: () => [],
    fills: () => [],
    requests: () => [],
  };
  return admin;
}
