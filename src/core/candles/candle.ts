// The aggregator's output vocabulary: a Candle (an aggregated bar plus how complete it is) and the events
// the engine acts on (candle, fetch request, diagnostic). Exists so the engine logs and acts on data
// problems as values instead of catching exceptions.
// Must never: hold vendor field names, or carry anything the strategy could mistake for a forming bar
// (every Candle is closed: no later bar can change it).

import type { Bar, Timeframe } from '../../domain/bar.js';

/** A closed candle. `t` is the window start (aligned to the 09:30 open); `end` is the exclusive window end. */
export interface Candle extends Bar {
  /**
   * Exclusive end of the window, epoch ms. Usually `t + timeframe`; shorter for the last window of a
   * session that does not divide evenly (60-minute 15:30–16:00, or 12:30–13:00 on an early close). For
   * 1Day pass-through it is nominal (`t` + 24 h).
   */
  readonly end: number;
  /** True when some 1-minute bars of the window never arrived (emitted after the grace period or a fetch). */
  readonly partial: boolean;
  /** How many 1-minute bars went into the candle (1 for a daily pass-through). */
  readonly barCount: number;
}

/** Severity of a diagnostic, in logger terms. */
export type CandleDiagnosticLevel = 'debug' | 'info' | 'warning' | 'error';

/** Stable codes of the aggregator's diagnostics. */
export const CANDLE_DIAGNOSTIC_CODES = [
  /** Bad input: wrong symbol or timeframe, bad OHLC, non-finite values, timestamp not on a minute. */
  'INVALID_BAR',
  /** The bar's date is outside the range the NYSE calendar covers (2020–2030). */
  'OUTSIDE_CALENDAR',
  /** Outside the regular session (pre/post-market without `extendedHours`, weekend, holiday). */
  'OUT_OF_SESSION',
  /** Stamped later than the engine's clock allows (now + 5 min): a corrupt timestamp, never a real bar. */
  'FUTURE_BAR',
  /** A second bar with the same (symbol, timestamp); the first one is kept. */
  'DUPLICATE_BAR',
  /** A bar older than the newest one seen, for a window not yet emitted: buffered and used. */
  'LATE_BAR_BUFFERED',
  /** A bar for a window that was already emitted or skipped: dropped. */
  'LATE_BAR_DROPPED',
  /** A live bar at or before the end of the warm-up history: dropped as an overlap. */
  'WARM_UP_OVERLAP',
  /** A window emitted without all its 1-minute bars (`partial: true`). */
  'PARTIAL_WINDOW',
  /** A window with no bars at all, still empty after the fetch (or when fetching is off): no candle. */
  'EMPTY_WINDOW_SKIPPED',
  /** A window whose fetch was not answered in time: emitted from what arrived, or skipped when empty. */
  'FETCH_UNANSWERED',
  /** `supplyFetched` for a window that is not waiting for a fetch; its bars went through the normal checks. */
  'UNEXPECTED_FETCH_RESULT',
  /** A fetched bar outside the window it was fetched for: ignored. */
  'FETCHED_BAR_OUTSIDE_WINDOW',
  /** Summary of a warm-up: candles built, partial and empty windows, bars dropped. */
  'WARM_UP_SUMMARY',
] as const;
export type CandleDiagnosticCode = (typeof CANDLE_DIAGNOSTIC_CODES)[number];

/** A closed candle, ready for the indicators and strategies. */
export interface CandleEmitted {
  readonly kind: 'candle';
  readonly candle: Candle;
}

/**
 * A window with no bars at all: fetch its 1-minute bars over REST and hand them back with
 * `supplyFetched(window, bars)` (an empty array when the fetch found nothing or failed).
 */
export interface FetchRequest {
  readonly kind: 'fetch';
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Identifies the window: its start, epoch ms (pass it back to `supplyFetched`). */
  readonly window: number;
  /** First 1-minute bar to fetch, epoch ms (inclusive; equals `window`). */
  readonly from: number;
  /** End of the window, epoch ms, EXCLUSIVE (the last bar wanted starts at `to - 60_000`). */
  readonly to: number;
}

/** Something the engine should log; never an exception. */
export interface CandleDiagnostic {
  readonly kind: 'diagnostic';
  readonly level: CandleDiagnosticLevel;
  readonly code: CandleDiagnosticCode;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The bar or window the diagnostic is about, epoch ms, when there is one. */
  readonly t: number | undefined;
  readonly message: string;
}

/** What one call to the aggregator produced, in the order it happened. */
export type CandleEvent = CandleEmitted | FetchRequest | CandleDiagnostic;

/** The shared result of calls that produced nothing (no allocation on the hot path). */
export const NO_EVENTS: readonly CandleEvent[] = Object.freeze([]);
