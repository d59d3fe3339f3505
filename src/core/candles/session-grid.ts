// The windows of one trading session for one candle size: which window a 1-minute slot belongs to and
// where each window starts and ends. Exists so the per-bar work is two array reads instead of
// calendar arithmetic, and so alignment lives in one place: regular windows start at 09:30 + k·N and
// the last one is cut at the close (16:00, or 13:00 on early closes); with extended hours, pre-market
// windows are aligned to END at 09:30 (the first one is cut at 04:00) and after-hours windows start at
// the close. No window ever spans the open or the close.
// Must never: compute a window that crosses a session boundary, or allocate per bar.

import type { TradingSession } from '../../domain/calendar/index.js';

const MS_PER_MINUTE = 60_000;
/** Longest possible day in 1-minute slots: 04:00–20:00 ET. */
const MAX_SLOTS = 16 * 60;

/** Windows of one session, rebuilt in place (no allocation) when the session changes. */
export class SessionGrid {
  readonly #minutes: number;
  readonly #extendedHours: boolean;
  readonly #slotWindow = new Int16Array(MAX_SLOTS);
  readonly #windowFirstSlot = new Int16Array(MAX_SLOTS + 1);
  #session: TradingSession | undefined;
  #base = 0;
  #end = 0;
  #slotCount = 0;
  #windowCount = 0;

  /**
   * @param minutes candle size in minutes (1–60)
   * @param extendedHours include 04:00–09:30 and close–20:00 (17:00 on early closes)
   */
  constructor(minutes: number, extendedHours: boolean) {
    this.#minutes = minutes;
    this.#extendedHours = extendedHours;
  }

  /** The session the grid currently describes, if any. */
  get session(): TradingSession | undefined {
    return this.#session;
  }

  get windowCount(): number {
    return this.#windowCount;
  }

  /** First instant covered (09:30, or 04:00 with extended hours), epoch ms. */
  get start(): number {
    return this.#base;
  }

  /** First instant not covered (the close, or the extended close), epoch ms. */
  get end(): number {
    return this.#end;
  }

  /** Lays out the windows of `s` (O(minutes in the session), once a day). */
  reset(s: TradingSession): void {
    this.#session = s;
    this.#base = this.#extendedHours ? s.extendedOpen : s.open;
    this.#end = this.#extendedHours ? s.extendedClose : s.close;
    this.#slotCount = (this.#end - this.#base) / MS_PER_MINUTE;
    const pre = (s.open - this.#base) / MS_PER_MINUTE;
    const post = (s.close - this.#base) / MS_PER_MINUTE;
    const n = this.#minutes;
    let w = -1;
    for (let slot = 0; slot < this.#slotCount; slot++) {
      const offset = slot < pre ? pre - slot : slot < post ? slot - pre : slot - post;
      if (slot === 0 || offset % n === 0) {
        w++;
        this.#windowFirstSlot[w] = slot;
      }
      this.#slotWindow[slot] = w;
    }
    this.#windowCount = w + 1;
    this.#windowFirstSlot[this.#windowCount] = this.#slotCount;
  }

  /** Whether instant `t` falls inside the grid. */
  contains(t: number): boolean {
    return this.#session !== undefined && t >= this.#base && t < this.#end;
  }

  /** Slot of a minute-aligned instant inside the grid. */
  slotOf(t: number): number {
    return (t - this.#base) / MS_PER_MINUTE;
  }

  /** Window of a slot. */
  windowOfSlot(slot: number): number {
    return this.#slotWindow[slot] ?? -1;
  }

  /** Window start, epoch ms (the candle's stamp). */
  windowStart(w: number): number {
    return this.#base + (this.#windowFirstSlot[w] ?? 0) * MS_PER_MINUTE;
  }

  /** Window end, epoch ms, exclusive. */
  windowEnd(w: number): number {
    return this.#base + (this.#windowFirstSlot[w + 1] ?? 0) * MS_PER_MINUTE;
  }

  /** How many 1-minute bars make the window complete. */
  expectedBars(w: number): number {
    return (this.#windowFirstSlot[w + 1] ?? 0) - (this.#windowFirstSlot[w] ?? 0);
  }

  /** The window that starts exactly at `t`, or -1. */
  windowStartingAt(t: number): number {
    if (!this.contains(t) || (t - this.#base) % MS_PER_MINUTE !== 0) return -1;
    const w = this.windowOfSlot(this.slotOf(t));
    return this.windowStart(w) === t ? w : -1;
  }
}


/** Upper bound of windows in any session for this candle size (sizes the per-window arrays). */
export function maxWindowsPerSession(minutes: number, extendedHours: boolean): number {
  const regular = Math.ceil(390 / minutes);
  return extendedHours ? Math.ceil(330 / minutes) + regular + Math.ceil(240 / minutes) : regular;
}
