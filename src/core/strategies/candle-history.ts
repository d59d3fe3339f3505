// The runner's retained candles of one (symbol, timeframe), kept to rebuild a strategy whose file was reloaded.
// Stored column by column in typed arrays (about 90 bytes a candle instead of a few hundred for an object with
// boxed numbers), because the runner keeps up to `capacity` candles for every series of the watchlist all day,
// and they are read back only on a reload.
// Must never: grow past its capacity, or give back a candle that differs from the one pushed (every field a
// strategy can read is kept; absent optional fields stay absent).
import type { Timeframe } from '../../domain/bar.js';
import { freezeCandle, type FrozenCandle } from './frozen-candle.js';

const COLUMNS = ['t', 'end', 'open', 'high', 'low', 'close', 'volume', 'vwap', 'tradeCount', 'barCount'] as const;
type Column = (typeof COLUMNS)[number];
/** `partial` flag codes: absent, false, true. */
const PARTIAL_CODES = [undefined, false, true] as const;

/** A fixed-capacity ring of one series' candles, oldest dropped first. */
export class CandleHistory {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly capacity: number;
  readonly #cols: Record<Column, Float64Array>;
  readonly #partial: Uint8Array;
  #start = 0;
  #size = 0;

  /** @param capacity at least 1 */
  constructor(symbol: string, timeframe: Timeframe, capacity: number) {
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.capacity = Math.max(1, Math.floor(capacity));
    const cols = {} as Record<Column, Float64Array>;
    for (const c of COLUMNS) cols[c] = new Float64Array(this.capacity);
    this.#cols = cols;
    this.#partial = new Uint8Array(this.capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Start of the newest candle, or undefined when empty. */
  get newestT(): number | undefined {
    return this.#size === 0 ? undefined : this.#cols.t[(this.#start + this.#size - 1) % this.capacity];
  }

  push(candle: FrozenCandle): void {
    let i: number;
    if (this.#size < this.capacity) {
      i = (this.#start + this.#size) % this.capacity;
      this.#size++;
    } else {
      i = this.#start;
      this.#start = (this.#start + 1) % this.capacity;
    }
    // NaN marks an absent optional field: candles never carry NaN (bars are validated before aggregation).
    for (const c of COLUMNS) this.#cols[c][i] = candle[c] ?? Number.NaN;
    this.#partial[i] = candle.partial === undefined ? 0 : candle.partial ? 2 : 1;
  }

  /** Every retained candle, oldest first, each frozen. */
  all(): readonly FrozenCandle[] {
    const out: FrozenCandle[] = [];
    for (let k = 0; k < this.#size; k++) out.push(this.#at((this.#start + k) % this.capacity));
    return Object.freeze(out);
  }

  #at(i: number): FrozenCandle {
    const v = (c: Column): number | undefined => {
      const x = this.#cols[c][i] ?? Number.NaN;
      return Number.isNaN(x) ? undefined : x;
    };
    return freezeCandle({
      symbol: this.symbol, timeframe: this.timeframe, t: v('t') ?? 0, end: v('end'), open: v('open') ?? 0, high: v('high') ?? 0, low: v('low') ?? 0,
      close: v('close') ?? 0, volume: v('volume') ?? 0, vwap: v('vwap'), tradeCount: v('tradeCount'), barCount: v('barCount'), partial: PARTIAL_CODES[this.#partial[i] ?? 0],
    });
  }
}
