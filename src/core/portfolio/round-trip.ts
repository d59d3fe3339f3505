// A round trip in progress (flat → position → flat) and the immutable `trades` row it becomes (SPEC §9).
// Why separate from the position: the position holds what is open now; the round trip remembers everything
// that went in and out of it, so the row carries weighted average prices, every commission and both times.
// Must never: divide anything but the final averages and the percentage (sums stay exact, SPEC S9).
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, CorrelationId, StrategyId, Ticker } from '../../domain/ids.js';
import type { OrderRole, PositionSide } from '../../domain/order.js';
import type { NewTrade } from '../../ports/store-records.js';

/** Everything a round trip has accumulated so far. Sums only; averages are taken when it completes. */
export interface RoundTrip {
  readonly side: PositionSide;
  readonly strategy: StrategyId;
  /** Time of the first fill (or of the adoption). */
  readonly openedAt: number;
  readonly entryQty: Decimal;
  /** Σ qty × price of the entry fills. */
  readonly entryCost: Decimal;
  readonly exitQty: Decimal;
  /** Σ qty × price of the exit fills. */
  readonly exitValue: Decimal;
  /** Gross realized P&L so far (before commission). */
  readonly grossPnl: Decimal;
  /** Σ commission of every fill (part) of this round trip. */
  readonly commission: Decimal;
  readonly entryClientOrderId: ClientOrderId | null;
  readonly correlationId: CorrelationId | null;
}

/** How a round trip ended: the last exit fill (or the reason given for a local close). */
export interface RoundTripExit {
  readonly at: number;
  readonly clientOrderId: ClientOrderId | null;
  readonly reason: string;
}

/** `trades.exit_reason` for the role of the order whose fill closed the position. */
export const EXIT_REASON_BY_ROLE = {
  stop: 'stop',
  protect: 'stop',
  take_profit: 'take_profit',
  trail: 'trailing_stop',
  exit: 'signal',
  close: 'close',
  entry: 'reversal',
} as const satisfies Record<OrderRole, string>;

/** Starts a round trip with its first entry. */
export function openTrip(args: {
  side: PositionSide;
  strategy: StrategyId;
  at: number;
  qty: Decimal;
  price: Decimal;
  commission: Decimal;
  clientOrderId: ClientOrderId | null;
  correlationId: CorrelationId | null;
}): RoundTrip {
  return {
    side: args.side,
    strategy: args.strategy,
    openedAt: args.at,
    entryQty: args.qty,
    entryCost: args.qty.times(args.price),
    exitQty: Decimal.ZERO,
    exitValue: Decimal.ZERO,
    grossPnl: Decimal.ZERO,
    commission: args.commission,
    entryClientOrderId: args.clientOrderId,
    correlationId: args.correlationId,
  };
}

/** Adds to the round trip's entry side. */
export function addEntry(trip: RoundTrip, qty: Decimal, price: Decimal, commission: Decimal): RoundTrip {
  return {
    ...trip,
    entryQty: trip.entryQty.plus(qty),
    entryCost: trip.entryCost.plus(qty.times(price)),
    commission: trip.commission.plus(commission),
  };
}

/** Records an exit of `qty` at `price` that realized `gross` before commission. */
export function addExit(trip: RoundTrip, exit: { qty: Decimal; price: Decimal; gross: Decimal; commission: Decimal }): RoundTrip {
  return {
    ...trip,
    exitQty: trip.exitQty.plus(exit.qty),
    exitValue: trip.exitValue.plus(exit.qty.times(exit.price)),
    grossPnl: trip.grossPnl.plus(exit.gross),
    commission: trip.commission.plus(exit.commission),
  };
}

/**
 * The `trades` row of a completed round trip: weighted average prices (12 places at most), P&L net of every
 * commission, P&L % as a fraction of the entry cost. Duration is computed by the store from the two times.
 */
export function tradeOf(trip: RoundTrip, symbol: Ticker, exit: RoundTripExit): NewTrade {
  const pnl = trip.grossPnl.minus(trip.commission);
  return {
    strategy: trip.strategy,
    symbol,
    side: trip.side,
    qty: trip.entryQty,
    entryPrice: trip.entryCost.div(trip.entryQty),
    exitPrice: trip.exitValue.div(trip.exitQty),
    entryTs: trip.openedAt,
    exitTs: Math.max(exit.at, trip.openedAt),
    pnl,
    pnlPct: pnl.div(trip.entryCost),
    commission: trip.commission,
    entryClientOrderId: trip.entryClientOrderId,
    exitClientOrderId: exit.clientOrderId,
    correlationId: trip.correlationId,
    exitReason: exit.reason,
  };
}

/** Whole seconds between entry and exit, as the store writes `duration_s`. */
export function durationSeconds(trade: Pick<NewTrade, 'entryTs' | 'exitTs'>): number {
  return Math.floor((trade.exitTs - trade.entryTs) / 1000);
}
