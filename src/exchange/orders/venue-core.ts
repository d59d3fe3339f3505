// The shared state of one simulated account: clock, ids, calendar view, order book, ledger, prices, fills.
// Exists so intake, lifecycle and matcher (separate files, separate concerns) work on one explicit object
// instead of reaching into each other.
// Must never: hold behaviour beyond derived account figures; state changes go through order-lifecycle.ts.
import { Decimal } from '../../domain/decimal.js';
import type { AssetRegistry } from '../account/asset-registry.js';
import { initialMargin, reservationOf, valuate, type Valuation } from '../account/buying-power.js';
import type { Ledger } from '../account/ledger.js';
import { PriceBook } from '../account/price-book.js';
import { MarketHours } from '../matching/market-hours.js';
import { OrderBook } from './order-book.js';
import type { SimOrder } from './order-record.js';
import type { TradeUpdateBus } from './trade-update-bus.js';

/** One execution as the admin API lists it (wire-style: snake_case, decimals as strings). */
export interface SimFill {
  readonly execution_id: string;
  readonly order_id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  /** Signed position after this execution. */
  readonly position_qty: string;
  readonly timestamp: string;
  /** Epoch ms of the execution. */
  readonly at: number;
  /** Commission charged to cash for this execution (per share × qty, plus the per-order fee on an order's first fill). */
  readonly commission: string;
}

/** The last bar processed for a symbol, as the 'close' fill model needs it (one mutable record per symbol). */
export interface LastBar {
  t: number;
  c: number;
  v: number;
}

export interface VenueSettings {
  readonly multiplier: Decimal;
  readonly volumeShare: number;
  readonly shortingEnabled: boolean;
  readonly barMs: number;
  readonly referencePrice: ((symbol: string) => number | undefined) | undefined;
  /** Per-share slippage against the taker (zero: none). */
  readonly slippage: Decimal;
  readonly commissionPerShare: Decimal;
  readonly commissionPerOrder: Decimal;
  /** True when either commission is positive (fills then carry `commission` on their trade update). */
  readonly chargesCommission: boolean;
  readonly fillModel: 'next_open' | 'close';
}

export class VenueCore {
  readonly hours = new MarketHours();
  readonly book = new OrderBook();
  readonly prices = new PriceBook();
  readonly fills: SimFill[] = [];
  /** Last bar processed per symbol; kept only under the 'close' fill model. */
  readonly lastBars = new Map<string, LastBar>();
  /** Incremented on every processBar; orders match only on bars after the one they started working on. */
  barSeq = 0;
  #seq = 0;
  #reserved = Decimal.ZERO;
  /** Bumped whenever a price or the ledger changes; the valuation is cached per version. */
  #version = 0;
  #valuation: { version: number; value: Valuation; capacity: Decimal } | undefined;

  constructor(
    readonly now: () => number,
    readonly newId: () => string,
    readonly settings: VenueSettings,
    readonly ledger: Ledger,
    readonly assets: AssetRegistry,
    readonly bus: TradeUpdateBus,
  ) {}

  nextSeq(): number {
    return ++this.#seq;
  }

  /** Marks a symbol's price (see PriceBook) and invalidates the cached valuation. */
  mark(symbol: string, price: number, t: number): void {
    this.prices.mark(symbol, price, t, (x) => this.hours.day(x));
    this.#version++;
  }

  /** Call after the ledger changed (a fill). */
  ledgerChanged(): void {
    this.#version++;
  }

  /** Price used to value orders: the last bar's mark, else the configured reference price. */
  refPrice(symbol: string): number | undefined {
    return this.prices.last(symbol) ?? this.settings.referencePrice?.(symbol);
  }

  valuation(): Valuation {
    return this.#valued().value;
  }

  #valued(): { version: number; value: Valuation; capacity: Decimal } {
    const cached = this.#valuation;
    if (cached?.version === this.#version) return cached;
    const value = valuate(this.ledger, (s) => this.refPrice(s));
    const m = this.settings.multiplier;
    const fresh = { version: this.#version, value, capacity: value.equity.minus(initialMargin(value, m)).times(m) };
    this.#valuation = fresh;
    return fresh;
  }

  /** Re-computes the buying power an order holds (after admission, fills, status changes). */
  hold(order: SimOrder): void {
    const amount = reservationOf(order);
    if (amount.eq(order.reserved)) return;
    this.#reserved = this.#reserved.plus(amount).minus(order.reserved);
    order.reserved = amount;
  }

  /** Buying power held by open orders that open or increase exposure (optionally leaving one out). */
  reserved(except?: SimOrder): Decimal {
    return except === undefined ? this.#reserved : this.#reserved.minus(except.reserved);
  }

  /** max(0, (equity − initial margin) × multiplier − reserved): see account/buying-power.ts. */
  buyingPower(except?: SimOrder): Decimal {
    const bp = this.#valued().capacity.minus(this.reserved(except));
    return bp.isNegative() ? Decimal.ZERO : bp;
  }
}
