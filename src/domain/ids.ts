// Branded identifiers: a ClientOrderId is not interchangeable with a BrokerOrderId or a symbol (DESIGN §3.2).
// Must never: construct a brand without validating it, outside of this file's parse functions.

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ClientOrderId = Brand<string, 'ClientOrderId'>;
export type BrokerOrderId = Brand<string, 'BrokerOrderId'>;
export type Ticker = Brand<string, 'Ticker'>;
export type StrategyId = Brand<string, 'StrategyId'>;
export type CorrelationId = Brand<string, 'CorrelationId'>;
export type RunId = Brand<string, 'RunId'>;

/** Thrown when a string is not a valid identifier of its kind; the message names the value and the rule. */
export class IdError extends Error {
  override readonly name = 'IdError';
}

/** US equity symbols as the watchlist accepts them: 1–5 capitals, optionally a class suffix (BRK.B). */
export const TICKER_PATTERN = /^[A-Z]{1,5}([.][A-Z])?$/;
const CLIENT_ORDER_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
const STRATEGY_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export function parseTicker(value: string): Ticker {
  if (!TICKER_PATTERN.test(value)) {
    throw new IdError(`invalid symbol ${JSON.stringify(value)}: expected 1–5 capital letters with an optional .X class (e.g. AAPL, BRK.B)`);
  }
  return value as Ticker;
}

/** Alpaca allows up to 128 printable characters in client_order_id. */
export function parseClientOrderId(value: string): ClientOrderId {
  if (!CLIENT_ORDER_ID_PATTERN.test(value)) {
    throw new IdError(`invalid client_order_id ${JSON.stringify(value)}: expected 1–128 printable ASCII characters`);
  }
  return value as ClientOrderId;
}

export function parseBrokerOrderId(value: string): BrokerOrderId {
  if (value.length === 0) throw new IdError('invalid broker order id: empty');
  return value as BrokerOrderId;
}

export function parseStrategyId(value: string): StrategyId {
  if (!STRATEGY_ID_PATTERN.test(value)) {
    throw new IdError(`invalid strategy name ${JSON.stringify(value)}: expected lower_snake_case starting with a letter, at most 64 characters`);
  }
  return value as StrategyId;
}

export function asCorrelationId(value: string): CorrelationId {
  if (value.length === 0) throw new IdError('invalid correlation id: empty');
  return value as CorrelationId;
}

export function asRunId(value: string): RunId {
  if (value.length === 0) throw new IdError('invalid run id: empty');
  return value as RunId;
}
