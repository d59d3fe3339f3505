// Knows whether the server is busy: REST requests in flight, the wall time of the last REST activity, and
// WebSocket frames handed to `ws` but not yet written to the socket. The speed-max barrier asks it to wait
// until everything is flushed and REST has been quiet for a while (see sim-exchange.ts for why).
// Must never: wait forever on a socket that died (a closed socket's pending sends are settled by `ws`).

export class ActivityTracker {
  #inFlight = 0;
  #pendingFrames = 0;
  #lastActivity = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** A REST request arrived; call the returned function once its response is finished. */
  requestStarted(): () => void {
    this.#inFlight += 1;
    this.#lastActivity = this.#now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#inFlight -= 1;
      this.#lastActivity = this.#now();
    };
  }

  /** A frame was queued on a socket; call the returned function from the send callback. */
  frameQueued(): () => void {
    this.#pendingFrames += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#pendingFrames -= 1;
      // The client only starts reacting once the frame is out: the quiet period counts from here.
      this.#lastActivity = this.#now();
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get pendingFrames(): number {
    return this.#pendingFrames;
  }

  /**
   * Resolves once no frame is pending, no request is in flight and nothing (request start/end, frame
   * flushed) has happened for `quietMs` (wall time). Polls every `pollMs`; gives up after `maxWaitMs` so a stuck client cannot
   * freeze the market (the market then simply moves on).
   */
  async waitQuiet(quietMs: number, maxWaitMs = 5_000, pollMs = 2): Promise<void> {
    const start = this.#now();
    for (;;) {
      const now = this.#now();
      const idle = this.#inFlight === 0 && this.#pendingFrames === 0 && now - this.#lastActivity >= quietMs;
      if (idle || now - start >= maxWaitMs) return;
      await sleep(this.#pendingFrames > 0 || this.#inFlight > 0 ? pollMs : Math.max(pollMs, quietMs - (now - this.#lastActivity)));
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
