// The feeds' single gate for bars: each (symbol, t) passes once, in time order per symbol. While a backfill
// runs, live bars are held back and merged with the fetched ones, so missed bars come out before the live
// bars that followed them. Must never: emit a bar twice, emit an older bar after a newer one of the same
// symbol, or lose a buffered live bar when a backfill fails.
import type { Bar } from '../../../domain/bar.js';

/** What happened to a live bar. */
export type LiveOutcome = 'emitted' | 'buffered' | 'duplicate' | 'stale' | 'unknown-symbol';

/** Counters for logs and metrics. */
export interface SequencerStats {
  emitted: number;
  duplicates: number;
  stale: number;
}

/** Dedupe by (symbol, t) and per-symbol time order, with a backfill buffer. */
export class BarSequencer {
  readonly #last = new Map<string, number>();
  readonly #emit: (bar: Bar) => void;
  #buffer: Bar[] | undefined;
  readonly stats: SequencerStats = { emitted: 0, duplicates: 0, stale: 0 };

  /** `emit` receives each bar that passes; it is called synchronously, in order. */
  constructor(emit: (bar: Bar) => void) {
    this.#emit = emit;
  }

  /** Symbols being tracked. */
  symbols(): string[] {
    return [...this.#last.keys()];
  }

  /** Start of the last bar that passed for `symbol` (or its starting watermark). */
  watermark(symbol: string): number | undefined {
    const t = this.#last.get(symbol);
    return t === undefined || t === -Infinity ? undefined : t;
  }

  /**
   * Tracks `symbol`; bars with `t <= since` are treated as already seen (pass the last minute before the feed
   * started; undefined accepts any first bar). An already tracked symbol keeps its watermark.
   */
  track(symbol: string, since: number | undefined): void {
    if (!this.#last.has(symbol)) this.#last.set(symbol, since ?? -Infinity);
  }

  /** Stops tracking `symbol` (watchlist change); its later bars are ignored. */
  untrack(symbol: string): void {
    this.#last.delete(symbol);
  }

  get isBackfilling(): boolean {
    return this.#buffer !== undefined;
  }

  /** A bar from the live stream (or a poll): emitted now, or held while a backfill runs. */
  live(bar: Bar): LiveOutcome {
    if (!this.#last.has(bar.symbol)) return 'unknown-symbol';
    if (this.#buffer !== undefined) {
      this.#buffer.push(bar);
      return 'buffered';
    }
    return this.#offer(bar);
  }

  /** From now on live bars are buffered until {@link endBackfill}. Idempotent. */
  beginBackfill(): void {
    this.#buffer ??= [];
  }

  /**
   * Emits the fetched bars and the buffered live bars together, per symbol in time order, each (symbol, t)
   * once (the fetched bar wins over a live one with the same t), then returns to live mode.
   * Pass an empty map when the backfill failed: the buffered bars still come out.
   * @returns how many bars were emitted
   */
  endBackfill(fetched: ReadonlyMap<string, readonly Bar[]>): number {
    const buffered = this.#buffer ?? [];
    this.#buffer = undefined;
    const bySymbol = new Map<string, Map<number, Bar>>();
    const add = (bar: Bar, replace: boolean): void => {
      if (!this.#last.has(bar.symbol)) return;
      let series = bySymbol.get(bar.symbol);
      if (!series) bySymbol.set(bar.symbol, (series = new Map<number, Bar>()));
      if (replace || !series.has(bar.t)) series.set(bar.t, bar);
    };
    for (const bar of buffered) add(bar, false);
    for (const bars of fetched.values()) for (const bar of bars) add(bar, true);
    const before = this.stats.emitted;
    for (const series of bySymbol.values()) {
      for (const bar of [...series.values()].sort((a, b) => a.t - b.t)) this.#offer(bar);
    }
    return this.stats.emitted - before;
  }

  #offer(bar: Bar): LiveOutcome {
    const last = this.#last.get(bar.symbol);
    if (last === undefined) return 'unknown-symbol';
    if (bar.t === last) {
      this.stats.duplicates++;
      return 'duplicate';
    }
    if (bar.t < last) {
      this.stats.stale++;
      return 'stale';
    }
    this.#last.set(bar.symbol, bar.t);
    this.stats.emitted++;
    this.#emit(bar);
    return 'emitted';
  }
}
