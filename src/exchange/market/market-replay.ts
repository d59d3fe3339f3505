// Drives the market through virtual time, minute by minute. At each minute boundary T it (a) emits the
// completed bars of minute T−1 and the running daily bars, (b) awaits the optional barrier (at speed max the
// server waits for the bot to react, so simulated fills equal backtest fills), (c) calls onTime(T) for the
// matching core's clock events (day orders expire at the close), (d) calls onMinuteStart(bars of T) — the
// matching core's processBar — and (e) emits the opening quote and trade of minute T.
// Only minutes inside the clock's market hours (regular, or extended when the clock runs extended) are
// replayed; a source's pre/post-market bars stay available to the REST history either way.
// Must never: emit a bar before its minute has ended, emit anything while paused, or skip a boundary.

import { CalendarRangeError, etDate, etDateTime } from '../../domain/calendar/index.js';
import type { ExchangeBar, MarketEvent } from '../contracts.js';
import { BarAccumulator, SessionLookup } from './bar-aggregation.js';
import { MINUTE_MS, type BarSource } from './bar-source.js';
import { openingQuote, openingTrade } from './synthetic-ticks.js';
import type { VirtualClock } from './virtual-clock.js';

/** Options of {@link MarketReplay}. */
export interface MarketReplayOptions {
  readonly source: BarSource;
  readonly clock: VirtualClock;
  /** Symbols to replay (default: all of the source's). */
  readonly symbols?: readonly string[];
  /** Awaited after minute T−1's bars are out and before minute T starts (the speed-max barrier), with T. */
  readonly beforeNextMinute?: (t: number) => Promise<void>;
  /** Clock-driven events of the matching core (day-order expiry at the close), called at every boundary T. */
  readonly onTime?: (t: number) => void | Promise<void>;
  /** The bars that start at T (the matching core's processBar), called at every boundary, possibly with []. */
  readonly onMinuteStart?: (bars: readonly ExchangeBar[], t: number) => void | Promise<void>;
  /** At speed max, yield to the event loop (setImmediate) every this many minutes. Default 8. */
  readonly yieldEvery?: number;
}

/** Why {@link MarketReplay.run} returned. */
export type ReplayEnd = 'stopped' | 'end-of-data' | 'end-of-calendar';

interface DailyState {
  readonly date: string;
  readonly midnight: number;
  readonly acc: BarAccumulator;
}

/** Replays a bar source on a virtual clock. */
export class MarketReplay {
  readonly #source: BarSource;
  readonly #clock: VirtualClock;
  readonly #symbols: readonly string[];
  readonly #options: MarketReplayOptions;
  readonly #listeners = new Set<(event: MarketEvent) => void>();
  readonly #daily = new Map<string, DailyState>();
  readonly #sessions = new SessionLookup();
  readonly #stopWaiters = new Set<() => void>();
  #last: number | undefined;
  #running = false;
  #stopped = false;
  #sinceYield = 0;

