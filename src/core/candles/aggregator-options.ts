// Options of the candle aggregator, their defaults and their validation. Exists so a bad setting fails
// at construction with a message naming it, never later in the middle of a session.
// Must never: accept a value the aggregator cannot honour (it throws RangeError instead).

import { TIMEFRAMES, isTimeframe, type Timeframe } from '../../domain/bar.js';

/** Options of a {@link CandleAggregator}. */
export interface CandleAggregatorOptions {
  /** The one symbol this aggregator serves. */
  readonly symbol: string;
  /** Candle size; `1Day` passes daily bars through unchanged. */
  readonly timeframe: Timeframe;
  /**
   * Also aggregate pre-market (04:00–09:30 ET) and after-hours (close–20:00, 17:00 on early closes)
   * 1-minute bars. Default false: those bars are ignored (debug diagnostic `OUT_OF_SESSION`). Pre-market
   * windows are aligned to end at 09:30 (the first is cut at 04:00), after-hours windows start at the
   * close; no window spans the open or the close. Extended-hours bars are sparse, so expect many
   * partial and empty windows.
   */
  readonly extendedHours?: boolean;
  /** How long after a window's end to wait for missing bars before emitting it partial. Default 90 000 ms. */
  readonly graceMs?: number;
  /**
   * Ask the engine to fetch windows that got no bar at all (a `fetch` event). Default true. Backtests
   * set false: their data is all there is, so an empty window is skipped at once.
   */
  readonly fetchEmptyWindows?: boolean;
  /** How long to wait for `supplyFetched` after a fetch request before giving up on it. Default 60 000 ms. */
  readonly fetchTimeoutMs?: number;
}

/** Options with every default filled in. */
export interface ResolvedAggregatorOptions {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly extendedHours: boolean;
  readonly graceMs: number;
  readonly fetchEmptyWindows: boolean;
  readonly fetchTimeoutMs: number;
}

export const DEFAULT_GRACE_MS = 90_000;
export const DEFAULT_FETCH_TIMEOUT_MS = 60_000;
const MAX_WAIT_MS = 3_600_000;

function checkWait(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_WAIT_MS) {
    throw new RangeError(`candle aggregator option ${name}: ${String(value)} is invalid; expected an integer number of ms in 0..${MAX_WAIT_MS}`);
  }
  return value;
}

/**
 * Fills defaults and validates.
 * @throws RangeError naming the option, its value and what is allowed
 */
export function resolveAggregatorOptions(options: CandleAggregatorOptions): ResolvedAggregatorOptions {
  if (typeof options.symbol !== 'string' || options.symbol.trim() === '' || options.symbol.trim() !== options.symbol) {
    throw new RangeError(`candle aggregator option symbol: ${JSON.stringify(options.symbol)} is invalid; expected a non-empty symbol without spaces`);
  }
  if (!isTimeframe(options.timeframe)) {
    throw new RangeError(`candle aggregator option timeframe: ${JSON.stringify(options.timeframe)} is invalid; allowed ${TIMEFRAMES.join(', ')}`);
  }
  return {
    symbol: options.symbol,
    timeframe: options.timeframe,
    extendedHours: options.extendedHours ?? false,
    graceMs: checkWait('graceMs', options.graceMs ?? DEFAULT_GRACE_MS),
    fetchEmptyWindows: options.fetchEmptyWindows ?? true,
    fetchTimeoutMs: checkWait('fetchTimeoutMs', options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS),
  };
}
