// The shared state of one simulated account: clock, ids, calendar view, order book, ledger, prices, fills.
// Exists so intake, lifecycle and matcher (separate files, separate concerns) work on one explicit object
// instead of reaching into each other.
// Must never: hold behaviour beyond derived account figures; state changes go through order-lifecycle.ts.
import { Decimal } from '../../domain/decimal.js';
import type { AssetRegistry } from '../account/asset-registry.js';
import { buyingPower, orderCost, reservesBuyingPower, valuate, type Valuation } from '../account/buying-power.js';
import type { Ledger } from '../account/ledger.js';
import { PriceBook } from '../account/price-book.js';
import { MarketHours } from '../matching/market-hours.js';
import { OrderBook } from './order-book.js';
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
}

export interface VenueSettings {
  readonly multiplier: Decimal;
  readonly volumeShare: number;
  readonly shortingEnabled: boolean;
  readonly barMs: number;
  readonly referencePrice: ((symbol: string) => number | undefined) | undefined;
}

export class VenueCore {
  readonly hours = new MarketHours();
  readonly book = new OrderBook();
  readonly prices = new PriceBook();
  readonly fills: SimFill[] = [];
  /** Incremented on every processBar; orders match only on bars after the one they started working on. */
  barSeq = 0;
  #seq = 0;

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

  /** Price used to value orders: the last bar's mark, else the configured reference price. */
  refPrice(symbol: string): number | undefined {
    return this.prices.last(symbol) ?? this.settings.referencePrice?.(symbol);
  }

  valuation(): Valuation {
    return valuate(this.ledger, (s) => this.refPrice(s));
  }

  /** Buying power held by open orders that open or increase exposure. */
  reserved(except?: { readonly id: string }): Decimal {
    let total: Decimal | undefined;
    for (const order of this.book.openOrders()) {
      if (!reservesBuyingPower(order) || order.id === except?.id) continue;
      const cost = orderCost(order, this.refPrice(order.symbol));
      total = total === undefined ? cost : total.plus(cost);
    }
    return total ?? Decimal.ZERO;
  }

  buyingPower(except?: { readonly id: string }): Decimal {
    return buyingPower(this.valuation(), this.settings.multiplier, this.reserved(except));
  }
}
