// The equity curve of a run, recorded at every minute boundary into growable typed arrays (a 500k-bar run keeps
// ~12 MB, not 500k objects). Must never: allocate per point beyond the occasional doubling.
import type { EquitySeries } from './backtest-types.js';

export class EquityRecorder {
  #t = new Float64Array(1024);
  #equity = new Float64Array(1024);
  #invested = new Uint8Array(1024);
  #n = 0;

  record(t: number, equity: number, invested: boolean): void {
    if (this.#n === this.#t.length) this.#grow();
    this.#t[this.#n] = t;
    this.#equity[this.#n] = equity;
    this.#invested[this.#n] = invested ? 1 : 0;
    this.#n++;
  }

  /** Replaces the last point's equity (the end-of-run valuation or liquidation). */
  amendLast(equity: number): void {
    if (this.#n > 0) this.#equity[this.#n - 1] = equity;
  }

  get length(): number {
    return this.#n;
  }

  series(): EquitySeries {
    return { t: this.#t.slice(0, this.#n), equity: this.#equity.slice(0, this.#n), invested: this.#invested.slice(0, this.#n) };
  }

  #grow(): void {
    const size = this.#t.length * 2;
    const t = new Float64Array(size); t.set(this.#t); this.#t = t;
    const e = new Float64Array(size); e.set(this.#equity); this.#equity = e;
    const i = new Uint8Array(size); i.set(this.#invested); this.#invested = i;
  }
}
