// One event processor (SPEC §10): bars, clock ticks, trade updates and reconciliations run one at a time, in
// arrival order, so the engine never sees two events interleaved. Stream listeners only enqueue.
// Must never: drop a task silently; a failed task is reported and the queue goes on.

export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;
  readonly #onError: (error: unknown, label: string) => void;

  constructor(onError: (error: unknown, label: string) => void) {
    this.#onError = onError;
  }

  /** Tasks waiting or running. */
  get pending(): number {
    return this.#pending;
  }

  push(label: string, task: () => Promise<void> | void): Promise<void> {
    this.#pending += 1;
    const run = async (): Promise<void> => {
      try {
        await task();
      } catch (error) {
        this.#onError(error, label);
      } finally {
        this.#pending -= 1;
      }
    };
    this.#tail = this.#tail.then(run);
    return this.#tail;
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.#tail;
  }
}
