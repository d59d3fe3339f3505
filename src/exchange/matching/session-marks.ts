// End-of-session bookkeeping of the account: `last_equity` (equity at the previous close) and `balance_asof`.
// Exists so the account shows Alpaca's day-over-day figures without the venue scanning anything per bar:
// one numeric comparison per processTime until the next close.
// Must never: throw from the constructor (the calendar is consulted lazily, on the first processTime).
import type { Decimal } from '../../domain/decimal.js';
import type { VenueCore } from '../orders/venue-core.js';

export class SessionMarks {
  readonly #core: VenueCore;
  #lastEquity: Decimal;
  #balanceAsOf: string;
  #nextClose: number | undefined;

  constructor(core: VenueCore, startingCash: Decimal, createdAt: number) {
    this.#core = core;
    this.#lastEquity = startingCash;
    this.#balanceAsOf = new Date(createdAt).toISOString().slice(0, 10);
  }

  get lastEquity(): Decimal {
    return this.#lastEquity;
  }
  get balanceAsOf(): string {
    return this.#balanceAsOf;
  }

  /** Records the equity at each regular close that `t` has passed. */
  processTime(t: number): void {
    const hours = this.#core.hours;
    this.#nextClose ??= hours.nextSession(t, (s) => s.close).close;
    if (t < this.#nextClose) return;
    this.#lastEquity = this.#core.valuation().equity;
    this.#balanceAsOf = hours.day(this.#nextClose - 1).date;
    this.#nextClose = hours.nextSession(t, (s) => s.close).close;
  }
}
