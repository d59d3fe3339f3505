// The simulator's virtual clock: runs at `speed`× real time while the market is in session and jumps over
// nights, weekends and holidays (to just before the next session), following the NYSE calendar. At speed
// 'max' it does not move by itself: the market replay advances it minute by minute.
// Must never: go backwards, move while paused, or run through closed hours (time outside sessions is free).

import { etDate, nextTradingDay, session, type TradingSession } from '../../domain/calendar/index.js';
import { MINUTE_MS } from './bar-source.js';

/** How fast virtual time runs: a multiple of real time, or as fast as the replay can go. */
export type ClockSpeed = number | 'max';

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual start instant, epoch ms. If it falls outside a session, the clock jumps to the next one as soon as time runs. */
  readonly start: number;
  /** A positive multiple of real time (1 = real time, 60 = a minute per second) or 'max'. */
  readonly speed: ClockSpeed;
  /** Run through pre-market and after-hours (04:00–20:00 ET) instead of 09:30–16:00. Default false. */
  readonly extendedHours?: boolean;
  /** How long before the open (or the extended open) a jump lands, in whole minutes of ms. Default 60 000. */
  readonly preOpenMs?: number;
  /** Real monotonic time in ms (default performance.now); inject a fake in tests. */
  readonly realNow?: () => number;
}

/** The stretch of virtual time the clock runs through on one trading day. */
export interface ClockWindow {
  readonly date: string;
  readonly start: number;
  readonly end: number;
}

/** Largest numeric speed accepted (about 1.2 days of trading per real second). */
export const MAX_NUMERIC_SPEED = 100_000;

/** @throws RangeError naming the bad speed and the allowed values */
export function assertSpeed(speed: ClockSpeed): void {
  if (speed === 'max') return;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > MAX_NUMERIC_SPEED) {
    throw new RangeError(`clock speed must be a number in (0, ${MAX_NUMERIC_SPEED}] or 'max', got ${JSON.stringify(speed)}`);
  }
}

/** Virtual time over the NYSE calendar. */
export class VirtualClock {
  readonly extendedHours: boolean;
  readonly #preOpen: number;
  readonly #realNow: () => number;
  readonly #listeners = new Set<() => void>();
  #anchorVirtual: number;
  #anchorReal: number;
  #speed: ClockSpeed;
  #paused = false;

  /** @throws RangeError on a bad start, speed or preOpenMs */
  constructor(options: VirtualClockOptions) {
    if (!Number.isFinite(options.start)) throw new RangeError(`clock start must be epoch milliseconds, got ${String(options.start)}`);
    assertSpeed(options.speed);
    const preOpen = options.preOpenMs ?? MINUTE_MS;
    if (!Number.isInteger(preOpen) || preOpen < 0 || preOpen % MINUTE_MS !== 0 || preOpen > 330 * MINUTE_MS) {
      throw new RangeError(`clock preOpenMs must be a whole number of minutes in ms from 0 to 19 800 000, got ${preOpen}`);
    }
    this.extendedHours = options.extendedHours ?? false;
    this.#preOpen = preOpen;
    this.#realNow = options.realNow ?? (() => performance.now());
    this.#speed = options.speed;
    this.#anchorVirtual = options.start;
    this.#anchorReal = this.#realNow();
  }

