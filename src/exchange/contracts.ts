// The embedded exchange's internal contracts: what the matching core, the market and the server agree on.
// The trading venue speaks Alpaca's own wire shapes (snake_case, decimal strings, null for unset), so the
// server is a thin HTTP/WebSocket facade and what the SDK sees is exactly what the venue produced.
// Must never: import the bot (src/core, src/ports, src/adapters, src/config, src/runtime, src/app).

/** Alpaca's error envelope plus the HTTP status it travels with (PROTOCOL §2). */
export interface ApiError {
  readonly status: number;
  readonly code: number;
  readonly message: string;
  /** Extra fields some errors carry (symbol, existing_qty, base_price, …). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = <T = never>(status: number, code: number, message: string, extra?: Record<string, unknown>): ApiResult<T> =>
  ({ ok: false, error: extra ? { status, code, message, extra } : { status, code, message } });

/** A 1-minute (or any timeframe) bar as the market produces it. Prices have at most 4 decimals. `t` = bar start, epoch ms. */
export interface ExchangeBar {
  readonly symbol: string;
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  readonly vw: number;
  readonly n: number;
}

/** Wire JSON objects (Alpaca shapes). Kept as open records: the exact field lists are in PROTOCOL §3 and the fixtures. */
export type AlpacaOrder = Readonly<Record<string, unknown>> & { readonly id: string; readonly client_order_id: string; readonly status: string; readonly symbol: string };
export type AlpacaPosition = Readonly<Record<string, unknown>> & { readonly symbol: string; readonly qty: string; readonly side: 'long' | 'short' };
export type AlpacaAccount = Readonly<Record<string, unknown>> & { readonly id: string; readonly cash: string; readonly equity: string; readonly buying_power: string };

/** One `trade_updates` event's `data` (PROTOCOL §6): price/qty/position_qty are strings, order is the full REST order. */
export interface AlpacaTradeUpdate {
  readonly event: string;
  readonly timestamp: string;
  readonly order: AlpacaOrder;
  readonly execution_id?: string;
  readonly price?: string;
  readonly qty?: string;
  readonly position_qty?: string;
  /**
   * Not Alpaca's: the commission of this execution, present in process only when the venue charges commission
   * (backtests). The server strips it, so the wire keeps Alpaca's shape.
   */
  readonly commission?: string;
}

export interface ListOrdersQuery {
  readonly status?: string;
  readonly limit?: string;
  readonly after?: string;
  readonly until?: string;
  readonly direction?: string;
  readonly nested?: string;
  readonly symbols?: string;
  readonly side?: string;
}

export interface ClosePositionQuery {
  readonly qty?: string;
  readonly percentage?: string;
}

/** A 207 row of a bulk call. */
export interface MultiStatusRow {
  readonly id?: string;
  readonly symbol?: string;
  readonly status: number;
  readonly body?: unknown;
}

/**
 * The trading side of the venue: one method per Trading REST endpoint, taking the raw (unvalidated) request
 * body/query and validating it exactly as Alpaca does. Implemented by the matching core; served by server/.
 */
export interface TradingVenue {
  getAccount(): AlpacaAccount;
  listPositions(): AlpacaPosition[];
  getPosition(symbolOrAssetId: string): ApiResult<AlpacaPosition>;
  closePosition(symbolOrAssetId: string, query: ClosePositionQuery): ApiResult<AlpacaOrder>;
  closeAllPositions(cancelOrders: boolean): MultiStatusRow[];
  createOrder(body: unknown): ApiResult<AlpacaOrder>;
  listOrders(query: ListOrdersQuery): ApiResult<AlpacaOrder[]>;
  getOrder(orderId: string, nested: boolean): ApiResult<AlpacaOrder>;
  getOrderByClientOrderId(clientOrderId: string): ApiResult<AlpacaOrder>;
  cancelOrder(orderId: string): ApiResult<null>;
  cancelAllOrders(): MultiStatusRow[];
  replaceOrder(orderId: string, body: unknown): ApiResult<AlpacaOrder>;
  /** Subscribe to trade updates; returns the unsubscribe function. Listeners must not throw (errors are caught). */
  onTradeUpdate(listener: (update: AlpacaTradeUpdate) => void): () => void;
}

/** Market events the market emits as virtual time passes (what the market-data WebSocket forwards). */
export type MarketEvent =
  | { readonly kind: 'bar'; readonly bar: ExchangeBar }
  | { readonly kind: 'updatedBar'; readonly bar: ExchangeBar }
  | { readonly kind: 'dailyBar'; readonly bar: ExchangeBar }
  | { readonly kind: 'trade'; readonly symbol: string; readonly t: number; readonly price: number; readonly size: number; readonly id: number }
  | { readonly kind: 'quote'; readonly symbol: string; readonly t: number; readonly bid: number; readonly bidSize: number; readonly ask: number; readonly askSize: number };
