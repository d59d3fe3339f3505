// Looking an order up by client_order_id (`GET /v2/orders:by_client_order_id`): the one question that resolves
// an ambiguous submission. A 404 means "never placed" (PROTOCOL §3.3; the SDK's submitAndWait relies on it).
// Must never: turn a transport failure into "not found" (that would license a second POST).
import type { OrderReport } from '../../../ports/execution-client.js';
import { BrokerAuthError, BrokerRequestError, BrokerUnavailableError } from './execution-errors.js';
import { mapOrder } from './execution-mapper.js';
import { describeFailure, type RestFailure } from './rest-failure.js';
import type { TradingRest } from './trading-rest.js';

export type LookupResult =
  | { readonly kind: 'found'; readonly report: OrderReport }
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly failure: RestFailure };

/** One lookup, as a value. @throws UnknownOrderStatusError / MalformedPayloadError when the order cannot be mapped */
export async function lookupByClientOrderId(rest: Pick<TradingRest, 'getOrderByClientOrderId'>, clientOrderId: string): Promise<LookupResult> {
  const result = await rest.getOrderByClientOrderId(clientOrderId);
  if (result.ok) return { kind: 'found', report: mapOrder(result.body) };
  if (result.failure.kind === 'http' && result.failure.status === 404) return { kind: 'absent' };
  return { kind: 'failed', failure: result.failure };
}

/**
 * The error a read must throw for a failure that is not an expected outcome: transient → BrokerUnavailableError
 * (retry), 401/403 → BrokerAuthError (halt), any other 4xx (and 403 40310000) → BrokerRequestError.
 */
export function readError(what: string, f: RestFailure, action: 'halt' | 'reconcile' = 'halt'): Error {
  const text = `${what} failed: ${describeFailure(f)}`;
  if (f.kind !== 'http' || f.status >= 500 || f.status === 408 || f.status === 429) return new BrokerUnavailableError(text);
  // 403 40310000 is a trading refusal (insufficient qty or buying power), not a credentials problem.
  if (f.status === 401 || (f.status === 403 && f.code !== 40310000)) return new BrokerAuthError(text);
  return new BrokerRequestError(text, { status: f.status, brokerCode: f.code, action });
}
