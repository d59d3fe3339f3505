// The embedded exchange's matching core and account (issue #3 item 1): an in-process Alpaca venue that the
// HTTP/WebSocket server exposes and that backtests drive directly ("one matching engine, two ways in").
// Orders are validated as Alpaca does, matched against bars fed by the market (processBar at the START of
// each bar's minute, so orders placed during a minute match from the next bar), and reported as
// trade_updates. Deterministic: same options, same calls, same ids, fills and events.
// Must never: read the host clock or randomness, import the bot (src/core, ports, adapters, config,
// runtime, app), or let a listener's error reach the caller.
import type {
  AlpacaAccount,
  AlpacaOrder,
  AlpacaPosition,
  AlpacaTradeUpdate,
  ApiError,
  ApiResult,
  ClosePositionQuery,
  ExchangeBar,
  ListOrdersQuery,
  MultiStatusRow,
  TradingVenue,
} from './contracts.js';
import { fail, ok } from './contracts.js';
import { Decimal } from '../domain/decimal.js';
import { accountJson, positionJson } from './account/account-json.js';
import { AssetRegistry, type SimAsset, type SimAssetInput } from './account/asset-registry.js';
import { closePositionBody } from './account/close-position.js';
import { Ledger } from './account/ledger.js';
import { Matcher } from './matching/matcher.js';
import { forbidden, invalidRequest, isApiError, notFound, ruleViolation } from './orders/api-errors.js';
import { createIdGenerator, isUuid } from './orders/id-generator.js';
import { acceptOrder } from './orders/order-intake.js';
import { orderJson } from './orders/order-json.js';
import { OrderLifecycle } from './orders/order-lifecycle.js';
import { isOpenStatus, type SimOrder } from './orders/order-record.js';
import { replaceOrder } from './orders/order-replace.js';
import { listOrders } from './orders/list-orders.js';
import { TradeUpdateBus } from './orders/trade-update-bus.js';
import { VenueCore, type SimFill } from './orders/venue-core.js';
import { SessionMarks } from './matching/session-marks.js';

export type { SimFill } from './orders/venue-core.js';
export type { SimAsset, SimAssetInput } from './account/asset-registry.js';

/** Options of {@link SimExchange}. */
export interface SimExchangeOptions {
  /** Virtual clock, epoch ms. Every timestamp the venue writes comes from here. */
  readonly now: () => number;
  /** Starting cash, a decimal string. Default '100000'. */
  readonly startingCash?: string;
  /** Account multiplier (1 = cash account, 2 = Reg-T margin, 4 = intraday). Default 2. */
  readonly multiplier?: 1 | 2 | 4;
  /** Largest share of a bar's volume one order may take in that bar, (0, 1]. Default 0.1. */
  readonly volumeShare?: number;
  /** Id source for orders and executions; default: deterministic UUIDs from `seed`. */
  readonly idGenerator?: () => string;
  /** Seed of the default id generator. Default 'alpaca-sim'. */
  readonly seed?: string;
  /** Tradable assets; when omitted every well-formed symbol is tradable. */
  readonly assets?: readonly (string | SimAssetInput)[];
  /** Whether the account may sell short. Default true. */
  readonly shortingEnabled?: boolean;
  /** Bar length in ms (to recognise the session's last bar for cls orders). Default 60 000. */
  readonly barMs?: number;
  /** Record every order request for {@link SimExchange.requestLog}. Default true (backtests may turn it off). */
  readonly recordRequests?: boolean;
  /** Price to value orders for symbols that have had no bar yet. */
  readonly referencePrice?: (symbol: string) => number | undefined;
  /** Called with any error a trade-update listener throws (it is never rethrown). */
  readonly onListenerError?: (error: unknown) => void;
  /** Account id (UUID) and number shown on the account. */
  readonly accountId?: string;
  readonly accountNumber?: string;
}

/** One order request as received, with what the venue answered. */
export interface RequestLogEntry {
  readonly at: number;
  readonly kind: 'create' | 'replace' | 'close_position';
  readonly body: unknown;
  readonly result: ApiResult<AlpacaOrder>;
}

/** How {@link SimExchange.rejectNext} rejects. */
export interface RejectOptions {
  /** 'rest' (default): the POST fails; 'stream': the POST answers 200, then the order is `rejected` on the stream. */
  readonly via?: 'rest' | 'stream';
  /** REST status: 403 (code 40310000, default) or 422 (code 42210000). */
  readonly status?: 403 | 422;
}

interface PendingReject {
  readonly reason: string;
  readonly via: 'rest' | 'stream';
  readonly status: 403 | 422;
}

