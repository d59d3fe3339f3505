// Sends one already-written intent and turns the broker's answer into states (DESIGN §3.7, four outcomes):
// accepted → SUBMITTED/ACCEPTED with the broker id; rejected (4xx) → REJECTED and a breaker failure;
// duplicate (422 40010001) → "already there": look it up and adopt it; ambiguous (timeout, 5xx, thrown) →
// stays in flight and is resolved ONLY by looking it up by client_order_id; not found after the lookup policy
// → SUBMIT_FAILED (a breaker failure). A success resets the breaker's consecutive count.
// Must never: send an intent that is not PENDING_SUBMIT in the store, or post the same id a second time.
import type { ClientOrderId } from '../../domain/ids.js';
import type { Clock } from '../../ports/clock.js';
import type { ExecutionClient, OrderReport, SubmitOrderCommand } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';
import type { OrderLedger } from './order-ledger.js';
import type { LookupPolicy, SubmitResult } from './order-manager-types.js';
import { syncFromReport, type SyncedFill } from './report-sync.js';

export interface SubmitterDeps {
  readonly ledger: OrderLedger;
  readonly client: Pick<ExecutionClient, 'submit' | 'getByClientOrderId'>;
  readonly breaker: Store['breaker'];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly lookup: LookupPolicy;
  readonly breakerLimit: number;
}

/** A submission's result plus any fills learned from an adopted report (the caller routes them). */
export interface SubmitOutcomeWithFills {
  readonly result: SubmitResult;
  readonly fills: readonly SyncedFill[];
}

export class OrderSubmitter {
  readonly #d: SubmitterDeps;

  constructor(deps: SubmitterDeps) {
    this.#d = deps;
  }

  /** Sends `command` for the PENDING_SUBMIT intent of the same client_order_id. */
  async send(command: SubmitOrderCommand): Promise<SubmitOutcomeWithFills> {
    const cid = command.clientOrderId;
    const stored = this.#d.ledger.get(cid);
    if (stored?.state !== 'PENDING_SUBMIT') throw new Error(`refusing to send ${cid}: the intent must be stored PENDING_SUBMIT first (found ${stored?.state ?? 'nothing'})`);
    let outcome;
    try {
      outcome = await this.#d.client.submit(command);
    } catch (error) {
      outcome = { kind: 'ambiguous', message: error instanceof Error ? error.message : String(error) } as const;
    }
    switch (outcome.kind) {
      case 'accepted':
        return this.#adopt(cid, outcome.report, 'rest');
      case 'rejected':
        return this.#reject(cid, `broker rejected (${outcome.status}${outcome.code === null ? '' : ` ${outcome.code}`}): ${outcome.message}`);
      case 'duplicate':
        this.#d.logger.warn('broker already has this client_order_id: looking it up', { client_order_id: cid, message: outcome.message });
        return this.resolve(cid, `duplicate: ${outcome.message}`);
      case 'ambiguous':
        this.#d.logger.warn('submission ambiguous: looking it up by client_order_id, never re-posting', { client_order_id: cid, message: outcome.message });
        return this.resolve(cid, outcome.message);
    }
  }

  /**
   * Looks an in-flight intent up by client_order_id per the lookup policy: found → adopted; not found every
   * time → SUBMIT_FAILED (counted); every lookup failed → left PENDING_SUBMIT for reconciliation (counted).
   */
  async resolve(cid: ClientOrderId, why: string): Promise<SubmitOutcomeWithFills> {
    let lookupsFailed = 0;
    for (let attempt = 1; attempt <= this.#d.lookup.attempts; attempt++) {
      this.#d.ledger.noteAttempt(cid, why);
      await this.#d.clock.sleep(this.#d.lookup.delayMs);
      try {
        const report = await this.#d.client.getByClientOrderId(cid);
        if (report !== undefined) return this.#adopt(cid, report, 'lookup');
      } catch (error) {
        lookupsFailed++;
        this.#d.logger.warn('lookup by client_order_id failed', { client_order_id: cid, attempt, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (lookupsFailed === this.#d.lookup.attempts) {
      this.#failure(cid, `lookups failed: ${why}`);
      return { result: { kind: 'unresolved', clientOrderId: cid, reason: why }, fills: [] };
    }
    const reason = `not found by client_order_id after ${this.#d.lookup.attempts} lookups (${why})`;
    this.#d.ledger.apply(cid, { type: 'submit_failed', reason }, { at: this.#d.clock.now(), source: 'lookup' });
    const tripped = this.#failure(cid, reason);
    this.#d.logger.error('order submit failed', { client_order_id: cid, reason });
    return { result: { kind: 'submit_failed', clientOrderId: cid, reason, breakerTripped: tripped }, fills: [] };
  }

  #adopt(cid: ClientOrderId, report: OrderReport, source: 'rest' | 'lookup'): SubmitOutcomeWithFills {
    const at = this.#d.clock.now();
    this.#d.ledger.apply(cid, { type: 'submitted' }, { at, source, detail: { broker_order_id: report.brokerOrderId } });
    const synced = syncFromReport(this.#d.ledger, cid, report, { at, source });
    this.#d.breaker.recordOrderSuccess();
    this.#d.logger.info('order accepted by the broker', { client_order_id: cid, broker_order_id: report.brokerOrderId, status: report.status, state: synced.record.state });
    return { result: { kind: 'accepted', clientOrderId: cid, state: synced.record.state }, fills: synced.fill ? [synced.fill] : [] };
  }

  #reject(cid: ClientOrderId, reason: string): SubmitOutcomeWithFills {
    this.#d.ledger.apply(cid, { type: 'rejected', reason }, { at: this.#d.clock.now(), source: 'rest' });
    const tripped = this.#failure(cid, reason);
    this.#d.logger.error('order rejected', { client_order_id: cid, reason });
    return { result: { kind: 'rejected', clientOrderId: cid, reason, breakerTripped: tripped }, fills: [] };
  }

  /** Counts a failure (SPEC S3); returns whether this one tripped the breaker. */
  #failure(cid: ClientOrderId, reason: string): boolean {
    const change = this.#d.breaker.recordOrderFailure(`${cid}: ${reason}`, this.#d.breakerLimit);
    if (change.trippedNow) this.#d.logger.critical('failure circuit breaker tripped: trading halts until a person resets it', { reason: change.state.reason, consecutive: change.state.consecutiveOrderFailures });
    return change.trippedNow;
  }
}
