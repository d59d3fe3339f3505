// The request side of the backtest execution client: a SubmitOrderCommand becomes the very JSON body the Alpaca
// adapter would POST (its own toPostOrderRequest validates and builds the request; the keys are then renamed to
// snake_case exactly as the SDK's PostOrderRequestToJSON does, without loading the SDK), and the venue's errors
// become the outcomes and errors the Alpaca adapter produces for the same HTTP answers.
// Must never: accept a command the Alpaca adapter would refuse, or report a venue error differently from the
// Alpaca adapter (a backtest must fail where sim, paper and live fail).
import type { trading } from '@alpacahq/alpaca-trade-api';
import type { SubmitOrderCommand, SubmitOutcome } from '../../ports/execution-client.js';
import { BrokerAuthError, BrokerRequestError, BrokerUnavailableError } from '../alpaca/execution/execution-errors.js';
import { toPostOrderRequest } from '../alpaca/execution/execution-mapper.js';

/** What the venue answers on failure (an Alpaca error body plus its HTTP status). */
export interface VenueError {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/**
 * The POST /v2/orders body of a command, as the SDK would serialize it (undefined keys are simply absent on the
 * wire; the venue treats undefined as unset). @throws InvalidOrderCommandError naming the field
 */
export function venueOrderBody(command: SubmitOrderCommand): Record<string, unknown> {
  return snakeCase(toPostOrderRequest(command));
}

/** PostOrderRequest → wire keys, the subset toPostOrderRequest sets (same renaming as the SDK's PostOrderRequestToJSON). */
export function snakeCase(r: trading.PostOrderRequest): Record<string, unknown> {
  return {
    client_order_id: r.clientOrderId,
    extended_hours: r.extendedHours,
    limit_price: r.limitPrice,
    notional: r.notional,
    order_class: r.orderClass,
    qty: r.qty,
    side: r.side,
    stop_loss: r.stopLoss === undefined ? undefined : { limit_price: r.stopLoss.limitPrice, stop_price: r.stopLoss.stopPrice },
    stop_price: r.stopPrice,
    symbol: r.symbol,
    take_profit: r.takeProfit === undefined ? undefined : { limit_price: r.takeProfit.limitPrice },
    time_in_force: r.timeInForce,
    trail_percent: r.trailPercent,
    trail_price: r.trailPrice,
    type: r.type,
  };
}

/** Alpaca's duplicate client_order_id answer (as submit-order.ts's isDuplicateClientOrderId): 422 40010001 "client_order_id must be unique". */
export function isDuplicate(e: VenueError): boolean {
  return e.status === 422 && e.code === 40010001 && /client_order_id/i.test(e.message) && /unique/i.test(e.message);
}

/** A refused submission as the Alpaca adapter reports a definitive 4xx: `duplicate` or `rejected`. */
export function submitRefusal(e: VenueError): SubmitOutcome {
  return isDuplicate(e) ? { kind: 'duplicate', message: e.message } : { kind: 'rejected', status: e.status, code: e.code, message: e.message };
}

/**
 * The error a read throws for an unexpected venue answer (as order-lookup.ts's readError): 5xx/408/429 →
 * BrokerUnavailableError, 401/403 (but 403 40310000, a trading refusal) → BrokerAuthError, else BrokerRequestError.
 */
export function readFailure(what: string, e: VenueError, action: 'halt' | 'reconcile' = 'halt'): Error {
  const message = `${what} failed: HTTP ${e.status} (${e.code}): ${e.message}`;
  if (e.status >= 500 || e.status === 408 || e.status === 429) return new BrokerUnavailableError(message);
  if (e.status === 401 || (e.status === 403 && e.code !== 40310000)) return new BrokerAuthError(message);
  return new BrokerRequestError(message, { status: e.status, brokerCode: e.code, action });
}
