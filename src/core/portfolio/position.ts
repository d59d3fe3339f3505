// One symbol's open position and the arithmetic of a fill against it: average cost on adds, the cost basis
// unchanged per share on reductions, a flip through zero split into a close and an open.
// Why the cost basis and not the average price: Σ qty × price is exact, an average is not (10 / 3). The
// average is shown, the basis is booked; a full close removes the basis exactly, so a round trip's P&L is exact.
// Must never: mutate a position (each step returns a new one), or move cash (the portfolio does).
import { Decimal } from '../../domain/decimal.js';
import type { StrategyId, Ticker } from '../../domain/ids.js';
import type { NewTrade } from '../../ports/store-records.js';
import type { PortfolioFill } from './portfolio-fill.js';
import { EXIT_REASON_BY_ROLE, addEntry, addExit, openTrip, tradeOf, type RoundTrip } from './round-trip.js';

/** An open position (never flat: a flat symbol has no Position). */
export interface Position {
  readonly symbol: Ticker;
  /** The strategy of the entry that opened it (`adopted` for adopted ones). */
  readonly strategy: StrategyId;
  /** Signed shares: positive long, negative short; never zero. */
  readonly qty: Decimal;
  /** What the open shares cost, > 0 for long and short alike. Average entry = costBasis / |qty|. */
  readonly costBasis: Decimal;
  /** The last mark or fill price. */
  readonly lastPrice: Decimal;
  readonly openedAt: number;
  readonly adopted: boolean;
  readonly trip: RoundTrip;
}

/** What one fill did to one symbol. */
export interface PositionStep {
  readonly position: Position | undefined;
  /** Gross P&L realized by the part of the fill that reduced the position. */
  readonly grossRealized: Decimal;
  /** Commission of the reducing part (charged to `closedOwner`) and of the opening/adding part. */
  readonly closeCommission: Decimal;
  readonly openCommission: Decimal;
  /** Owner of the position the fill reduced, if it reduced one. */
  readonly closedOwner: StrategyId | undefined;
  /** Whether the fill opened or added to a position (counts as an entry). */
  readonly isEntry: boolean;
  /** The round trip the fill completed, if the position went through zero. */
  readonly trade: NewTrade | undefined;
}

/** Average entry price: cost basis / |qty|, at most 12 decimal places. */
export function averagePrice(position: Position): Decimal {
  return position.costBasis.div(position.qty.abs());
}

/** Signed market value at the last price: long positive, short negative. Exact. */
export function marketValue(position: Position): Decimal {
  return position.qty.times(position.lastPrice);
}

/** Unrealized P&L at the last price, before commission: market value − signed cost basis. Exact. */
export function unrealizedPnl(position: Position): Decimal {
  const signedBasis = position.qty.isNegative() ? position.costBasis.neg() : position.costBasis;
  return marketValue(position).minus(signedBasis);
}

function opened(fill: PortfolioFill, qty: Decimal, commission: Decimal): Position {
  const side = fill.side === 'buy' ? 'long' : 'short';
  return {
    symbol: fill.symbol,
    strategy: fill.strategy,
    qty: side === 'long' ? qty : qty.neg(),
    costBasis: qty.times(fill.price),
    lastPrice: fill.price,
    openedAt: fill.at,
    adopted: false,
    trip: openTrip({
      side,
      strategy: fill.strategy,
      at: fill.at,
      qty,
      price: fill.price,
      commission,
      clientOrderId: fill.clientOrderId,
      correlationId: fill.correlationId ?? null,
    }),
  };
}

const NOTHING = { grossRealized: Decimal.ZERO, closeCommission: Decimal.ZERO, closedOwner: undefined, trade: undefined };

/** Applies one (already validated) fill to the symbol's position, or opens one when flat. */
export function applyFillToPosition(position: Position | undefined, fill: PortfolioFill): PositionStep {
  if (position === undefined) {
    return { ...NOTHING, position: opened(fill, fill.qty, fill.commission), openCommission: fill.commission, isEntry: true };
  }
  const buying = fill.side === 'buy';
  if (buying === position.qty.isPositive()) {
    const added: Position = {
      ...position,
      qty: buying ? position.qty.plus(fill.qty) : position.qty.minus(fill.qty),
      costBasis: position.costBasis.plus(fill.qty.times(fill.price)),
      lastPrice: fill.price,
      trip: addEntry(position.trip, fill.qty, fill.price, fill.commission),
    };
    return { ...NOTHING, position: added, openCommission: fill.commission, isEntry: true };
  }
  return reduce(position, fill);
}

function reduce(position: Position, fill: PortfolioFill): PositionStep {
  const held = position.qty.abs();
  const closeQty = Decimal.min(fill.qty, held);
  const openQty = fill.qty.minus(closeQty);
  // A flip's commission is split pro rata; the open part gets the remainder so the parts sum exactly.
  const closeCommission = openQty.isZero() ? fill.commission : fill.commission.times(closeQty).div(fill.qty);
  const openCommission = fill.commission.minus(closeCommission);
  const costRemoved = closeQty.eq(held) ? position.costBasis : position.costBasis.times(closeQty).div(held);
  const proceeds = closeQty.times(fill.price);
  const gross = position.qty.isPositive() ? proceeds.minus(costRemoved) : costRemoved.minus(proceeds);
  const trip = addExit(position.trip, { qty: closeQty, price: fill.price, gross, commission: closeCommission });
  const base = { grossRealized: gross, closeCommission, openCommission, closedOwner: position.strategy };
  if (closeQty.lt(held)) {
    const remaining: Position = {
      ...position,
      qty: position.qty.isPositive() ? position.qty.minus(closeQty) : position.qty.plus(closeQty),
      costBasis: position.costBasis.minus(costRemoved),
      lastPrice: fill.price,
      trip,
    };
    return { ...base, position: remaining, isEntry: false, trade: undefined };
  }
  const trade = tradeOf(trip, position.symbol, {
    at: fill.at,
    clientOrderId: fill.clientOrderId,
    reason: EXIT_REASON_BY_ROLE[fill.role],
  });
  const next = openQty.isZero() ? undefined : opened(fill, openQty, openCommission);
  return { ...base, position: next, isEntry: next !== undefined, trade };
}

/** A position the broker holds that the bot did not know, booked at the broker's average price. */
export function adoptedPosition(args: {
  symbol: Ticker;
  qty: Decimal;
  avgPrice: Decimal;
  at: number;
  strategy: StrategyId;
}): Position {
  const shares = args.qty.abs();
  const costBasis = shares.times(args.avgPrice);
  return {
    symbol: args.symbol,
    strategy: args.strategy,
    qty: args.qty,
    costBasis,
    lastPrice: args.avgPrice,
    openedAt: args.at,
    adopted: true,
    trip: openTrip({
      side: args.qty.isPositive() ? 'long' : 'short',
      strategy: args.strategy,
      at: args.at,
      qty: shares,
      price: args.avgPrice,
      commission: Decimal.ZERO,
      clientOrderId: null,
      correlationId: null,
    }),
  };
}