  /** Current virtual time, epoch ms (whole milliseconds). */
  now(): number {
    if (!this.#paused && this.#speed !== 'max') {
      const real = this.#realNow();
      const elapsed = (real - this.#anchorReal) * this.#speed;
      if (elapsed > 0) {
        this.#anchorVirtual = this.advance(this.#anchorVirtual, elapsed);
        this.#anchorReal = real;
      }
    }
    return Math.floor(this.#anchorVirtual);
  }

  /** The current speed. */
  get speed(): ClockSpeed {
    return this.#speed;
  }

  /** Whether the clock is paused. */
  get isPaused(): boolean {
    return this.#paused;
  }

  /** @throws RangeError on a bad speed */
  setSpeed(speed: ClockSpeed): void {
    assertSpeed(speed);
    this.now();
    this.#anchorReal = this.#realNow();
    this.#speed = speed;
    this.#notify();
  }

  /** Stops virtual time (idempotent). */
  pause(): void {
    if (this.#paused) return;
    this.now();
    this.#paused = true;
    this.#notify();
  }

  /** Restarts virtual time from where it was paused (idempotent). */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#anchorReal = this.#realNow();
    this.#notify();
  }

  /**
   * Moves virtual time forward to `t` exactly (the replay does this at speed 'max'; tests do it at any speed).
   * @throws RangeError when `t` is before now
   */
  advanceTo(t: number): void {
    const now = this.now();
    if (!(t >= now)) throw new RangeError(`clock cannot go backwards: advanceTo(${new Date(t).toISOString()}) is before now ${new Date(now).toISOString()}`);
    this.#anchorVirtual = t;
    this.#anchorReal = this.#realNow();
    this.#notify();
  }

  /** Moves virtual time forward to `t` unless it is already there or past it (never throws for the past). */
  catchUpTo(t: number): void {
    if (this.now() >= t) return; // now() has just re-anchored, so moving the anchor to t only goes forward
    this.#anchorVirtual = t;
    this.#anchorReal = this.#realNow();
    this.#notify();
  }

  /** Subscribes to speed/pause/resume/advance changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The window of trading day `date` ([pre-open, close] or [extended pre-open, extended close]), or undefined on closed days. */
  window(date: string): ClockWindow | undefined {
    const s = session(date);
    return s === undefined ? undefined : this.#windowOf(s);
  }

  /** The window containing `t` (ends inclusive), or undefined when `t` is outside every window. */
  windowAt(t: number): ClockWindow | undefined {
    const w = this.window(etDate(t));
    return w !== undefined && w.start <= t && t <= w.end ? w : undefined;
  }

  /**
   * Whether instant `t` is in the market hours this clock runs through: the regular session [open, close),
   * or with extendedHours [extended open, extended close). The pre-open lead minute is not market time.
   */
  isMarketTime(t: number): boolean {
    const s = session(etDate(t));
    if (s === undefined) return false;
    return this.extendedHours ? s.extendedOpen <= t && t < s.extendedClose : s.open <= t && t < s.close;
  }

  /** The first window starting strictly after `t`. @throws CalendarRangeError past the calendar's last year */
  nextWindowAfter(t: number): ClockWindow {
    const today = this.window(etDate(t));
    if (today !== undefined && today.start > t) return today;
    for (let date = nextTradingDay(etDate(t)); ; date = nextTradingDay(date)) {
      const w = this.window(date);
      if (w !== undefined && w.start > t) return w;
    }
  }

  /**
   * Virtual time after running `ms` of trading time from `from`: time inside windows counts, gaps are jumped.
   * `ms` ≤ 0 returns `from` unchanged.
   */
  advance(from: number, ms: number): number {
    let v = from;
    let left = ms;
    while (left > 0) {
      const w = this.windowAt(v) ?? this.nextWindowAfter(v);
      if (v < w.start) v = w.start;
      const room = w.end - v;
      if (left <= room) return v + left;
      left -= room;
      v = this.nextWindowAfter(w.end).start;
    }
    return v;
  }

  /** Trading time (ms inside windows) between `from` and `to` (0 when `to ≤ from`). */
  tradingTimeBetween(from: number, to: number): number {
    let total = 0;
    let v = from;
    while (v < to) {
      const w = this.windowAt(v) ?? this.nextWindowAfter(v);
      if (w.start >= to) break;
      const a = Math.max(v, w.start);
      const b = Math.min(to, w.end);
      total += Math.max(0, b - a);
      if (w.end >= to) break;
      v = this.nextWindowAfter(w.end).start;
    }
    return total;
  }

  /** The next minute boundary the market visits strictly after `t` (inside a window; may be the next day's pre-open). */
  nextBoundary(t: number): number {
    const w = this.windowAt(t);
    if (w !== undefined) {
      const next = Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
      if (next <= w.end) return Math.max(next, w.start);
    }
    return this.nextWindowAfter(t).start;
  }

  /** Real milliseconds until `now() ≥ t` at the current speed; Infinity when paused or at speed 'max'. */
  realDelayUntil(t: number): number {
    const now = this.now();
    if (now >= t) return 0;
    if (this.#paused || this.#speed === 'max') return Infinity;
    return this.tradingTimeBetween(now, t) / this.#speed;
  }

  #windowOf(s: TradingSession): ClockWindow {
    const open = this.extendedHours ? s.extendedOpen : s.open;
    return { date: s.date, start: open - this.#preOpen, end: this.extendedHours ? s.extendedClose : s.close };
  }

  #notify(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // listeners must not break the clock
      }
    }
  }
}
