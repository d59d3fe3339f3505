// Real-time scheduling for the feeds, behind a small interface so unit tests drive time by hand.
// Market time (bar stamps, the watchdog's silence, market hours) comes from the Clock port instead; these
// timers only pace retries and checks. Must never: let the periodic check alone keep the process alive.

/** Waits and periodic checks in real (wall) time. */
export interface FeedTimers {
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

/** setTimeout (kept alive) and setInterval (unref'd). */
export const REAL_TIMERS: FeedTimers = {
  sleep(ms, signal) {
    return new Promise((resolve) => {
      if (signal?.aborted === true) { resolve(); return; }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms)); // not unref'd: a pending reconnect must keep the process alive
      signal?.addEventListener('abort', done, { once: true });
    });
  },
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => { clearInterval(timer); };
  },
};

/** Start of the minute containing `t`. */
export function floorMinute(t: number): number {
  return Math.floor(t / 60_000) * 60_000;
}
