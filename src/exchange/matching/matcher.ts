// Matches the working orders of one symbol against one bar (issue #3, SPEC §11): market orders at the open,
// limits at their price or better, stops at their price or the gapped open, stop_limits as limits once
// triggered, trailing stops along their high-water mark; fills in path order, at most volumeShare × volume
// shares per order per bar; ioc/fok decide on their first eligible bar; opg/cls cross at the open/close.
// Every fill price then takes the venue's slippage (fill-costs.ts). Under the 'close' fill model a market
// order fills on submission at the close of the symbol's bar that has just ended (fillOnSubmit).
// Must never: fill an order on the bar it started working on (fillOnSubmit uses the bar before it, which has
// ended), fill outside its hours (only extended_hours limit orders trade pre-market and after hours), or fill
// at a price from a bar that has not ended yet.
import type { ExchangeBar } from '../contracts.js';
import { Decimal } from '../../domain/decimal.js';
import { priceDecimal } from '../account/buying-power.js';
import type { OrderLifecycle } from '../orders/order-lifecycle.js';
import { isOpenStatus, remainingNotional, remainingQty, type SimOrder } from '../orders/order-record.js';
import type { VenueCore } from '../orders/venue-core.js';
import { slippedPrice } from './fill-costs.js';
import { reachDown, reachUp, walkTrailing } from './intrabar-path.js';
import type { MarketPhase } from './market-hours.js';
import { updateTrailingMark } from './trailing-stop.js';

/** Where on the bar's path an order executes, and at what price (null: the bar's open, converted lazily). */
interface Hit {
  readonly order: SimOrder;
  readonly at: number;
  readonly price: Decimal | null;
}

const NOTIONAL_QTY_DP = 9;
const PENNY = Decimal.of('0.01');

export class Matcher {
  readonly #core: VenueCore;
  readonly #life: OrderLifecycle;

  constructor(core: VenueCore, lifecycle: OrderLifecycle) {
    this.#core = core;
    this.#life = lifecycle;
  }

  /** Matches `orders` (the symbol's working list) against `bar` in market phase `phase`. */
  run(bar: ExchangeBar, orders: readonly SimOrder[], phase: MarketPhase): void {
    if (phase === 'closed') return;
    const seq = this.#core.barSeq;
    let hits: Hit[] | undefined;
    for (const order of orders.slice()) {
      if (!order.working || order.workingSinceBar >= seq) continue;
      if (order.tif === 'opg' || order.tif === 'cls') {
        this.#auction(order, bar, phase);
        continue;
      }
      if (phase !== 'regular' && !order.extendedHours) continue;
      const hit = this.#evaluate(order, bar);
      if (order.tif === 'ioc' || order.tif === 'fok') order.sawEligibleBar = true;
      if (hit !== undefined) (hits ??= []).push(hit);
      else if (order.tif === 'ioc' || order.tif === 'fok') this.#life.cancel(order, false);
    }
    if (hits === undefined) return;
    if (hits.length > 1) hits.sort((a, b) => a.at - b.at || a.order.seq - b.order.seq);
    const open = priceDecimal(bar.o);
    for (const hit of hits) if (hit.order.working && isOpenStatus(hit.order.status)) this.#execute(hit.order, hit.price ?? open, bar.v);
  }

  /**
   * 'close' fill model: a market order (not opg/cls) fills now, on submission, at the close of the last bar
   * processed for its symbol, when that bar was a regular-session bar and has just ended
   * (bar.t + barMs ≤ now < bar.t + 2·barMs: the bar the client just decided on). The volume cap applies to
   * that bar; a remainder keeps working from the next bar like any market order. An order queued for the next
   * session (submitted at 16:00 on the day's last bar) is activated first. Otherwise nothing happens: the
   * order fills at the next bar's open (next_open).
   */
  fillOnSubmit(order: SimOrder): void {
    const core = this.#core;
    if (order.type !== 'market' || order.tif === 'opg' || order.tif === 'cls') return;
    if (order.status !== 'new' && order.status !== 'accepted') return;
    const last = core.lastBars.get(order.symbol);
    if (last === undefined) return;
    const now = core.now();
    const barMs = core.settings.barMs;
    if (now < last.t + barMs || now >= last.t + 2 * barMs || core.hours.phase(last.t) !== 'regular') return;
    if (order.status === 'accepted') this.#life.activate(order);
    if (order.tif === 'ioc' || order.tif === 'fok') order.sawEligibleBar = true;
    this.#execute(order, priceDecimal(last.c), last.v);
  }

