// Cancelling one order under SPEC §7: transient failures are retried 3 times, `retryDelayMs` apart; then the
// order's status decides (canceled/pending_cancel → accepted, another final state → not_cancelable, still
// open or unreadable → ambiguous). A 422 ("no longer cancelable") after an earlier attempt that may have
// landed is also settled by the status, because our own earlier cancel may be why it is no longer cancelable.
// Must never: report a cancel as accepted without a 204 or a status that shows it.
import type { Clock } from '../../../ports/clock.js';
import type { CancelOutcome } from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { mapOrder } from './execution-mapper.js';
import { readError } from './order-lookup.js';
import { describeFailure, isTransient, mayHaveLanded, retryDelayFor, type RestFailure, type RetryTiming } from './rest-failure.js';
import type { TradingRest } from './trading-rest.js';

/** Retries after the first transient failure (SPEC §7: 3×). */
export const CANCEL_RETRIES = 3;

const DONE = new Set(['filled', 'expired', 'rejected', 'replaced', 'done_for_day', 'stopped', 'calculated']);

export interface CancelDeps {
  readonly rest: Pick<TradingRest, 'cancelOrder' | 'getOrder'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: RetryTiming;
}

/** Cancels `orderId`; see the module header. @throws BrokerAuthError on 401/403 */
export async function cancelOrder(deps: CancelDeps, orderId: string): Promise<CancelOutcome> {
  const log = deps.logger.child({ broker_order_id: orderId });
  let landed = false;
  for (let attempt = 0; ; attempt++) {
    const result = await deps.rest.cancelOrder(orderId);
    if (result.ok) return { kind: 'accepted' };
    const f = result.failure;
    if (f.kind === 'http' && f.status === 404) return { kind: 'not_found' };
    if (f.kind === 'http' && f.status === 422) return landed ? confirmByStatus(deps, orderId, log) : { kind: 'not_cancelable', message: f.message };
    if (!isTransient(f)) throw readError(`cancel of order ${orderId}`, f);
    landed ||= mayHaveLanded(f);
    log.warn('order cancel failed', { attempt: attempt + 1, error: describeFailure(f) });
    await deps.clock.sleep(retryDelayFor(f, deps.timing));
    if (attempt === CANCEL_RETRIES) return confirmByStatus(deps, orderId, log, f);
  }
}

/** Reads the order and reports what its status says about the cancel. */
async function confirmByStatus(deps: CancelDeps, orderId: string, log: Logger, last?: RestFailure): Promise<CancelOutcome> {
  const result = await deps.rest.getOrder(orderId, false);
  const why = last ? `cancel failed (${describeFailure(last)})` : 'cancel answered 422 after an earlier attempt';
  if (!result.ok) {
    if (result.failure.kind === 'http' && result.failure.status === 404) return { kind: 'not_found' };
    log.error('cancel not confirmed: order status unreadable', { error: describeFailure(result.failure) });
    return { kind: 'ambiguous', message: `${why}; status check failed: ${describeFailure(result.failure)}` };
  }
  const status = mapOrder(result.body).status;
  log.info('cancel settled by order status', { status });
  if (status === 'canceled' || status === 'pending_cancel') return { kind: 'accepted' };
  if (DONE.has(status)) return { kind: 'not_cancelable', message: `order is ${status}` };
  return { kind: 'ambiguous', message: `${why}; order is still ${status}` };
}
