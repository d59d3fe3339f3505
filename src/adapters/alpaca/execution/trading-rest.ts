// The trading REST calls the execution client makes, over the official SDK's generated clients, each returning
// the raw JSON body (for the zod mapper) or a RestFailure. The SDK's own retry is switched off (maxRetries 0):
// every retry decision is the failure table's, so nothing is ever re-sent behind the policies' back.
// Must never: retry, sleep, or interpret a body; or let an SDK error (which holds the Response) escape.
import { trading } from '@alpacahq/alpaca-trade-api';
import { MalformedPayloadError } from './execution-errors.js';
import { toRestFailure, type RestResult } from './rest-failure.js';

/** Query of `GET /v2/orders` as the adapter sends it (timestamps as RFC-3339 strings). */
export interface ListOrdersQuery {
  readonly status: 'open' | 'closed' | 'all';
  readonly limit: number;
  readonly after?: string;
  readonly until?: string;
  readonly direction: 'asc' | 'desc';
  readonly nested?: boolean;
  readonly symbols?: string;
}

/** The trading REST surface the policies use; a fake in tests, {@link SdkTradingRest} for real. */
export interface TradingRest {
  postOrder(request: trading.PostOrderRequest): Promise<RestResult>;
  getOrderByClientOrderId(clientOrderId: string): Promise<RestResult>;
  getOrder(orderId: string, nested: boolean): Promise<RestResult>;
  listOrders(query: ListOrdersQuery): Promise<RestResult>;
  cancelOrder(orderId: string): Promise<RestResult>;
  getPositions(): Promise<RestResult>;
  getAccount(): Promise<RestResult>;
  closePosition(symbol: string): Promise<RestResult>;
}

/** Connection settings of the SDK's trading clients. */
export interface TradingRestSettings {
  readonly baseUrl: string;
  readonly keyId: string;
  readonly secret: string;
  /** Per-attempt deadline (whole request, body included). */
  readonly timeoutMs: number;
  /** Test hook: replaces global fetch. */
  readonly fetchApi?: trading.FetchAPI;
}

/** Builds the SDK configuration: explicit basePath (PROTOCOL §7 option 1), no SDK retries, our timeout. */
export function tradingConfiguration(settings: TradingRestSettings): trading.Configuration {
  return new trading.Configuration({
    basePath: settings.baseUrl.replace(/\/+$/, ''),
    keyId: settings.keyId,
    secret: settings.secret,
    timeoutMs: settings.timeoutMs,
    retry: { maxRetries: 0 },
    ...(settings.fetchApi ? { fetchApi: settings.fetchApi } : {}),
  });
}

/** {@link TradingRest} over `OrdersApi`, `PositionsApi` and `AccountsApi` of SDK 4.0.2. */
export class SdkTradingRest implements TradingRest {
  readonly #orders: trading.OrdersApi;
  readonly #positions: trading.PositionsApi;
  readonly #accounts: trading.AccountsApi;
  readonly #secrets: readonly string[];

  constructor(settings: TradingRestSettings) {
    const configuration = tradingConfiguration(settings);
    this.#orders = new trading.OrdersApi(configuration);
    this.#positions = new trading.PositionsApi(configuration);
    this.#accounts = new trading.AccountsApi(configuration);
    this.#secrets = [settings.keyId, settings.secret];
  }

  postOrder(request: trading.PostOrderRequest): Promise<RestResult> {
    return this.#call('POST /v2/orders', () => this.#orders.postOrderRaw({ postOrderRequest: request }));
  }

  getOrderByClientOrderId(clientOrderId: string): Promise<RestResult> {
    return this.#call('GET /v2/orders:by_client_order_id', () => this.#orders.getOrderByClientOrderIdRaw({ clientOrderId }));
  }

  getOrder(orderId: string, nested: boolean): Promise<RestResult> {
    return this.#call('GET /v2/orders/{id}', () => this.#orders.getOrderByOrderIDRaw({ orderId, nested }));
  }

  listOrders(q: ListOrdersQuery): Promise<RestResult> {
    return this.#call('GET /v2/orders', () => this.#orders.getAllOrdersRaw({
      status: q.status, limit: q.limit, direction: q.direction,
      ...(q.after === undefined ? {} : { after: q.after }), ...(q.until === undefined ? {} : { until: q.until }),
      ...(q.nested === undefined ? {} : { nested: q.nested }), ...(q.symbols === undefined ? {} : { symbols: q.symbols }),
    }));
  }

  cancelOrder(orderId: string): Promise<RestResult> {
    return this.#call('DELETE /v2/orders/{id}', () => this.#orders.deleteOrderByOrderIDRaw({ orderId }));
  }

  getPositions(): Promise<RestResult> {
    return this.#call('GET /v2/positions', () => this.#positions.getAllOpenPositionsRaw());
  }

  getAccount(): Promise<RestResult> {
    return this.#call('GET /v2/account', () => this.#accounts.getAccountRaw());
  }

  closePosition(symbol: string): Promise<RestResult> {
    return this.#call('DELETE /v2/positions/{symbol}', () => this.#positions.deleteOpenPositionRaw({ symbolOrAssetId: symbol }));
  }

  async #call(what: string, send: () => Promise<trading.ApiResponse<unknown>>): Promise<RestResult> {
    try {
      const response = await send();
      const text = await response.raw.text();
      return { ok: true, status: response.raw.status, body: text === '' ? undefined : parseJson(text, what) };
    } catch (error) {
      const failure = toRestFailure(error, this.#secrets);
      if (failure === undefined) throw error;
      return { ok: false, failure };
    }
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedPayloadError(`Alpaca ${what}: the response body is not JSON (${text.length} characters starting ${JSON.stringify(text.slice(0, 40))})`);
  }
}
