// Alpaca's REST rate limit as the client sees it: N requests per minute per key, fixed one-minute windows,
// `X-RateLimit-Limit/Remaining/Reset` (unix seconds) on every response and 429 + `Retry-After` beyond it
// (PROTOCOL §2). Runs on wall-clock time: the client's retry timers are real. Must never: block a request
// when the limit is 0 (off).

/** The verdict for one request plus the headers to send with its response. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  readonly #limit: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  /** @param limit requests per minute per key; 0 turns limiting off (headers still report it as 0). */
  constructor(limit: number, now: () => number = Date.now) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`rate limit must be an integer >= 0 (0 = off), got ${String(limit)}`);
    this.#limit = limit;
    this.#now = now;
  }

  /** Counts one request for `key` and says whether it may proceed. */
  take(key: string): RateDecision {
    const now = this.#now();
    const window = this.#window(key, now);
    const resetSec = Math.ceil((window.start + WINDOW_MS) / 1000);
    if (this.#limit === 0) return { allowed: true, headers: headers(0, 0, resetSec) };
    window.count += 1;
    const allowed = window.count <= this.#limit;
    const remaining = Math.max(0, this.#limit - window.count);
    const base = headers(this.#limit, remaining, resetSec);
    if (allowed) return { allowed, headers: base };
    const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    return { allowed, headers: { ...base, 'Retry-After': String(retryAfter) } };
  }

  /** The headers for a response that was not counted (e.g. a 401). */
  peek(key: string): Readonly<Record<string, string>> {
    const now = this.#now();
    const window = this.#windows.get(key);
    const start = window && now - window.start < WINDOW_MS ? window.start : now;
    const used = window && now - window.start < WINDOW_MS ? window.count : 0;
    return headers(this.#limit, Math.max(0, this.#limit - used), Math.ceil((start + WINDOW_MS) / 1000));
  }

  #window(key: string, now: number): Window {
    let window = this.#windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }
}

function headers(limit: number, remaining: number, resetSec: number): Record<string, string> {
  return { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(resetSec) };
}
