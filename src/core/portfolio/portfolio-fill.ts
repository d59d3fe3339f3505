// The portfolio's own input types: one execution (a fill) and the reconciliation adjustments it may need.
// Why its own type: the order manager and the store speak of orders; the ledger only needs what moved money.
// The engine maps order-manager fill events and stored FillRecords to this shape.
// Must never: accept a float, a non-positive quantity or price, or a negative commission (SPEC S9).
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, CorrelationId, StrategyId, Ticker } from '../../domain/ids.js';
import type { OrderRole, OrderSide } from '../../domain/order.js';

/** One execution as the ledger sees it. */
export interface PortfolioFill {
  /** The broker's execution id: a fill applied twice changes nothing. */
  readonly executionId: string;
  readonly clientOrderId: ClientOrderId;
  /** The strategy of the order; it owns a position the fill opens. */
  readonly strategy: StrategyId;
  readonly symbol: Ticker;
  readonly side: OrderSide;
  /** Shares, > 0. */
  readonly qty: Decimal;
  /** Price per share, > 0. */
  readonly price: Decimal;
  /** >= 0; paid in cash and charged to the round trip. */
  readonly commission: Decimal;
  /** Execution time, epoch ms. */
  readonly at: number;
  /** The order's role; the exit fill's role names a round trip's exit reason. */
  readonly role: OrderRole;
  readonly correlationId?: CorrelationId | null;
}

/** A position the broker holds that the bot did not know (SPEC §8: adopt it). */
export interface AdoptAdjustment {
  readonly kind: 'adopt';
  readonly symbol: Ticker;
  /** Signed: negative is short. */
  readonly qty: Decimal;
  readonly avgPrice: Decimal;
  readonly at: number;
  readonly strategy: StrategyId;
  /** The executionId of the last fill of this symbol applied before the adjustment (replay anchor), or null. */
  readonly afterExecutionId: string | null;
}

/** A local position the broker no longer holds (SPEC §8: close it locally). */
export interface CloseAdjustment {
  readonly kind: 'close';
  readonly symbol: Ticker;
  readonly reason: string;
  readonly at: number;
  readonly afterExecutionId: string | null;
}

/** A ledger change that did not come from a fill; persisted so that a rebuild replays it at the same point. */
export type PortfolioAdjustment = AdoptAdjustment | CloseAdjustment;

/** Bad input to the portfolio; the message names the field, the bad value and what is allowed. */
export class PortfolioInputError extends Error {
  override readonly name = 'PortfolioInputError';
}

/** A call that the ledger's state does not allow (e.g. adopting over an open position). */
export class PortfolioStateError extends Error {
  override readonly name = 'PortfolioStateError';
}

function requireDecimal(value: unknown, field: string): Decimal {
  if (!(value instanceof Decimal)) {
    throw new PortfolioInputError(`fill ${field} must be a Decimal, got ${typeof value} ${String(value)}`);
  }
  return value;
}

/** Checks a price or quantity: an exact Decimal > 0. @throws PortfolioInputError naming the field. */
export function requirePositive(value: unknown, field: string): Decimal {
  const dec = requireDecimal(value, field);
  if (!dec.isPositive()) throw new PortfolioInputError(`${field} must be > 0, got ${dec.toString()}`);
  return dec;
}

/** Checks an epoch-ms timestamp. @throws PortfolioInputError naming the field. */
export function requireEpochMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PortfolioInputError(`${field} must be epoch milliseconds (a non-negative integer), got ${String(value)}`);
  }
  return value;
}

/**
 * Validates a fill before it touches the ledger.
 * @throws PortfolioInputError naming the field, the bad value and the allowed values.
 */
export function checkFill(fill: PortfolioFill): PortfolioFill {
  if (typeof fill.executionId !== 'string' || fill.executionId === '') {
    throw new PortfolioInputError(`fill executionId must be a non-empty string, got ${JSON.stringify(fill.executionId)}`);
  }
  const side: string = fill.side;
  if (side !== 'buy' && side !== 'sell') {
    throw new PortfolioInputError(`fill side must be one of buy, sell; got ${JSON.stringify(side)}`);
  }
  requirePositive(fill.qty, 'fill qty');
  requirePositive(fill.price, 'fill price');
  const commission = requireDecimal(fill.commission, 'commission');
  if (commission.isNegative()) throw new PortfolioInputError(`fill commission must be >= 0, got ${commission.toString()}`);
  requireEpochMs(fill.at, 'fill at');
  return fill;
}

/** Checks the values of an adoption. @throws PortfolioInputError naming the field. */
export function checkAdoption(args: { symbol: Ticker; qty: Decimal; avgPrice: Decimal; at: number }): void {
  if (!(args.qty instanceof Decimal) || args.qty.isZero()) {
    throw new PortfolioInputError(`adopted qty of ${args.symbol} must be a non-zero Decimal (negative = short), got ${String(args.qty)}`);
  }
  requirePositive(args.avgPrice, `adopted avgPrice of ${args.symbol}`);
  requireEpochMs(args.at, 'adoption at');
}

/** Checks the values of a local close. @throws PortfolioInputError naming the field. */
export function checkLocalClose(symbol: Ticker, reason: string, at: number): void {
  requireEpochMs(at, 'local close at');
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new PortfolioInputError(`local close of ${symbol} needs a non-empty reason, got ${JSON.stringify(reason)}`);
  }
}
