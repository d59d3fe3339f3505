// Session VWAP: Σ(price × volume) / Σ(volume) over the bars of the current session, reset at the first bar
// of each new session. A session is the bar's New York (ET) calendar date (`etDate(t)`), so pre- and
// post-market bars fed to it count in that day's VWAP; RTH-only feeds give the usual RTH VWAP.
// Price: the typical price (high + low + close) / 3 (the common charting definition, e.g. TradingView's
// default hlc3 source). With `source: 'bar-vwap'` the bar's own `vwap` is used when present (Alpaca's `vw`,
// closer to the exchange's VWAP), falling back to the typical price for bars without one.
// TA-Lib has no VWAP; the tests compare against a plain-loop reference.
// Must never: divide by zero (no value until the session has traded volume) or accept bars out of time order.

import { etDate, etDateTime } from '../../domain/calendar/index.js';
import type { Bar } from '../../domain/bar.js';
import { IncrementalIndicator } from './incremental-indicator.js';
import { checkFinite, checkNonNegative } from './validate.js';

/** The fields of a bar session VWAP reads (a `Bar` fits). */
export type VwapBar = Pick<Bar, 't' | 'high' | 'low' | 'close' | 'volume' | 'vwap'>;

export interface SessionVwapOptions {
  /** 'typical' (default): (h + l + c) / 3; 'bar-vwap': the bar's vwap when present, else typical. */
  readonly source?: 'typical' | 'bar-vwap';
}

const MS_PER_MINUTE = 60_000;

interface VwapState {
  sessionStart: number;
  sessionEnd: number;
  lastT: number;
  priceVolume: number;
  volume: number;
}

const INITIAL: Readonly<VwapState> = { sessionStart: 0, sessionEnd: 0, lastT: -Infinity, priceVolume: 0, volume: 0 };

/**
 * Session VWAP of bars in time order. `warmUp` is 1, but `isStable` (and `value`) also need traded volume
 * in the current session: a session that opens with zero-volume bars has no VWAP until volume arrives.
 */
export class SessionVwap extends IncrementalIndicator<VwapBar, number> {
  readonly #useBarVwap: boolean;
  readonly #s: VwapState = { ...INITIAL };
  readonly #saved: VwapState = { ...INITIAL };

  /** @throws RangeError for an unknown source */
  constructor(options: SessionVwapOptions = {}) {
    super('SessionVwap', 1);
    const source: string = options.source ?? 'typical'; // checked: JS callers and config files are not typed
    if (source !== 'typical' && source !== 'bar-vwap') {
      throw new RangeError(`SessionVwap: invalid source ${JSON.stringify(source)}: expected one of typical, bar-vwap`);
    }
    this.#useBarVwap = source === 'bar-vwap';
  }

  override get isStable(): boolean {
    return this.value !== undefined;
  }

  protected check(bar: VwapBar, revising: boolean): void {
    checkFinite('SessionVwap', 't', bar.t);
    const after = revising ? this.#saved.lastT : this.#s.lastT;
    if (bar.t <= after) {
      throw new RangeError(`SessionVwap: invalid t ${bar.t}: bars must be added in time order (after ${after})`);
    }
    checkFinite('SessionVwap', 'high', bar.high);
    checkFinite('SessionVwap', 'low', bar.low);
    checkFinite('SessionVwap', 'close', bar.close);
    checkNonNegative('SessionVwap', 'volume', bar.volume);
    if (this.#useBarVwap && bar.vwap !== undefined) checkFinite('SessionVwap', 'vwap', bar.vwap);
  }

  protected save(): void {
    Object.assign(this.#saved, this.#s);
  }

  protected restore(): void {
    Object.assign(this.#s, this.#saved);
  }

  protected apply(bar: VwapBar): number | undefined {
    const s = this.#s;
    s.lastT = bar.t;
    if (bar.t < s.sessionStart || bar.t >= s.sessionEnd) this.#startSession(bar.t);
    const price = this.#useBarVwap && bar.vwap !== undefined ? bar.vwap : (bar.high + bar.low + bar.close) / 3;
    s.priceVolume += price * bar.volume;
    s.volume += bar.volume;
    return s.volume > 0 ? s.priceVolume / s.volume : undefined;
  }

  /** New ET date: the session spans [00:00, 24:00) ET of that date (DST-correct via the calendar). */
  #startSession(t: number): void {
    const date = etDate(t);
    this.#s.sessionStart = etDateTime(date, '00:00');
    this.#s.sessionEnd = etDateTime(date, '23:59') + MS_PER_MINUTE;
    this.#s.priceVolume = 0;
    this.#s.volume = 0;
  }

  protected clear(): void {
    Object.assign(this.#s, INITIAL);
    Object.assign(this.#saved, INITIAL);
  }
}
