// Bars and timeframes: the vocabulary of market data on the bot side.
// Prices are numbers (indicator maths) with at most 4 decimals, as Alpaca sends them; the ledger never takes a
// bar price without converting it to a Decimal first. `t` is the bar's START, epoch milliseconds UTC.
// Must never: carry vendor field names (Alpaca's o/h/l/c/v stay in the adapter's mapper).

/** Candle sizes the engine aggregates to (SPEC §4), plus daily bars that pass through. */
export const TIMEFRAMES = ['1Min', '2Min', '5Min', '10Min', '15Min', '30Min', '1Hour', '1Day'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Minutes per candle for intraday timeframes; 1Day is a session, not a count of minutes. */
export const TIMEFRAME_MINUTES: Readonly<Record<Exclude<Timeframe, '1Day'>, number>> = {
  '1Min': 1,
  '2Min': 2,
  '5Min': 5,
  '10Min': 10,
  '15Min': 15,
  '30Min': 30,
  '1Hour': 60,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** @throws RangeError naming the value and the allowed ones. */
export function parseTimeframe(value: string): Timeframe {
  if (!isTimeframe(value)) throw new RangeError(`invalid timeframe ${JSON.stringify(value)}: allowed ${TIMEFRAMES.join(', ')}`);
  return value;
}

export interface Bar {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Bar start, epoch ms UTC. */
  readonly t: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Volume-weighted average price when the source provides it. */
  readonly vwap?: number;
  readonly tradeCount?: number;
}
