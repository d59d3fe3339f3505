// The reconnect rules of SPEC §4 / S3 in one place, as pure functions and defaults: exponential backoff with
// jitter capped at 60 s, a watchdog that calls a stream stalled after 30 s of silence in market hours, and the
// count of consecutive failures that trips the failure breaker. The feeds call these; tests pin them.
// Must never: return a delay above the cap, or call a closed market stalled.
import { isOpen } from '../../../domain/calendar/index.js';

/** Timing parameters of a feed; every one is injectable so tests run in milliseconds. */
export interface ReconnectPolicy {
  /** First backoff delay. Default 1 000 ms. */
  readonly baseDelayMs: number;
  /** No delay exceeds this. Default 60 000 ms. */
  readonly maxDelayMs: number;
  /** Fraction of the delay randomised away (delay ∈ [(1−j)·d, d]). Default 0.5. */
  readonly jitter: number;
  /** Silence after a bar was due that counts as a stall (market hours only). Default 30 000 ms. */
  readonly watchdogMs: number;
  /** Consecutive failed connection attempts that emit `reconnect_failures` (and again at each multiple). Default 10. */
  readonly maxFailures: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = Object.freeze({
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  jitter: 0.5,
  watchdogMs: 30_000,
  maxFailures: 10,
});

/** Merges overrides into the defaults. @throws RangeError naming the bad field, its value and the allowed range */
export function reconnectPolicy(overrides: Partial<ReconnectPolicy> = {}): ReconnectPolicy {
  const policy = { ...DEFAULT_RECONNECT_POLICY, ...overrides };
  const positive = (key: keyof ReconnectPolicy): void => {
    const value = policy[key];
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`reconnect policy ${key} must be a number > 0, got ${String(value)}`);
  };
  (['baseDelayMs', 'maxDelayMs', 'watchdogMs', 'maxFailures'] as const).forEach(positive);
  if (!Number.isInteger(policy.maxFailures)) throw new RangeError(`reconnect policy maxFailures must be an integer >= 1, got ${policy.maxFailures}`);
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) throw new RangeError(`reconnect policy jitter must be in [0, 1], got ${String(policy.jitter)}`);
  if (policy.baseDelayMs > policy.maxDelayMs) throw new RangeError(`reconnect policy baseDelayMs (${policy.baseDelayMs}) must not exceed maxDelayMs (${policy.maxDelayMs})`);
  return Object.freeze(policy);
}

/**
 * Delay before reconnect attempt `attempt` (1-based): `min(cap, base·2^(attempt−1))`, minus up to `jitter` of
 * it at random. `random` returns [0, 1). Never above `maxDelayMs`, never below `(1−jitter)·` the capped delay.
 */
export function backoffDelay(attempt: number, policy: Pick<ReconnectPolicy, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped * (1 - policy.jitter * r));
}

/** Whether a failure count emits the breaker event: at the limit and at each multiple of it. */
export function isBreakerCount(consecutive: number, maxFailures: number): boolean {
  return consecutive > 0 && consecutive % maxFailures === 0;
}

const MINUTE_MS = 60_000;

/**
 * The stall rule. Minute bars arrive once a minute, right after each minute mark, so 60 s between messages
 * is normal; a stream is stalled when a bar was due (the first minute mark after the last message) and
 * nothing has arrived for `watchdogMs` since, while the market is open (NYSE regular hours, SPEC S6) and was
 * open when the overdue bar's minute began.
 * @returns the silence in ms when stalled, otherwise undefined
 */
/** Tolerated skew of a bar's receive time before its minute mark. */
const MARK_SKEW_MS = 10_000;

export function stallSilence(now: number, lastMessageAt: number, watchdogMs: number, marketOpen: (t: number) => boolean = isOpen): number | undefined {
  // A bar goes out right after its minute mark; a receive time a few seconds *before* the mark (clock skew between
  // the bot and the venue, e.g. a virtual clock read over HTTP) still belongs to that mark.
  const due = Math.floor((lastMessageAt + MARK_SKEW_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const since = Math.max(due, lastMessageAt);
  if (now - since < watchdogMs) return undefined;
  // Open now, and already open when the overdue bar's minute started (no stall at 09:30:30: the first bar is due at 09:31).
  if (!marketOpen(now) || !marketOpen(now - watchdogMs - MINUTE_MS)) return undefined;
  return now - lastMessageAt;
}
