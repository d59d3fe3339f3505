// The strategy API (SPEC §5, DESIGN §3.10): a strategy is a definition plus one pure function.
// The engine hands `decide` each completed candle with its indicator readings, the position, and the state the
// strategy returned last time; the strategy returns intents (with a human reason) and its next state.
// Must never: let a strategy fetch data, size an order, call the broker, read the clock or keep hidden state —
// same candles in, same intents out (that is what makes backtest and live agree).
import type { z } from 'zod';
import type { Bar, Timeframe } from '../../domain/bar.js';
import type { Intent } from '../../domain/intent.js';
import type { Indicator, IndicatorReading } from '../indicators/index.js';

/** A factory for one indicator instance; the engine creates one per (strategy, symbol). Input is the candle. */
export type IndicatorFactory = () => Indicator<Bar, unknown> | Indicator<number, unknown>;

/** Declares one indicator: how to build it and what it reads from each candle. */
export interface IndicatorSpec {
  readonly create: IndicatorFactory;
  /** Which candle field feeds it: a price field for single-input indicators, or the whole bar (ATR, VWAP). */
  readonly input: 'close' | 'open' | 'high' | 'low' | 'volume' | 'bar';
}

/** The strategy's view of its position in this symbol (from the portfolio; flat when none). */
export interface PositionView {
  readonly side: 'long' | 'short' | 'flat';
  /** Absolute share count (0 when flat). */
  readonly qty: number;
  readonly avgEntryPrice: number | undefined;
  /** The active protective stop, when known. */
  readonly stop: number | undefined;
  /** Start time of the candle that opened the position. */
  readonly entryTs: number | undefined;
  /** An entry order of this strategy is working (not yet filled). */
  readonly pendingEntry: boolean;
}

/** Where the candle sits in the trading session (NYSE calendar, America/New_York). */
export interface SessionView {
  /** ET calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Minutes from the candle's end to the session close (0 on the last candle). */
  readonly minutesToClose: number;
  /** True when the candle's end is the session close (16:00, or 13:00 on early-close days). */
  readonly isLastCandle: boolean;
}

/**
 * An indicator reading as strategies get it: the frozen snapshot (current and previous value, count, stability)
 * plus, for exact averages (`Sma`), the exact rational of the current value (absent for other indicators and
 * before warm-up), so `compareReadings(input.indicators.fast, input.indicators.slow)` judges a tie exactly.
 */
export interface StrategyReading<Out = unknown> extends IndicatorReading<Out> {
  readonly exact?: { readonly numerator: number; readonly denominator: number } | undefined;
}

export interface DecideInput<P, S> {
  /** The candle that just completed. */
  readonly candle: Bar;
  /** The most recent completed candles, oldest first, ending with `candle`; at most `lookback` of them. */
  readonly candles: readonly Bar[];
  /** Readings of the declared indicators after `candle` was added, by the names the definition gave them. */
  readonly indicators: Readonly<Record<string, StrategyReading>>;
  readonly position: PositionView;
  readonly session: SessionView;
  readonly params: P;
  /** The state this strategy returned last time (initialState on the first candle, or after a restart). */
  readonly state: S;
  /** Completed candles seen by this instance, warm-up included. */
  readonly barCount: number;
}

export interface Decision<S> {
  readonly intents: readonly Intent[];
  readonly state: S;
}

export interface StrategyDefinition<P = Record<string, unknown>, S = unknown> {
  /** lower_snake_case, unique; part of every client_order_id. */
  readonly name: string;
  readonly description: string;
  /** zod schema of the parameters, with defaults for every field (an empty object must parse). */
  readonly params: z.ZodType<P>;
  /** Candle timeframe when the configuration does not set one. */
  readonly defaultTimeframe: Timeframe;
  /** How many completed candles must be seen before `decide` may act (the longest indicator's warm-up). */
  warmUp(params: P): number;
  /** How many recent candles `decide` receives in `candles` (default 1). */
  lookback?(params: P): number;
  indicators(params: P): Readonly<Record<string, IndicatorSpec>>;
  initialState(params: P): S;
  decide(input: DecideInput<P, S>): Decision<S>;
  /**
   * Version of the state's shape (default 1). A state persisted under another version is not restored after a
   * restart (the instance starts from `initialState` and replays its warm-up candles instead): bump it when a
   * code change makes old states meaningless.
   */
  readonly stateVersion?: number;
}

/** The position view of a strategy with nothing held and nothing pending. */
export const FLAT_POSITION: PositionView = Object.freeze({
  side: 'flat',
  qty: 0,
  avgEntryPrice: undefined,
  stop: undefined,
  entryTs: undefined,
  pendingEntry: false,
});

/** Identity helper that keeps P and S inferred for authors: `export default defineStrategy({...})`. */
export function defineStrategy<P, S>(definition: StrategyDefinition<P, S>): StrategyDefinition<P, S> {
  return definition;
}