function validateOptions(o: SimExchangeOptions): void {
  const share = o.volumeShare ?? 0.1;
  if (!(share > 0 && share <= 1)) throw new RangeError(`volumeShare must be in (0, 1], got ${String(o.volumeShare)}`);
  if (![1, 2, 4].includes(o.multiplier ?? 2)) throw new RangeError(`multiplier must be 1, 2 or 4, got ${String(o.multiplier)}`);
  const barMs = o.barMs ?? 60_000;
  if (!(Number.isInteger(barMs) && barMs > 0)) throw new RangeError(`barMs must be a positive integer, got ${String(o.barMs)}`);
  const cash = Decimal.tryOf(o.startingCash ?? '100000');
  if (cash === undefined || cash.isNegative()) throw new RangeError(`startingCash must be a non-negative decimal string, got ${JSON.stringify(o.startingCash)}`);
}

/** The simulated Alpaca account + matching engine. See docs in each method and in the module header. */
export class SimExchange implements TradingVenue {
  readonly #core: VenueCore;
  readonly #life: OrderLifecycle;
  readonly #matcher: Matcher;
  readonly #marks: SessionMarks;
  readonly #log: RequestLogEntry[] = [];
  readonly #record: boolean;
  readonly #rejects: PendingReject[] = [];
  readonly #accountId: string;
  readonly #accountNumber: string;
  readonly #createdAt: number;

  constructor(options: SimExchangeOptions) {
    validateOptions(options);
    const newId = options.idGenerator ?? createIdGenerator(options.seed);
    const settings = {
      multiplier: Decimal.of(options.multiplier ?? 2),
      volumeShare: options.volumeShare ?? 0.1,
      shortingEnabled: options.shortingEnabled ?? true,
      barMs: options.barMs ?? 60_000,
      referencePrice: options.referencePrice,
    };
    const ledger = new Ledger(Decimal.of(options.startingCash ?? '100000'));
    this.#core = new VenueCore(options.now, newId, settings, ledger, new AssetRegistry(options.assets), new TradeUpdateBus(options.onListenerError));
    this.#life = new OrderLifecycle(this.#core);
    this.#matcher = new Matcher(this.#core, this.#life);
    this.#record = options.recordRequests ?? true;
    this.#accountId = options.accountId ?? createIdGenerator(`account:${options.seed ?? 'alpaca-sim'}`)();
    this.#accountNumber = options.accountNumber ?? 'SIM00000001';
    this.#createdAt = options.now();
    this.#marks = new SessionMarks(this.#core, ledger.startingCash, this.#createdAt);
  }

  // ---- market side --------------------------------------------------------------------------------------

  /**
   * Feeds one bar, at the START of its minute: due clock events first (expiry; queued orders go live and
   * so take part in this bar), then the symbol is marked at the bar's open and its working orders are
   * matched along the bar's path. Orders placed or activated while this bar is processed match from the next.
   */
  processBar(bar: ExchangeBar): void {
    const core = this.#core;
    this.processTime(bar.t);
    core.barSeq++;
    core.mark(bar.symbol, bar.o, bar.t);
    const working = core.book.working(bar.symbol);
    if (working === undefined || working.length === 0) return;
    this.#matcher.run(bar, working, core.hours.phase(bar.t));
  }

  /** Clock-driven events up to `t`: queued orders go live at their session, day orders expire at the close. */
  processTime(t: number): void {
    this.#life.processTime(t);
    this.#marks.processTime(t);
  }

  /** Marks a symbol's price (e.g. a bar's close when the market publishes it) for valuation only. */
  markPrice(symbol: string, price: number, t: number = this.#core.now()): void {
    this.#core.mark(symbol.toUpperCase(), price, t);
  }

  // ---- account and positions ----------------------------------------------------------------------------

