// Public surface of the embedded exchange's market: bar sources (synthetic, CSV, arrays), the virtual clock,
// the replay driver and the Market Data REST logic. The server and the composition root import from here.
// Must never: export internals (skeletons, PRNG state, query helpers beyond the shared input type).

export { ArrayBarSource, barProblem, type ArrayBarSourceOptions } from './array-bar-source.js';
export { BarCsvError, parseBarCsv, type BarCsvOptions, type CsvProblem } from './bar-csv.js';
export { MINUTE_MS, type BarSource, type BarSourceKind } from './bar-source.js';
export { CsvBarSource } from './csv-bar-source.js';
export { SyntheticMarket, type SyntheticMarketOptions } from './synthetic-market.js';
export { openingQuote, openingTrade, type QuoteEvent, type TradeEvent } from './synthetic-ticks.js';
export { VirtualClock, assertSpeed, MAX_NUMERIC_SPEED, type ClockSpeed, type ClockWindow, type VirtualClockOptions } from './virtual-clock.js';
export { MarketReplay, type MarketReplayOptions, type ReplayEnd } from './market-replay.js';
export { MarketData, type MarketDataOptions } from './market-data.js';
export type { MultiBarsBody, SingleBarsBody } from './bars-endpoint.js';
export type { Snapshot } from './latest-endpoint.js';
export type { CalendarRow, ClockBody } from './alpaca-calendar.js';
export type { AlpacaAsset } from './asset-book.js';
export type { QueryInput } from './market-query.js';
export { rfc3339Et, rfc3339Nanos, rfc3339Z, wireBar, type WireBar, type WireQuote, type WireTrade } from './wire.js';
export { parseTimeframe, type Timeframe, type TimeframeUnit } from './timeframe.js';
