// Listener sets for the feeds' bars and status events. A listener that throws is logged and skipped: it can
// never break a socket, a backfill or the other listeners. Must never: let a listener exception escape.
import type { Logger } from '../../../ports/logger.js';

/** A set of listeners called in registration order, each guarded. */
export class ListenerSet<T> {
  readonly #listeners = new Set<(value: T) => void>();
  readonly #logger: Logger;
  readonly #what: string;

  constructor(logger: Logger, what: string) {
    this.#logger = logger;
    this.#what = what;
  }

  /** Adds a listener; returns the function that removes it. */
  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  /** Calls every listener with `value`; a throwing listener is logged at ERROR and the rest still run. */
  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.#logger.error(`${this.#what} listener threw; it was skipped`, { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
