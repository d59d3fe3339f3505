// Fan-out of trade_updates events (PROTOCOL §6) to subscribers (the server's /stream, the backtest adapter).
// Exists so a throwing listener can never break matching: each call is isolated and its error reported.
// Must never: let a listener's exception escape, or skip the remaining listeners after one fails.
import type { AlpacaTradeUpdate } from '../contracts.js';

export type TradeUpdateListener = (update: AlpacaTradeUpdate) => void;

export class TradeUpdateBus {
  readonly #listeners = new Set<TradeUpdateListener>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  /** True when someone listens (lets callers skip building payloads). */
  get active(): boolean {
    return this.#listeners.size > 0;
  }

  subscribe(listener: TradeUpdateListener): () => void {
    const wrapped: TradeUpdateListener = (u) => {
      listener(u);
    };
    this.#listeners.add(wrapped);
    return () => {
      this.#listeners.delete(wrapped);
    };
  }

  publish(update: AlpacaTradeUpdate): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(update);
      } catch (error) {
        try {
          this.#onError(error);
        } catch {
          // the error reporter itself failed: nothing more can be done without breaking matching
        }
      }
    }
  }
}
