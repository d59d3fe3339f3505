// Last known price of each symbol (marks positions, values market orders) and the previous session's
// last price (lastday_price, change_today), rolled when the first bar of a new ET day arrives.
// Exists so valuation never looks ahead: processBar marks at the bar's open (the instant it is processed).
// Must never: mark a symbol with a non-finite or non-positive price.

interface SymbolMark {
  last: number;
  lastDay: number;
  dayEnd: number;
}

export class PriceBook {
  readonly #marks = new Map<string, SymbolMark>();

  /**
   * Records a price at instant `t`. `dayBounds` gives the [start, end) of t's ET day; it is only called
   * when the day changes.
   */
  mark(symbol: string, price: number, t: number, dayBounds: (t: number) => { readonly end: number }): void {
    if (!Number.isFinite(price) || price <= 0) return;
    const entry = this.#marks.get(symbol);
    if (entry === undefined) {
      this.#marks.set(symbol, { last: price, lastDay: Number.NaN, dayEnd: dayBounds(t).end });
      return;
    }
    if (t >= entry.dayEnd) {
      entry.lastDay = entry.last;
      entry.dayEnd = dayBounds(t).end;
    }
    entry.last = price;
  }

  /** Last price, or undefined before the first mark. */
  last(symbol: string): number | undefined {
    return this.#marks.get(symbol)?.last;
  }

  /** Last price of the previous ET day, or undefined when the symbol has no earlier day. */
  lastDay(symbol: string): number | undefined {
    const v = this.#marks.get(symbol)?.lastDay;
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }
}
