// Account and positions reads under SPEC §7: transient failures are retried twice, `retryDelayMs` apart; then
// the last value read successfully is returned with a WARNING naming its age. With no such value the read
// throws BrokerUnavailableError (retry later). Credentials and request errors throw at once.
// Must never: serve a cached value silently, or cache a value that failed to map.
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import { BrokerUnavailableError } from './execution-errors.js';
import { readError } from './order-lookup.js';
import { describeFailure, isTransient, retryDelayFor, type RestFailure, type RetryTiming } from './rest-failure.js';
import type { RestResult } from './rest-failure.js';

/** Retries after the first transient failure (SPEC §7: 2×). */
export const READ_RETRIES = 2;

export interface CachedReadDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: RetryTiming;
}

/** One value read from the broker with SPEC §7's fallback to the last good value. */
export class CachedRead<T> {
  readonly #what: string;
  readonly #fetch: () => Promise<RestResult>;
  readonly #map: (body: unknown) => T;
  readonly #deps: CachedReadDeps;
  #cached: { readonly value: T; readonly at: number } | undefined;

  constructor(what: string, fetch: () => Promise<RestResult>, map: (body: unknown) => T, deps: CachedReadDeps) {
    this.#what = what;
    this.#fetch = fetch;
    this.#map = map;
    this.#deps = deps;
  }

  /** The value now, or the cached one after 3 transient failures. @throws BrokerUnavailableError, BrokerAuthError, BrokerRequestError */
  async read(): Promise<T> {
    let last: RestFailure | undefined;
    for (let attempt = 0; attempt <= READ_RETRIES; attempt++) {
      if (last) await this.#deps.clock.sleep(retryDelayFor(last, this.#deps.timing));
      const result = await this.#fetch();
      if (result.ok) {
        const value = this.#map(result.body);
        this.#cached = { value, at: this.#deps.clock.now() };
        return value;
      }
      if (!isTransient(result.failure)) throw readError(this.#what, result.failure);
      last = result.failure;
    }
    return this.#fallback(last);
  }

  #fallback(last: RestFailure | undefined): T {
    const error = last ? describeFailure(last) : 'unknown';
    if (this.#cached === undefined) throw new BrokerUnavailableError(`${this.#what} failed ${READ_RETRIES + 1} times (${error}) and there is no earlier value to fall back on`);
    const ageMs = this.#deps.clock.now() - this.#cached.at;
    this.#deps.logger.warn(`${this.#what} failed ${READ_RETRIES + 1} times; using the last value read ${Math.round(ageMs / 1000)} s ago`, {
      error, cached_at: new Date(this.#cached.at).toISOString(), age_ms: ageMs,
    });
    return this.#cached.value;
  }
}
