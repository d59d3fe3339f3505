// The wall clock for live-like runs: real time and real timers. Must never be used inside src/core (the engine
// takes time from the Clock port); runtime code picks it in the composition root.
import type { Clock } from '../../ports/clock.js';

/** Date.now() and setTimeout. A sleep does not keep the process alive on its own (unref'd timer). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, Math.max(0, ms)).unref();
    }),
};