  #evaluate(order: SimOrder, bar: ExchangeBar): Hit | undefined {
    const buy = order.side === 'buy';
    switch (order.type) {
      case 'market':
        return { order, at: 0, price: null };
      case 'limit':
        return this.#limitHit(order, bar, 0, null);
      case 'stop': {
        const at = buy ? reachUp(bar, order.stopNum) : reachDown(bar, order.stopNum);
        if (at < 0) return undefined;
        return { order, at, price: at === 0 ? null : order.stopPrice };
      }
      case 'stop_limit':
        return this.#stopLimitHit(order, bar);
      case 'trailing_stop':
        return this.#trailingHit(order, bar);
    }
  }

  /**
   * A limit searched from path position `from`, where the price is `entryPrice` (null: the open, at 0).
   * Reaching the limit exactly at `from` means the entry price is already at or better than the limit.
   */
  #limitHit(order: SimOrder, bar: ExchangeBar, from: number, entryPrice: Decimal | null): Hit | undefined {
    const at = order.side === 'buy' ? reachDown(bar, order.limitNum, from) : reachUp(bar, order.limitNum, from);
    if (at < 0) return undefined;
    const limit = order.limitPrice;
    if (at !== from || entryPrice === null || limit === null) return { order, at, price: at === 0 ? null : limit };
    const better = order.side === 'buy' ? entryPrice.lte(limit) : entryPrice.gte(limit);
    return { order, at, price: better ? entryPrice : limit };
  }

  #stopLimitHit(order: SimOrder, bar: ExchangeBar): Hit | undefined {
    if (order.triggered) return this.#limitHit(order, bar, 0, null);
    const at = order.side === 'buy' ? reachUp(bar, order.stopNum) : reachDown(bar, order.stopNum);
    if (at < 0) return undefined;
    order.triggered = true;
    return this.#limitHit(order, bar, at, at === 0 ? null : order.stopPrice);
  }

  #trailingHit(order: SimOrder, bar: ExchangeBar): Hit | undefined {
    const sell = order.side === 'sell';
    const walk = walkTrailing(bar, sell, order.hwmNum, order.trailPrice === null ? Number.NaN : order.trailNum, order.trailPercent === null ? Number.NaN : order.trailNum);
    const { at, gap } = walk;
    updateTrailingMark(order, walk.mark);
    if (at < 0) return undefined;
    return { order, at, price: gap ? null : order.stopPrice };
  }

/** opg crosses at the first regular bar's open of its session, cls at the close of the last one; all or nothing. */
  #auction(order: SimOrder, bar: ExchangeBar, phase: MarketPhase): void {
    if (phase !== 'regular') return;
    const opg = order.tif === 'opg';
    const due = opg ? bar.t >= order.auctionAt : bar.t < order.auctionAt && bar.t + this.#core.settings.barMs >= order.auctionAt;
    if (!due) return;
    const price = priceDecimal(opg ? bar.o : bar.c);
    const limit = order.limitPrice;
    const marketable = limit === null || (order.side === 'buy' ? price.lte(limit) : price.gte(limit));
    const rest = remainingQty(order);
    if (!marketable || rest === null) {
      this.#life.cancel(order, false);
      return;
    }
    this.#life.fill(order, rest, slippedPrice(order, price, this.#core.settings.slippage));
  }

  /** Executes up to the volume cap of a bar of `volume` at the matched `matched` price (slippage added here). */
  #execute(order: SimOrder, matched: Decimal, volume: number): void {
    const price = slippedPrice(order, matched, this.#core.settings.slippage);
    const cap = volumeCap(volume, this.#core.settings.volumeShare);
    const rest = remainingQty(order);
    const wanted = rest ?? remainingNotional(order).div(price).floor(NOTIONAL_QTY_DP);
    const fok = order.tif === 'fok';
    if (cap.isZero() || (fok && wanted.gt(cap))) {
      if (order.tif === 'ioc' || fok) this.#life.cancel(order, false);
      return;
    }
    const qty = Decimal.min(wanted, cap);
    if (qty.isPositive()) {
      if (order.status === 'held') this.#life.release(order);
      const notionalDone = rest === null && (qty.eq(wanted) || remainingNotional(order).minus(qty.times(price)).lt(PENNY));
      this.#life.fill(order, qty, price, notionalDone);
    }
    if (order.tif === 'ioc' && isOpenStatus(order.status)) this.#life.cancel(order, false);
  }
}

/** Shares one order may take from a bar: ⌊share × volume⌋, at least 1 when the bar traded, 0 otherwise. */
export function volumeCap(volume: number, share: number): Decimal {
  if (!(volume > 0)) return Decimal.ZERO;
  return Decimal.of(Math.max(1, Math.floor(share * volume)));
}
