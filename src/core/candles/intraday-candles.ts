// Aggregates one symbol's 1-minute bars into N-minute candles aligned to the 09:30 open, with the edge
// cases of SPEC §4: late bars buffered, duplicates dropped, windows missing bars emitted `partial` once
// the grace period after their end has passed (driven by onTime, never by a timer), empty windows
// turned into fetch requests, early closes flushed at 13:00. Candles leave strictly in time order.
// Must never: throw on bad data, emit a window twice, emit a window before every earlier window of the
// session is resolved, or read the host clock.

import type { Bar } from '../../domain/bar.js';
import { CalendarRangeError, etDate, session as sessionOn, type TradingSession } from '../../domain/calendar/index.js';
import { TIMEFRAME_MINUTES } from '../../domain/bar.js';
import type { ResolvedAggregatorOptions } from './aggregator-options.js';
import { barProblem } from './bar-check.js';
import type { CandleEvent } from './candle.js';
import { EventSink, iso } from './event-sink.js';
import { maxWindowsPerSession, SessionGrid } from './session-grid.js';
import { WINDOW_AWAITING_FETCH, WINDOW_COLLECTING, WINDOW_DONE, WINDOW_FETCHED, WindowBook } from './window-book.js';

/** A bar stamped later than the clock plus this is corrupt (a live bar is stamped ≥ 60 s in the past). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const NO_WINDOW = -1;

/** Counters of a warm-up, where partial and empty windows are expected and only summarised. */
interface WarmCounts {
  partial: number;
  empty: number;
  outOfSession: number;
  duplicates: number;
}

/** Intraday engine of a CandleAggregator (1Min … 1Hour). */
export class IntradayCandles {
  readonly #o: ResolvedAggregatorOptions;
  readonly #grid: SessionGrid;
  readonly #book: WindowBook;
  readonly #seen = new Uint8Array(16 * 60);
  readonly #sink: EventSink;
  #cursor = 0;
  #scan = 0;
  #now = Number.NEGATIVE_INFINITY;
  #futureLimit = Number.POSITIVE_INFINITY;
  #newest: number | undefined;
  #historyEnd: number | undefined;
  #warm: WarmCounts | undefined;
  #warmedUp = false;

  constructor(options: ResolvedAggregatorOptions) {
    if (options.timeframe === '1Day') throw new RangeError('IntradayCandles takes intraday timeframes only');
    const minutes = TIMEFRAME_MINUTES[options.timeframe];
    this.#o = options;
    this.#grid = new SessionGrid(minutes, options.extendedHours);
    this.#book = new WindowBook(maxWindowsPerSession(minutes, options.extendedHours));
    this.#sink = new EventSink(options.symbol, options.timeframe);
  }

  get lastMinute(): number | undefined {
    return this.#newest;
  }

  get historyEnd(): number | undefined {
    return this.#historyEnd;
  }

  onBar(bar: Bar): readonly CandleEvent[] {
    this.#accept(bar, NO_WINDOW);
    this.#drain();
    return this.#sink.take();
  }

  onTime(now: number): readonly CandleEvent[] {
    this.#advanceClock(now);
    this.#drain();
    return this.#sink.take();
  }

  supplyFetched(window: number, bars: readonly Bar[]): readonly CandleEvent[] {
    const w = this.#grid.windowStartingAt(window);
    const state = w === NO_WINDOW ? WINDOW_DONE : this.#book.state[w];
    if (state === WINDOW_DONE) {
      this.#sink.diag('info', 'UNEXPECTED_FETCH_RESULT', window, `fetch result for window ${iso(window)} ignored (${bars.length} bars): the window is already emitted or skipped, or not of the current session`);
      return this.#sink.take();
    }
    for (const bar of bars) this.#accept(bar, w);
    if (state === WINDOW_AWAITING_FETCH) this.#book.state[w] = WINDOW_FETCHED;
    else this.#sink.diag('info', 'UNEXPECTED_FETCH_RESULT', window, `fetch result for window ${iso(window)} that was not waiting for one: its ${bars.length} bars were used as late bars`);
    this.#drain();
    return this.#sink.take();
  }

