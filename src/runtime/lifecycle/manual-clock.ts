// A Clock that a test (or a stepped simulation) moves by hand, so supervisor back-offs, shutdown timeouts and
// daily schedules run instantly and deterministically. Must never: be wired into a live run, or move time
// backwards.
import type { Clock } from '../../ports/clock.js';

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** Lets pending promise chains run (one macrotask turn drains every queued microtask). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A manual clock: `sleep` resolves only when `advance` moves time to or past its deadline. */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];

  /** @param start epoch ms; default 2025-03-10 14:30Z. */
  constructor(start = Date.UTC(2025, 2, 10, 14, 30)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#sleepers.push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve });
    });
  }

  /** How many sleeps are waiting. */
  get pending(): number {
    return this.#sleepers.length;
  }

  /** The earliest pending deadline, if any. */
  nextDeadline(): number | undefined {
    return this.#sleepers.reduce<number | undefined>((min, s) => (min === undefined || s.at < min ? s.at : min), undefined);
  }

  /**
   * Moves time forward by `ms`, waking sleepers in deadline order (time stops at each deadline and the woken
   * code runs before the next one), then lets the last woken code run.
   * @throws RangeError when `ms` is negative or not finite
   */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${String(ms)}`);
    const target = this.#now + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.#earliestDue(target);
      if (next === undefined) break;
      this.#sleepers = this.#sleepers.filter((s) => s !== next);
      this.#now = next.at;
      next.resolve();
      await flushMicrotasks();
    }
    this.#now = target;
    await flushMicrotasks();
  }

  #earliestDue(target: number): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.#sleepers) {
      if (s.at > target) continue;
      if (best === undefined || s.at < best.at || (s.at === best.at && s.seq < best.seq)) best = s;
    }
    return best;
  }
}
