// A fixed-capacity ring of the most recent candles of one instance: `lookback` of them go to decide, and all
// of them are replayed into a rebuilt instance when its strategy file is reloaded.
// Must never: grow without bound or hand out its mutable storage.
import type { Bar } from '../../domain/bar.js';

export class CandleRing {
  readonly #items: (Bar | undefined)[];
  #start = 0;
  #size = 0;

  /** @param capacity at least 1 */
  constructor(capacity: number) {
    this.#items = new Array<Bar | undefined>(Math.max(1, Math.floor(capacity)));
  }

  get size(): number {
    return this.#size;
  }

  get capacity(): number {
    return this.#items.length;
  }

  push(bar: Bar): void {
    const cap = this.#items.length;
    if (this.#size < cap) {
      this.#items[(this.#start + this.#size) % cap] = bar;
      this.#size++;
      return;
    }
    this.#items[this.#start] = bar;
    this.#start = (this.#start + 1) % cap;
  }

  /** The last `count` candles (all when larger), oldest first, as a frozen array. */
  last(count: number): readonly Bar[] {
    const n = Math.min(Math.max(0, count), this.#size);
    const out: Bar[] = [];
    for (let i = this.#size - n; i < this.#size; i++) {
      const bar = this.#items[(this.#start + i) % this.#items.length];
      if (bar !== undefined) out.push(bar);
    }
    return Object.freeze(out);
  }
}
