// Submitting one order under SPEC §7's failure table. A 4xx is `rejected`, except 422 40010001 "client_order_id
// must be unique", which is `duplicate`. A transient failure (5xx, 408, 429, timeout, network) is retried at
// most twice, `retryDelayMs` apart (a 429's Retry-After when longer), and **before every retry the order is
// looked up by client_order_id**: found → `accepted` with its report; absent → POST again; the lookup itself
// failing → `ambiguous`. After the last failure one more lookup is made; still nothing → `ambiguous` (or
// `rejected` when every failure was a 429, which Alpaca answers before processing).
// Must never: POST again without a lookup that answered "absent" after a failure that may have landed.
import type { Clock } from '../../../ports/clock.js';
import type { SubmitOrderCommand, SubmitOutcome } from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { mapOrder, toPostOrderRequest } from './execution-mapper.js';
import { lookupByClientOrderId } from './order-lookup.js';
import { describeFailure, isTransient, mayHaveLanded, retryDelayFor, type RestFailure, type RetryTiming } from './rest-failure.js';
import type { TradingRest } from './trading-rest.js';

/** Retries after the first transient failure (SPEC §7: twice). */
export const SUBMIT_RETRIES = 2;

export interface SubmitDeps {
  readonly rest: Pick<TradingRest, 'postOrder' | 'getOrderByClientOrderId'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: RetryTiming;
}

/** Alpaca's duplicate client_order_id answer (PROTOCOL §3.3): HTTP 422, code 40010001, "client_order_id must be unique". */
export function isDuplicateClientOrderId(f: RestFailure): boolean {
  return f.kind === 'http' && f.status === 422 && f.code === 40010001 && /client_order_id/i.test(f.message) && /unique/i.test(f.message);
}

const rejected = (f: Extract<RestFailure, { kind: 'http' }>): SubmitOutcome => ({ kind: 'rejected', status: f.status, code: f.code, message: f.message });

/** Submits `command`; see the module header for the policy. @throws InvalidOrderCommandError, UnknownOrderStatusError, MalformedPayloadError */
export async function submitOrder(deps: SubmitDeps, command: SubmitOrderCommand): Promise<SubmitOutcome> {
  const request = toPostOrderRequest(command);
  const log = deps.logger.child({ client_order_id: command.clientOrderId, symbol: command.symbol });
  let landed = false;
  for (let attempt = 0; ; attempt++) {
    const result = await deps.rest.postOrder(request);
    if (result.ok) return { kind: 'accepted', report: mapOrder(result.body) };
    const f = result.failure;
    if (!isTransient(f) && f.kind === 'http') return settleDefinitive(deps, command, f, landed);
    landed ||= mayHaveLanded(f);
    log.warn('order submission failed', { attempt: attempt + 1, error: describeFailure(f), may_have_landed: landed });
    await deps.clock.sleep(retryDelayFor(f, deps.timing));
    const found = await lookupByClientOrderId(deps.rest, command.clientOrderId);
    if (found.kind === 'found') {
      log.info('order found by client_order_id after a failed submission: accepted without posting again', { attempt: attempt + 1 });
      return { kind: 'accepted', report: found.report };
    }
    if (found.kind === 'failed' && landed) return ambiguous(log, `${describeFailure(f)}; lookup by client_order_id failed: ${describeFailure(found.failure)}`);
    if (attempt === SUBMIT_RETRIES) return landed ? ambiguous(log, `${describeFailure(f)} after ${attempt + 1} attempts; not found by client_order_id`) : rejectedAfterThrottling(f);
  }
}

/** A definitive 4xx. After an earlier attempt that may have landed, a 4xx can be caused by that order, so look once more. */
async function settleDefinitive(deps: SubmitDeps, command: SubmitOrderCommand, f: Extract<RestFailure, { kind: 'http' }>, afterPossibleLanding: boolean): Promise<SubmitOutcome> {
  const duplicate = isDuplicateClientOrderId(f);
  if (!afterPossibleLanding) return duplicate ? { kind: 'duplicate', message: f.message } : rejected(f);
  const found = await lookupByClientOrderId(deps.rest, command.clientOrderId);
  if (found.kind === 'found') return { kind: 'accepted', report: found.report };
  if (duplicate) return { kind: 'duplicate', message: f.message };
  return found.kind === 'failed' ? { kind: 'ambiguous', message: `${describeFailure(f)} after an earlier attempt that may have landed; lookup failed: ${describeFailure(found.failure)}` } : rejected(f);
}

function ambiguous(log: Logger, message: string): SubmitOutcome {
  log.error('order submission is ambiguous: it may have landed; resolve it by client_order_id', { error: message });
  return { kind: 'ambiguous', message };
}

function rejectedAfterThrottling(f: RestFailure): SubmitOutcome {
  // Only 429s (answered before processing) reach here: nothing landed.
  return f.kind === 'http' ? rejected(f) : { kind: 'ambiguous', message: describeFailure(f) };
}
