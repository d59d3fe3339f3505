// Clocks of the live-like runtime: the wall clock in paper/live, the embedded exchange's virtual clock in sim.
import type { Clock } from '../../ports/clock.js';

export interface VirtualTime {
  now(): number;
  /** Real milliseconds until virtual time `t` (Infinity while paused or at speed max). */
  realDelayUntil(t: number): number;
}

const POLL_MS = 25;

/** A Clock over the exchange's virtual time: sleeps end when virtual time has passed, however fast it runs. */
export function virtualClock(time: VirtualTime): Clock {
  return {
    now: () => time.now(),
    sleep: async (ms: number) => {
      const target = time.now() + ms;
      while (time.now() < target) {
        const wait = Math.min(Math.max(time.realDelayUntil(target), 1), POLL_MS);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
}
