// The embedded exchange's matching core and account (issue #3 item 1): an in-process Alpaca venue that the
// HTTP/WebSocket server exposes and that backtests drive directly ("one matching engine, two ways in").
// Orders are validated as Alpaca does, matched against bars fed by the market (processBar at the START of
// each bar's minute, so orders placed during a minute match from the next bar), and reported as
// trade_updates. Deterministic: same options, same calls, same ids, fills and events.
// Must never: read the host clock or randomness, import the bot (src/core, ports, adapters, config,
// runtime, app), or let a listener's error reach the caller.
//
// Behaviour notes (choices where PROTOCOL leaves room; each is covered by a test):
// - Lifecycle: POST answers status `accepted`; the order goes `new` at once (event `new`) when its hours are
//   open, else stays `accepted` (no event) until the next session (regular open; 04:00 for extended_hours).
//   No pending_new/accepted events. Cancel is synchronous: `pending_cancel` then `canceled`.
// - Matching: market orders fill at the next bar's open; limits at the limit or the better open; stops at the
//   stop or the gapped open; stop_limit turns into a limit when its stop is crossed; trailing stops follow
//   their mark (hwm) along open → nearer extreme → other extreme → close, regular hours only. Orders touched
//   in the same bar execute in path order. ≤ ⌊volumeShare × v⌋ (≥ 1) shares per order per bar; v = 0: none.
// - TIF: day expires at the regular close (extended_hours: the after-hours close), event `expired`; ioc/fok
//   decide on the first eligible bar (remainder / all `canceled`); opg crosses in full at the first regular
//   bar's open of its session, cls at the close of the bar ending at the close (no volume cap for auctions;
//   unmarketable auction limits are canceled, missed ones expire at the close). gtc never expires (Alpaca's
//   90-day limit is not modelled).
// - Classes: bracket/oto legs are `held` until the entry is completely filled. Then the take-profit (and an
//   oto leg) goes `new`; a bracket stop-loss stays visibly `held` but works (as on Alpaca) and emits `new`
//   just before it fills. One exit filling cancels the other; a partial exit fill resizes the other;
//   canceling any member cancels the group; an entry that ends unfilled (cancel/expiry) cancels its legs.
// - Costs (issue #6; all default to 0 / next_open, which is Alpaca's behaviour): `slippagePerShare` moves every
//   fill against the taker (buy higher, sell lower): market, stop, trailing-stop and opg/cls fills in full; an
//   order with a limit price (limit, a triggered stop_limit, limit legs, limit auctions) too, but never past its
//   limit — a limit order guarantees its price, so a fill at the limit takes no slippage and a fill at a better
//   gapped open takes at most the distance to the limit. `commissionPerShare` × qty, plus `commissionPerOrder` on
//   an order's first execution (each bracket leg and each replacement is an order of its own), is charged to
//   cash at every fill, kept exactly (no rounding), listed on SimFill.commission and added as `commission` to
//   the in-process fill/partial_fill trade update only when a commission is configured (the server strips it:
//   Alpaca's trade updates have no such field).
// - Fill model 'close': a market order fills on submission at the close of its symbol's last processed bar, if
//   that regular-session bar has just ended (bar.t + barMs ≤ now < bar.t + 2·barMs); else as next_open (see
//   Matcher.fillOnSubmit). The volume cap is that bar's; a remainder fills from the next bar's open. The
//   REST answer still says `accepted`; `new` and the fill events follow synchronously, before createOrder returns.
// - Account: Reg-T model in account/buying-power.ts. A single order never flips a position (403 insufficient
//   qty, like Alpaca); exits may not sell shares other open exits hold. Positions are marked at the open of
//   the last bar processed (no look-ahead) or by markPrice.
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
import { AssetRegistry, type SimAsset } from './account/asset-registry.js';
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
import { nonNegativeDecimal, validateOptions, type RejectOptions, type RequestLogEntry, type SimExchangeOptions } from './trading-venue-options.js';

export type { SimFill } from './orders/venue-core.js';
export type { FillModel, RejectOptions, RequestLogEntry, SimExchangeOptions } from './trading-venue-options.js';
export { FILL_MODELS } from './trading-venue-options.js';
export type { SimAsset, SimAssetInput } from './account/asset-registry.js';

interface PendingReject {
  readonly reason: string;
  readonly via: 'rest' | 'stream';
  readonly status: 403 | 422;
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
    const perShare = nonNegativeDecimal('commissionPerShare', options.commissionPerShare);
    const perOrder = nonNegativeDecimal('commissionPerOrder', options.commissionPerOrder);
    const settings = {
      multiplier: Decimal.of(options.multiplier ?? 2),
      volumeShare: options.volumeShare ?? 0.1,
      shortingEnabled: options.shortingEnabled ?? true,
      barMs: options.barMs ?? 60_000,
      referencePrice: options.referencePrice,
      slippage: nonNegativeDecimal('slippagePerShare', options.slippagePerShare),
      commissionPerShare: perShare,
      commissionPerOrder: perOrder,
      chargesCommission: perShare.isPositive() || perOrder.isPositive(),
      fillModel: options.fillModel ?? 'next_open',
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
    if (core.settings.fillModel === 'close') this.#rememberBar(bar);
    const working = core.book.working(bar.symbol);
    if (working === undefined || working.length === 0) return;
    this.#matcher.run(bar, working, core.hours.phase(bar.t));
  }

  /** 'close' fill model: the symbol's last bar (copied into one record per symbol; callers may reuse `bar`). */
  #rememberBar(bar: ExchangeBar): void {
    const last = this.#core.lastBars.get(bar.symbol);
    if (last === undefined) {
      this.#core.lastBars.set(bar.symbol, { t: bar.t, c: bar.c, v: bar.v });
      return;
    }
    last.t = bar.t;
    last.c = bar.c;
    last.v = bar.v;
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
    if (isApiError(accepted)) return this.#logged(kind, body, toResult(accepted));
    if (this.#core.settings.fillModel === 'close') this.#matcher.fillOnSubmit(accepted.order);
    return this.#logged(kind, body, ok(accepted.json));
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

  /** Every asset known so far (the configured list, or the symbols seen when no list was given), by symbol. */
  listAssets(): SimAsset[] {
    return this.#core.assets.all();
  }
}

function toResult<T>(error: ApiError): ApiResult<T> {
  return fail<T>(error.status, error.code, error.message, error.extra === undefined ? undefined : { ...error.extra });
}

function errorBody(error: ApiError): Record<string, unknown> {
  return { code: error.code, message: error.message, ...error.extra };
}