  getAccount(): AlpacaAccount {
    return accountJson(this.#core, {
      id: this.#accountId,
      accountNumber: this.#accountNumber,
      createdAt: this.#createdAt,
      lastEquity: this.#marks.lastEquity,
      balanceAsOf: this.#marks.balanceAsOf,
    });
  }

  listPositions(): AlpacaPosition[] {
    return this.#core.ledger.positions().map((p) => positionJson(this.#core, p));
  }

  getPosition(symbolOrAssetId: string): ApiResult<AlpacaPosition> {
    const asset = this.#core.assets.get(symbolOrAssetId);
    const pos = asset === undefined ? undefined : this.#core.ledger.position(asset.symbol);
    return pos === undefined ? toResult(notFound(`position not found: ${symbolOrAssetId}`)) : ok(positionJson(this.#core, pos));
  }

  closePosition(symbolOrAssetId: string, query: ClosePositionQuery): ApiResult<AlpacaOrder> {
    const body = closePositionBody(this.#core, symbolOrAssetId, query);
    if (isApiError(body)) return this.#logged('close_position', { symbol: symbolOrAssetId, ...query }, toResult(body));
    return this.#create(body, 'close_position');
  }

  closeAllPositions(cancelOrders: boolean): MultiStatusRow[] {
    if (cancelOrders) this.cancelAllOrders();
    return this.#core.ledger.positions().map((pos) => {
      const result = this.closePosition(pos.symbol, {});
      return result.ok ? { symbol: pos.symbol, status: 200, body: result.value } : { symbol: pos.symbol, status: result.error.status, body: errorBody(result.error) };
    });
  }

  // ---- orders -------------------------------------------------------------------------------------------

  createOrder(body: unknown): ApiResult<AlpacaOrder> {
    return this.#create(body, 'create');
  }

  #create(body: unknown, kind: RequestLogEntry['kind']): ApiResult<AlpacaOrder> {
    const fault = this.#rejects.shift();
    if (fault?.via === 'rest') {
      const error = fault.status === 403 ? forbidden(fault.reason) : ruleViolation(fault.reason);
      return this.#logged(kind, body, toResult(error));
    }
    const accepted = acceptOrder(this.#core, this.#life, body, fault !== undefined);
    return this.#logged(kind, body, isApiError(accepted) ? toResult(accepted) : ok(accepted.json));
  }

  #logged(kind: RequestLogEntry['kind'], body: unknown, result: ApiResult<AlpacaOrder>): ApiResult<AlpacaOrder> {
    if (this.#record) this.#log.push({ at: this.#core.now(), kind, body, result });
    return result;
  }

  listOrders(query: ListOrdersQuery): ApiResult<AlpacaOrder[]> {
    const result = listOrders(this.#core.book, query);
    return isApiError(result) ? toResult(result) : ok(result);
  }

  getOrder(orderId: string, nested: boolean): ApiResult<AlpacaOrder> {
    const order = this.#find(orderId);
    return isApiError(order) ? toResult(order) : ok(orderJson(order, nested));
  }

  getOrderByClientOrderId(clientOrderId: string): ApiResult<AlpacaOrder> {
    const order = this.#core.book.byClientOrderId(clientOrderId);
    return order === undefined ? toResult(notFound('order not found')) : ok(orderJson(order, true));
  }

  cancelOrder(orderId: string): ApiResult<null> {
    const order = this.#find(orderId);
    if (isApiError(order)) return toResult(order);
    if (!isOpenStatus(order.status) || order.status === 'pending_cancel') {
      return toResult(ruleViolation(`order is already in "${order.status}" state`));
    }
    this.#life.cancel(order, true);
    return ok(null);
  }

  cancelAllOrders(): MultiStatusRow[] {
    const rows: MultiStatusRow[] = [];
    for (const order of this.#core.book.openOrders()) {
      if (isOpenStatus(order.status)) this.#life.cancel(order, true);
      rows.push({ id: order.id, status: 200 });
    }
    return rows;
  }

  replaceOrder(orderId: string, body: unknown): ApiResult<AlpacaOrder> {
    const old = this.#find(orderId);
    if (isApiError(old)) return this.#logged('replace', body, toResult(old));
    const replaced = replaceOrder(this.#core, this.#life, old, body);
    return this.#logged('replace', body, isApiError(replaced) ? toResult(replaced) : ok(replaced.json));
  }

  onTradeUpdate(listener: (update: AlpacaTradeUpdate) => void): () => void {
    return this.#core.bus.subscribe(listener);
  }

  #find(orderId: string): SimOrder | ApiError {
    const order = this.#core.book.get(orderId);
    if (order !== undefined) return order;
    return isUuid(orderId) ? notFound('order not found') : invalidRequest('order_id is missing');
  }

  // ---- faults and admin ---------------------------------------------------------------------------------

  /**
   * Fault hook: the next `n` createOrder calls (closePosition included) are rejected as Alpaca rejects:
   * by default REST 403 40310000 with `reason`; `status: 422` gives 42210000; `via: 'stream'` answers 200
   * and then emits `rejected` for the order (status rejected, failed_at set).
   */
  rejectNext(n: number, reason = 'insufficient buying power', options: RejectOptions = {}): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`rejectNext: n must be a non-negative integer, got ${String(n)}`);
    for (let i = 0; i < n; i++) this.#rejects.push({ reason, via: options.via ?? 'rest', status: options.status ?? 403 });
  }

  /** Every order request received (create, replace, close position), accepted or rejected, oldest first. */
  requestLog(): readonly RequestLogEntry[] {
    return this.#log;
  }

  /** Every order ever accepted, oldest first (legs listed on their own). */
  allOrders(): AlpacaOrder[] {
    return this.#core.book.all().map((o) => orderJson(o, false));
  }

  /** Every execution, oldest first. */
  allFills(): readonly SimFill[] {
    return this.#core.fills;
  }

  /** The asset record of a symbol or asset id (what /v2/assets should show), if tradable here. */
  asset(symbolOrId: string): SimAsset | undefined {
    return this.#core.assets.get(symbolOrId);
  }
}

function toResult<T>(error: ApiError): ApiResult<T> {
  return fail<T>(error.status, error.code, error.message, error.extra === undefined ? undefined : { ...error.extra });
}

function errorBody(error: ApiError): Record<string, unknown> {
  return { code: error.code, message: error.message, ...error.extra };
}
