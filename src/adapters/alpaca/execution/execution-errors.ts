// The errors the Alpaca execution adapter throws, typed by what the caller must do (DESIGN §3.8): retry the
// call later, halt trading, reconcile with the broker, or fix the caller's input. Expected outcomes (a
// rejection, an ambiguous submit, a duplicate) are values of the port, never these.
// Must never: carry an API key or secret in a message or a field (messages are scrubbed before they get here).

/** What the caller must do about an error. */
export type ErrorAction = 'retry' | 'halt' | 'reconcile' | 'user_error';

/** Stable codes, one per error class (SCREAMING_SNAKE; safe to match on). */
export const EXECUTION_ERROR_CODES = [
  'ALPACA_UNAVAILABLE',
  'ALPACA_UNAUTHORIZED',
  'ALPACA_REQUEST_REJECTED',
  'ALPACA_UNKNOWN_ORDER_STATUS',
  'ALPACA_MALFORMED_PAYLOAD',
  'ALPACA_CLOSE_AMBIGUOUS',
  'ALPACA_INVALID_COMMAND',
  'ALPACA_CONFIG',
] as const;
export type ExecutionErrorCode = (typeof EXECUTION_ERROR_CODES)[number];

/** Base of every error thrown by the adapter. */
export abstract class AlpacaExecutionError extends Error {
  abstract readonly action: ErrorAction;
  abstract readonly code: ExecutionErrorCode;
}

/** The broker could not be reached or answered 5xx/429/timeout, and no fallback applied. Retry later. */
export class BrokerUnavailableError extends AlpacaExecutionError {
  override readonly name = 'BrokerUnavailableError';
  readonly action = 'retry';
  readonly code = 'ALPACA_UNAVAILABLE';
}

/** Credentials were refused (HTTP 401/403 on a read, or the trade stream's `unauthorized`). Terminal: halt. */
export class BrokerAuthError extends AlpacaExecutionError {
  override readonly name = 'BrokerAuthError';
  readonly action = 'halt';
  readonly code = 'ALPACA_UNAUTHORIZED';
}

/**
 * The broker answered a 4xx to a call that should not fail (a list, a get, a close). `action` says whether
 * our view of the account is stale (`reconcile`, e.g. closing a position whose shares are held for an order)
 * or the request itself is wrong (`halt`).
 */
export class BrokerRequestError extends AlpacaExecutionError {
  override readonly name = 'BrokerRequestError';
  readonly code = 'ALPACA_REQUEST_REJECTED';
  readonly action: 'halt' | 'reconcile';
  readonly status: number;
  readonly brokerCode: number | null;

  constructor(message: string, details: { status: number; brokerCode: number | null; action?: 'halt' | 'reconcile' }) {
    super(message);
    this.status = details.status;
    this.brokerCode = details.brokerCode;
    this.action = details.action ?? 'halt';
  }
}

/** An order carries a status this adapter does not know: its meaning for our state machine is unknown. Halt. */
export class UnknownOrderStatusError extends AlpacaExecutionError {
  override readonly name = 'UnknownOrderStatusError';
  readonly action = 'halt';
  readonly code = 'ALPACA_UNKNOWN_ORDER_STATUS';
  readonly status: string;

  constructor(status: string, allowed: readonly string[], where: string) {
    super(`${where}: unknown order status ${JSON.stringify(status)} (known: ${allowed.join(', ')})`);
    this.status = status;
  }
}

/** A payload from the broker lacks a field we rely on or has one of the wrong shape. Halt. */
export class MalformedPayloadError extends AlpacaExecutionError {
  override readonly name = 'MalformedPayloadError';
  readonly action = 'halt';
  readonly code = 'ALPACA_MALFORMED_PAYLOAD';
}

/** A close-position request may or may not have reached the broker. Reconcile before trying again. */
export class CloseAmbiguousError extends AlpacaExecutionError {
  override readonly name = 'CloseAmbiguousError';
  readonly action = 'reconcile';
  readonly code = 'ALPACA_CLOSE_AMBIGUOUS';
}

/** The caller's order command cannot be expressed as an Alpaca order (a field missing or contradictory). */
export class InvalidOrderCommandError extends AlpacaExecutionError {
  override readonly name = 'InvalidOrderCommandError';
  readonly action = 'user_error';
  readonly code = 'ALPACA_INVALID_COMMAND';
}

/** The adapter's settings are unusable (missing key, malformed URL). The message names the key, never its value. */
export class ExecutionConfigError extends AlpacaExecutionError {
  override readonly name = 'ExecutionConfigError';
  readonly action = 'user_error';
  readonly code = 'ALPACA_CONFIG';
}
