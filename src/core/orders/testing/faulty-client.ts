// Test double that wraps an execution client to inject the faults of a crash test: a "crash" is a call that
// never answers (the process died there: nothing after it runs), and an "ambiguous" submit is one whose answer
// is lost (the order may or may not have reached the venue). Tests only.
// Must never: change what reaches the venue except as the armed fault says, or fire a fault twice.
import type { BrokerOrderId, ClientOrderId } from '../../../domain/ids.js';
import type { CancelOutcome, ExecutionClient, OrderReport, SubmitOrderCommand, SubmitOutcome } from '../../../ports/execution-client.js';

/**
 * Where the next fault strikes:
 * - `crash_before_cancel`: the next cancel never reaches the venue, and never answers.
 * - `crash_after_cancel`: the next cancel reaches the venue; the status lookup that follows never answers.
 * - `crash_before_submit`: the next submit never reaches the venue, and never answers.
 * - `crash_after_submit`: the next submit reaches the venue; its answer never comes.
 * - `ambiguous_lost`: the next submit does not reach the venue and answers `ambiguous`.
 * - `ambiguous_landed`: the next submit reaches the venue and answers `ambiguous`.
 * - `lookups_fail`: the next submit reaches the venue and answers `ambiguous`; every lookup then throws.
 */
export type Fault = 'crash_before_cancel' | 'crash_after_cancel' | 'crash_before_submit' | 'crash_after_submit' | 'ambiguous_lost' | 'ambiguous_landed' | 'lookups_fail';

type Inner = Pick<ExecutionClient, 'submit' | 'cancel' | 'getByClientOrderId'>;

export class FaultyClient {
  readonly #inner: Inner;
  #armed: Fault | undefined;
  #lookupsFail = false;
  #crashOnLookup = false;
  #crashed: () => void = () => undefined;
  /** Resolves when an armed crash has struck (the caller then "restarts"). */
  crashed: Promise<void> = Promise.resolve();

  constructor(inner: Inner) {
    this.#inner = inner;
  }

  /** Arms one fault for the next matching call. */
  arm(fault: Fault): void {
    this.#armed = fault;
    this.crashed = new Promise((resolve) => { this.#crashed = resolve; });
  }

  submit(command: SubmitOrderCommand): Promise<SubmitOutcome> {
    const fault = this.#take(['crash_before_submit', 'crash_after_submit', 'ambiguous_lost', 'ambiguous_landed', 'lookups_fail']);
    if (fault === undefined) return this.#inner.submit(command);
    if (fault === 'crash_before_submit') return this.#die();
    if (fault === 'ambiguous_lost') return Promise.resolve({ kind: 'ambiguous', message: 'timeout (injected)' });
    return this.#inner.submit(command).then(() => {
      if (fault === 'crash_after_submit') return this.#die();
      if (fault === 'lookups_fail') this.#lookupsFail = true;
      return { kind: 'ambiguous', message: '503 (injected)' } as const;
    });
  }

  cancel(id: BrokerOrderId): Promise<CancelOutcome> {
    const fault = this.#take(['crash_before_cancel', 'crash_after_cancel']);
    if (fault === 'crash_before_cancel') return this.#die();
    if (fault === 'crash_after_cancel') this.#crashOnLookup = true;
    return this.#inner.cancel(id);
  }

  getByClientOrderId(cid: ClientOrderId): Promise<OrderReport | undefined> {
    if (this.#crashOnLookup) {
      this.#crashOnLookup = false;
      return this.#die();
    }
    if (this.#lookupsFail) return Promise.reject(new Error('lookup failed (injected)'));
    return this.#inner.getByClientOrderId(cid);
  }

  #take(kinds: readonly Fault[]): Fault | undefined {
    const fault = this.#armed;
    if (fault === undefined || !kinds.includes(fault)) return undefined;
    this.#armed = undefined;
    return fault;
  }

  #die<T>(): Promise<T> {
    this.#crashed();
    return new Promise<T>(() => undefined);
  }
}