  warmUp(history: readonly Bar[], now: number): readonly CandleEvent[] {
    if (this.#warmedUp || this.#newest !== undefined || this.#grid.session !== undefined) {
      throw new Error(`warmUp(${this.#o.symbol} ${this.#o.timeframe}) must be called once, before any live bar`);
    }
    this.#checkInstant('now', now);
    this.#warmedUp = true;
    const sorted = [...history].sort((a, b) => a.t - b.t);
    const warm: WarmCounts = { partial: 0, empty: 0, outOfSession: 0, duplicates: 0 };
    this.#warm = warm;
    this.#futureLimit = now + FUTURE_TOLERANCE_MS;
    for (const bar of sorted) {
      this.#accept(bar, NO_WINDOW);
      this.#drain(); // emits complete windows in order; nothing is due yet (the clock is not set)
    }
    this.#historyEnd = this.lastMinute; // (the getter: TypeScript keeps #newest narrowed to undefined)
    this.#advanceClock(now);
    this.#enterSessionAt(now);
    this.#drain();
    const events = this.#sink.take();
    this.#warm = undefined;
    const candles = events.filter((e) => e.kind === 'candle').length;
    this.#sink.diag('info', 'WARM_UP_SUMMARY', this.#historyEnd, `warm-up ${this.#o.symbol} ${this.#o.timeframe}: ${history.length} history bars → ${candles} candles (${warm.partial} partial); ${warm.empty} empty windows skipped, ${warm.outOfSession} bars outside the session and ${warm.duplicates} duplicates ignored; history ends ${this.#historyEnd === undefined ? 'nowhere (no usable bar)' : iso(this.#historyEnd)}`);
    return [...events, ...this.#sink.take()];
  }

  #checkInstant(name: string, t: number): void {
    if (!Number.isFinite(t)) throw new RangeError(`candle aggregator: ${name} ${String(t)} is not a finite epoch ms`);
  }

