// Aggregates 1-minute bars into longer bars (OHLCV: first open, max high, min low, last close, summed volume
// and trade count, volume-weighted vwap) and filters the regular session for daily and longer bars.
// Must never: mix symbols, reorder time, or include a minute that the caller did not hand in (callers cut
// off incomplete minutes before calling, which is what keeps the API free of future leakage).

import { etDate, session, type TradingSession } from '../../domain/calendar/index.js';
import type { ExchangeBar } from '../contracts.js';
import { Bucketer, isIntraday, type Timeframe } from './timeframe.js';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A running aggregate bar (one symbol, one bucket). */
export class BarAccumulator {
  #first: ExchangeBar | undefined;
  #h = -Infinity;
  #l = Infinity;
  #c = 0;
  #v = 0;
  #n = 0;
  #pv = 0;

  /** Adds the next minute (in time order). */
  add(bar: ExchangeBar): void {
    this.#first ??= bar;
    this.#h = Math.max(this.#h, bar.h);
    this.#l = Math.min(this.#l, bar.l);
    this.#c = bar.c;
    this.#v += bar.v;
    this.#n += bar.n;
    this.#pv += bar.vw * bar.v;
  }

  /** Whether any minute has been added. */
  get isEmpty(): boolean {
    return this.#first === undefined;
  }

  /** The aggregate stamped `t`, or undefined when empty. vwap is volume-weighted (the close when volume is 0). */
  toBar(t: number): ExchangeBar | undefined {
    const first = this.#first;
    if (first === undefined) return undefined;
    const vw = this.#v > 0 ? Math.min(this.#h, Math.max(this.#l, round4(this.#pv / this.#v))) : this.#c;
    return { symbol: first.symbol, t, o: first.o, h: this.#h, l: this.#l, c: this.#c, v: this.#v, vw, n: this.#n };
  }
}

/** Caches NYSE sessions by ET date (the regular-session filter runs per minute bar). */
export class SessionLookup {
  readonly #byDate = new Map<string, TradingSession | null>();

  /** The session of ET date `date`, or undefined on closed days and outside the calendar's range. */
  get(date: string): TradingSession | undefined {
    let s = this.#byDate.get(date);
    if (s === undefined) {
      try {
        s = session(date) ?? null;
      } catch {
        s = null; // outside the calendar's range: no regular session known
      }
      this.#byDate.set(date, s);
    }
    return s ?? undefined;
  }

  /** Whether `t` falls in the regular session [open, close) of its ET day. */
  isRegular(t: number): boolean {
    const s = this.get(etDate(t));
    return s !== undefined && s.open <= t && t < s.close;
  }
}

/**
 * Aggregates ascending 1-minute bars of one symbol into `tf` bars, ascending.
 * Daily and longer timeframes use regular-session minutes only.
 */
export function aggregateBars(bars: readonly ExchangeBar[], bucketer: Bucketer, sessions: SessionLookup): ExchangeBar[] {
  const tf: Timeframe = bucketer.tf;
  if (tf.unit === 'Min' && tf.amount === 1) return [...bars];
  const intraday = isIntraday(tf);
  const out: ExchangeBar[] = [];
  let current: number | undefined;
  let acc = new BarAccumulator();
  for (const bar of bars) {
    if (!intraday && !sessions.isRegular(bar.t)) continue;
    const start = bucketer.bucketStart(bar.t);
    if (start !== current) {
      const done = current === undefined ? undefined : acc.toBar(current);
      if (done !== undefined) out.push(done);
      acc = new BarAccumulator();
      current = start;
    }
    acc.add(bar);
  }
  const last = current === undefined ? undefined : acc.toBar(current);
  if (last !== undefined) out.push(last);
  return out;
}
