// Sleeping on the Clock port that ends early when the task is asked to stop. Exists because Clock.sleep cannot be
// cancelled; must never leave an abort listener behind after the sleep ends.
import type { Clock } from '../../ports/clock.js';

/** Resolves after `ms` of `clock` time, or at once when `signal` aborts (it never rejects). */
export function abortableSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    void clock.sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** The message of an error, or its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