  #advanceClock(now: number): void {
    this.#checkInstant('now', now);
    if (now > this.#now) {
      this.#now = now;
      this.#futureLimit = now + FUTURE_TOLERANCE_MS;
    }
  }

  /** Validates, places and folds one bar (`fetchedFor`: the window a fetched bar must belong to). */
  #accept(bar: Bar, fetchedFor: number): void {
    const problem = barProblem(bar, this.#o.symbol, this.#o.timeframe);
    if (problem !== undefined) {
      this.#sink.diag('warning', 'INVALID_BAR', bar.t, `rejected ${this.#o.symbol} bar: ${problem}`);
      return;
    }
    if (bar.t > this.#futureLimit) {
      this.#sink.diag('warning', 'FUTURE_BAR', bar.t, `rejected ${this.#o.symbol} bar stamped ${iso(bar.t)}: later than the clock ${iso(this.#now)} allows`);
      return;
    }
    const inGrid = this.#grid.contains(bar.t);
    if (fetchedFor !== NO_WINDOW && (!inGrid || this.#grid.windowOfSlot(this.#grid.slotOf(bar.t)) !== fetchedFor)) {
      this.#sink.diag('debug', 'FETCHED_BAR_OUTSIDE_WINDOW', bar.t, `fetched bar ${iso(bar.t)} is outside window ${iso(this.#grid.windowStart(fetchedFor))}: ignored`);
      return;
    }
    if (!inGrid && !this.#enterSessionOf(bar.t)) return;
    const slot = this.#grid.slotOf(bar.t);
    const w = this.#grid.windowOfSlot(slot);
    if (this.#seen[slot] === 1) {
      this.#dropSeen(bar.t);
      return;
    }
    if (this.#book.state[w] === WINDOW_DONE) {
      this.#dropLate(bar.t, `its window ${iso(this.#grid.windowStart(w))} was already emitted or skipped`);
      return;
    }
    this.#seen[slot] = 1;
    this.#book.add(w, bar);
    if (this.#newest === undefined || bar.t > this.#newest) this.#newest = bar.t;
    else if (fetchedFor === NO_WINDOW) {
      this.#sink.diag('debug', 'LATE_BAR_BUFFERED', bar.t, `late bar ${iso(bar.t)} (newest seen ${iso(this.#newest)}) buffered into window ${iso(this.#grid.windowStart(w))}`);
    }
  }

  #dropSeen(t: number): void {
    if (this.#historyEnd !== undefined && t <= this.#historyEnd) {
      this.#sink.diag('debug', 'WARM_UP_OVERLAP', t, `bar ${iso(t)} overlaps the warm-up history: dropped`);
    } else if (this.#warm !== undefined) {
      this.#warm.duplicates++;
    } else {
      this.#sink.diag('info', 'DUPLICATE_BAR', t, `duplicate ${this.#o.symbol} bar ${iso(t)}: dropped, the first one is kept`);
    }
  }

  #dropLate(t: number, why: string): void {
    if (this.#historyEnd !== undefined && t <= this.#historyEnd) {
      this.#sink.diag('debug', 'WARM_UP_OVERLAP', t, `bar ${iso(t)} is at or before the end of the warm-up history: dropped`);
    } else {
      this.#sink.diag('warning', 'LATE_BAR_DROPPED', t, `late ${this.#o.symbol} bar ${iso(t)} dropped: ${why}`);
    }
  }

  #outOfSession(t: number, why: string): false {
    if (this.#warm !== undefined) this.#warm.outOfSession++;
    else this.#sink.diag('debug', 'OUT_OF_SESSION', t, `${this.#o.symbol} bar ${iso(t)} ignored: ${why}`);
    return false;
  }

  /** Moves the grid to the session of `t` when `t` is in one; false (with a diagnostic) when the bar cannot be used. */
  #enterSessionOf(t: number): boolean {
    const current = this.#grid.session;
    if (current !== undefined && t >= current.extendedOpen && t < current.extendedClose) {
      return this.#outOfSession(t, 'outside the regular session (extendedHours is off)');
    }
    let s: TradingSession | undefined;
    try {
      s = sessionOn(etDate(t));
    } catch (error) {
      if (!(error instanceof CalendarRangeError)) throw error;
      this.#sink.diag('warning', 'OUTSIDE_CALENDAR', t, `${this.#o.symbol} bar ${iso(t)} ignored: ${error.message}`);
      return false;
    }
    if (s === undefined) return this.#outOfSession(t, `${etDate(t)} is not a trading day`);
    const start = this.#o.extendedHours ? s.extendedOpen : s.open;
    const end = this.#o.extendedHours ? s.extendedClose : s.close;
    if (t < start || t >= end) return this.#outOfSession(t, `outside the ${this.#o.extendedHours ? 'extended' : 'regular'} session of ${s.date}`);
    if (current !== undefined && s.open < current.open) {
      this.#dropLate(t, `its session ${s.date} is already closed`);
      return false;
    }
    if (current !== undefined) this.#closeSession(`a bar of the next session (${s.date}) arrived`);
    this.#startSession(s);
    return true;
  }

  /**
   * After warm-up, moves to the session in progress at `now` (if any), so the windows before `now` that
   * history did not cover are closed as empty instead of being fetched one by one later.
   */
  #enterSessionAt(now: number): void {
    let s: TradingSession | undefined;
    try {
      s = sessionOn(etDate(now));
    } catch (error) {
      if (error instanceof CalendarRangeError) return;
      throw error;
    }
    const current = this.#grid.session;
    if (s === undefined || (current !== undefined && current.open >= s.open)) return;
    if (now < (this.#o.extendedHours ? s.extendedOpen : s.open) || now >= (this.#o.extendedHours ? s.extendedClose : s.close)) return;
    if (current !== undefined) this.#closeSession(`the warm-up reached the session of ${s.date}`);
    this.#startSession(s);
  }

  #startSession(s: TradingSession): void {
    this.#grid.reset(s);
    this.#book.clear(this.#grid.windowCount);
    this.#seen.fill(0);
    this.#cursor = 0;
    this.#scan = 0;
  }

  /** Resolves every window left in the session: emitted from what arrived, or skipped when empty. */
  #closeSession(why: string): void {
    while (this.#cursor < this.#grid.windowCount) {
      const w = this.#cursor;
      if ((this.#book.count[w] ?? 0) > 0) this.#emit(w, why);
      else this.#skip(w, 'EMPTY_WINDOW_SKIPPED', `no bars (${why})`);
    }
  }

  /** Emits or skips windows from the cursor on, in order, as far as the bars and the clock allow. */
  #drain(): void {
    const grid = this.#grid;
    const book = this.#book;
    while (this.#cursor < grid.windowCount) {
      const w = this.#cursor;
      const count = book.count[w] ?? 0;
      const state = book.state[w];
      if (count === grid.expectedBars(w)) this.#emit(w, 'complete');
      else if (state === WINDOW_FETCHED) {
        if (count > 0) this.#emit(w, 'after the REST fetch');
        else this.#skip(w, 'EMPTY_WINDOW_SKIPPED', 'no bars, still empty after the REST fetch');
      } else if (this.#now < grid.windowEnd(w) + this.#o.graceMs) break;
      else if (state === WINDOW_COLLECTING) {
        if (count > 0) this.#emit(w, `${this.#o.graceMs / 1000} s after the window closed`);
        else if (!this.#o.fetchEmptyWindows || this.#warm !== undefined) this.#skip(w, 'EMPTY_WINDOW_SKIPPED', 'no bars (fetching is off)');
        else {
          this.#requestFetch(w);
          break;
        }
      } else if (this.#now >= grid.windowEnd(w) + this.#o.graceMs + this.#o.fetchTimeoutMs) {
        if (count > 0) this.#emit(w, 'its fetch was not answered in time');
        else this.#skip(w, 'FETCH_UNANSWERED', `no bars, and the fetch was not answered within ${this.#o.fetchTimeoutMs / 1000} s`);
      } else break;
    }
    this.#requestDueFetches();
  }

  /** Requests fetches for empty windows past their grace beyond the cursor, so fetches run in parallel. */
  #requestDueFetches(): void {
    if (!this.#o.fetchEmptyWindows || this.#warm !== undefined) return;
    if (this.#scan <= this.#cursor) this.#scan = this.#cursor + 1;
    const grid = this.#grid;
    while (this.#scan < grid.windowCount && this.#now >= grid.windowEnd(this.#scan) + this.#o.graceMs) {
      const w = this.#scan;
      if (this.#book.count[w] === 0 && this.#book.state[w] === WINDOW_COLLECTING) this.#requestFetch(w);
      this.#scan++;
    }
  }

  #requestFetch(w: number): void {
    this.#book.state[w] = WINDOW_AWAITING_FETCH;
    const from = this.#grid.windowStart(w);
    const { symbol, timeframe } = this.#o;
    this.#sink.push({ kind: 'fetch', symbol, timeframe, window: from, from, to: this.#grid.windowEnd(w) });
  }

  #emit(w: number, why: string): void {
    const grid = this.#grid;
    const count = this.#book.count[w] ?? 0;
    const expected = grid.expectedBars(w);
    const partial = count < expected;
    const t = grid.windowStart(w);
    const candle = this.#book.candle(w, this.#o.symbol, this.#o.timeframe, { t, end: grid.windowEnd(w), partial });
    this.#book.state[w] = WINDOW_DONE;
    this.#cursor = w + 1;
    this.#sink.push({ kind: 'candle', candle });
    if (!partial) return;
    if (this.#warm !== undefined) this.#warm.partial++;
    else this.#sink.diag('warning', 'PARTIAL_WINDOW', t, `${this.#o.symbol} ${this.#o.timeframe} candle ${iso(t)} emitted partial with ${count} of ${expected} 1-minute bars (${why})`);
  }

  #skip(w: number, code: 'EMPTY_WINDOW_SKIPPED' | 'FETCH_UNANSWERED', why: string): void {
    const t = this.#grid.windowStart(w);
    this.#book.state[w] = WINDOW_DONE;
    this.#cursor = w + 1;
    if (this.#warm !== undefined) this.#warm.empty++;
    else this.#sink.diag('warning', code, t, `${this.#o.symbol} ${this.#o.timeframe} window ${iso(t)} skipped: ${why}`);
  }
}
