// The configuration a running bot is using right now. Readers (risk limits, the kill-switch check, the strategy
// set-up) call current() each time instead of keeping a copy, so a reload or a dashboard override takes effect
// without a restart. Only the config reloader replaces it, with a whole validated configuration at once.
// Must never hold a half-applied configuration: replace() takes a complete, frozen LoadedConfig.
import type { LoadedConfig } from '../../config/index.js';

export class LiveConfig {
  #current: LoadedConfig;

  constructor(initial: LoadedConfig) {
    this.#current = initial;
  }

  /** The configuration in force (frozen). */
  current(): LoadedConfig {
    return this.#current;
  }

  /** Puts a new, fully validated configuration in force. */
  replace(next: LoadedConfig): void {
    this.#current = next;
  }
}