  /** @throws RangeError when a requested symbol is not in the source, or yieldEvery is not a positive integer */
  constructor(options: MarketReplayOptions) {
    const known = new Set(options.source.symbols());
    const symbols = [...new Set(options.symbols ?? options.source.symbols())].sort();
    const unknown = symbols.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      throw new RangeError(`market replay: no bars for symbol(s) ${unknown.join(', ')} in ${options.source.label} (it has ${[...known].join(', ')})`);
    }
    const every = options.yieldEvery ?? 8;
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`market replay: yieldEvery must be an integer ≥ 1, got ${every}`);
    this.#source = options.source;
    this.#clock = options.clock;
    this.#symbols = Object.freeze(symbols);
    this.#options = options;
  }

  /** The replayed symbols, sorted. */
  get symbols(): readonly string[] {
    return this.#symbols;
  }

  /** The last boundary fully processed, if any. */
  get lastBoundary(): number | undefined {
    return this.#last;
  }

  /** Whether {@link run} is in progress. */
  get isRunning(): boolean {
    return this.#running;
  }

  /** Subscribes to market events (bars, daily bars, trades, quotes); returns the unsubscribe function. Listener errors are swallowed. */
  onEvent(listener: (event: MarketEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs until {@link stop}, the end of a finite source, or the end of the calendar. Waits real time at a
   * numeric speed; at 'max' it advances the clock itself as fast as the barrier allows.
   * @throws Error when already running; rethrows errors of the hooks
   */
  async run(): Promise<ReplayEnd> {
    if (this.#running) throw new Error('market replay is already running');
    this.#running = true;
    this.#stopped = false;
    try {
      for (;;) {
        if (this.#isStopped()) return 'stopped';
        const next = this.#nextBoundary();
        if (typeof next === 'string') return next;
        await this.#waitUntil(next);
        if (this.#isStopped()) return 'stopped';
        await this.#process(next);
        await this.#maybeYield();
      }
    } finally {
      this.#running = false;
    }
  }

  /** Asks {@link run} to return; a barrier being awaited is abandoned. */
  stop(): void {
    this.#stopped = true;
    for (const wake of this.#stopWaiters) wake();
  }

  /**
   * Processes the next boundary now, advancing the clock to it (tests, in-process drivers). Not while running.
   * @returns the boundary processed, or why there is none
   */
  async step(): Promise<number | Exclude<ReplayEnd, 'stopped'>> {
    if (this.#running) throw new Error('market replay: step() while run() is in progress');
    const next = this.#nextBoundary();
    if (typeof next === 'string') return next;
    this.#clock.catchUpTo(next);
    this.#stopped = false;
    await this.#process(next);
    return next;
  }

  /** Steps through every boundary up to and including `t`. @returns how many boundaries were processed */
  async runUntil(t: number): Promise<number> {
    let count = 0;
    for (;;) {
      const next = this.#nextBoundary();
      if (typeof next === 'string' || next > t) return count;
      await this.step();
      count++;
    }
  }

  /** Read through a method: stop() flips the flag while run() is suspended in an await. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  #nextBoundary(): number | Exclude<ReplayEnd, 'stopped'> {
    let next: number;
    try {
      if (this.#last === undefined) {
        const now = this.#clock.now();
        next = now % MINUTE_MS === 0 && this.#clock.windowAt(now) !== undefined ? now : this.#clock.nextBoundary(now);
      } else next = this.#clock.nextBoundary(this.#last);
    } catch (error) {
      if (error instanceof CalendarRangeError) return 'end-of-calendar';
      throw error;
    }
    const lastTime = this.#source.lastTime();
    return lastTime !== undefined && next > lastTime + MINUTE_MS ? 'end-of-data' : next;
  }

  async #waitUntil(t: number): Promise<void> {
    const clock = this.#clock;
    while (!this.#stopped) {
      if (clock.isPaused) {
        await this.#waitForChange(undefined);
        continue;
      }
      if (clock.now() >= t) return;
      const delay = clock.realDelayUntil(t);
      if (clock.speed === 'max' || delay <= 0) {
        clock.catchUpTo(t); // at max, or across closed hours (the jump is free)
        return;
      }
      await this.#waitForChange(Math.min(delay, 1000));
    }
  }

  /** Resolves on a clock change, stop(), or after `ms` real milliseconds. */
  #waitForChange(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        unsubscribe();
        this.#stopWaiters.delete(done);
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, Math.max(1, Math.ceil(ms)));
      const unsubscribe = this.#clock.onChange(done);
      this.#stopWaiters.add(done);
    });
  }

  /** Resolves when `promise` settles or stop() is called; rejects with the promise's error. */
  #untilStopped(promise: Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.#stopWaiters.delete(wake);
        resolve();
      };
      this.#stopWaiters.add(wake);
      promise.then(wake, (error: unknown) => {
        this.#stopWaiters.delete(wake);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  async #process(t: number): Promise<void> {
    this.#emitCompleted(t - MINUTE_MS);
    const barrier = this.#options.beforeNextMinute;
    if (barrier !== undefined) {
      await this.#untilStopped(barrier(t));
      if (this.#stopped) return;
    }
    await this.#options.onTime?.(t);
    const starting: ExchangeBar[] = [];
    if (this.#clock.isMarketTime(t)) {
      for (const symbol of this.#symbols) {
        const bar = this.#source.barAt(symbol, t);
        if (bar !== undefined) starting.push(bar);
      }
    }
    await this.#options.onMinuteStart?.(starting, t);
    for (const bar of starting) {
      this.#emit(openingQuote(bar));
      this.#emit(openingTrade(bar));
    }
    this.#last = t;
  }

  /** (a) the bars of the minute that just ended, then the running daily bars they changed. */
  #emitCompleted(minute: number): void {
    if (!this.#clock.isMarketTime(minute)) return; // e.g. the pre-open lead minute: no bars outside the clock's hours
    const daily: ExchangeBar[] = [];
    for (const symbol of this.#symbols) {
      const bar = this.#source.barAt(symbol, minute);
      if (bar === undefined) continue;
      this.#emit({ kind: 'bar', bar });
      if (!this.#sessions.isRegular(minute)) continue;
      const state = this.#dailyState(symbol, minute);
      state.acc.add(bar);
      const day = state.acc.toBar(state.midnight);
      if (day !== undefined) daily.push(day);
    }
    for (const bar of daily) this.#emit({ kind: 'dailyBar', bar });
  }

  /** The symbol's running daily bar for the ET day of `minute`; a new day starts from the regular minutes already past. */
  #dailyState(symbol: string, minute: number): DailyState {
    const date = etDate(minute);
    const existing = this.#daily.get(symbol);
    if (existing?.date === date) return existing;
    const state: DailyState = { date, midnight: etDateTime(date, '00:00'), acc: new BarAccumulator() };
    for (const bar of this.#source.barsForSession(symbol, date)) {
      if (bar.t >= minute) break;
      if (this.#sessions.isRegular(bar.t)) state.acc.add(bar);
    }
    this.#daily.set(symbol, state);
    return state;
  }

  #emit(event: MarketEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // a broken subscriber must not stop the market
      }
    }
  }

  async #maybeYield(): Promise<void> {
    if (this.#clock.speed !== 'max') return;
    this.#sinceYield++;
    if (this.#sinceYield < (this.#options.yieldEvery ?? 8)) return;
    this.#sinceYield = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
