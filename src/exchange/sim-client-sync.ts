// The exact form of the speed-max barrier (ADR 0004): a client that processes the market in lock-step (the bot)
// acknowledges, through the admin API, that it has finished reacting to everything the exchange published up to a
// virtual time T (its orders are in and answered). Once a client has acknowledged anything, the barrier at boundary
// T waits for that acknowledgement instead of guessing from a quiet period — so a client that is slow to react
// (a cold start, a loaded machine) still gets its orders matched on the next bar, exactly as in a backtest.
// Must never: wait forever (a client that stops acknowledging only slows the market to `maxWaitMs` per minute, and
// the composition root drops the sync when no market-data client is connected), or let time go backwards.

/** Acknowledgements of a synchronising client. */
export class ClientSync {
  #acked = Number.NEGATIVE_INFINITY;
  #active = false;
  readonly #waiters = new Set<() => void>();

  /** Whether a client has acknowledged since the last reset (the barrier then waits for acknowledgements). */
  get active(): boolean {
    return this.#active;
  }

  /** The latest virtual time acknowledged (−∞ before any). */
  get ackedThrough(): number {
    return this.#acked;
  }

  /** A client has processed everything published up to `t` (epoch ms). Older acknowledgements change nothing. */
  ack(t: number): void {
    this.#active = true;
    if (t <= this.#acked) return;
    this.#acked = t;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Forgets the client (it disconnected): the barrier goes back to the quiet-period heuristic. */
  reset(): void {
    this.#active = false;
    this.#acked = Number.NEGATIVE_INFINITY;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Resolves true once `t` is acknowledged, false after `maxWaitMs` wall ms or on reset. */
  waitFor(t: number, maxWaitMs: number): Promise<boolean> {
    if (this.#acked >= t) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        if (this.#acked < t && this.#active) return;
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve(this.#acked >= t);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(done);
        resolve(this.#acked >= t);
      }, maxWaitMs);
      this.#waiters.add(done);
    });
  }
}

/** Reads the `time` of an acknowledgement: epoch ms or an ISO-8601 instant. @returns the time, or a message naming the problem */
export function ackTime(body: unknown): number | string {
  const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)['time'] : undefined;
  const t = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isSafeInteger(t) ? t : `time: must be epoch milliseconds or an ISO-8601 instant like 2025-03-04T15:01:00Z, got ${JSON.stringify(raw)}`;
}
