// Sanity checks of one incoming bar before it may touch a candle. Exists because a single corrupt bar
// (high < low, NaN, a timestamp off the minute) would otherwise poison a candle and every indicator
// fed from it.
// Must never: throw on bad data (it returns the reason), or allocate for a good bar (hot path).

import type { Bar, Timeframe } from '../../domain/bar.js';

const MS_PER_MINUTE = 60_000;

function isPositivePrice(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}

function describe(bar: Bar): string {
  return `o=${bar.open} h=${bar.high} l=${bar.low} c=${bar.close} v=${bar.volume}`;
}

/** The reason OHLCV of `bar` is unusable, or undefined when it is sound. */
function ohlcvProblem(bar: Bar): string | undefined {
  const { open, high, low, close, volume } = bar;
  if (!isPositivePrice(open) || !isPositivePrice(high) || !isPositivePrice(low) || !isPositivePrice(close)) {
    return `prices must be finite and > 0 (${describe(bar)})`;
  }
  if (high < low) return `high ${high} < low ${low}`;
  if (open > high || open < low) return `open ${open} outside [low ${low}, high ${high}]`;
  if (close > high || close < low) return `close ${close} outside [low ${low}, high ${high}]`;
  if (!Number.isFinite(volume) || volume < 0) return `volume ${volume} must be finite and >= 0`;
  if (bar.vwap !== undefined && !isPositivePrice(bar.vwap)) return `vwap ${bar.vwap} must be finite and > 0`;
  if (bar.tradeCount !== undefined && !(Number.isInteger(bar.tradeCount) && bar.tradeCount >= 0)) {
    return `tradeCount ${bar.tradeCount} must be an integer >= 0`;
  }
  return undefined;
}

/**
 * Why `bar` cannot be aggregated by an aggregator of (`symbol`, `timeframe`), or undefined when it can.
 * Intraday aggregators take 1Min bars stamped on a whole minute; daily ones take 1Day bars.
 */
export function barProblem(bar: Bar, symbol: string, timeframe: Timeframe): string | undefined {
  if (bar.symbol !== symbol) return `symbol ${JSON.stringify(bar.symbol)} is not this aggregator's ${JSON.stringify(symbol)}`;
  const wanted = timeframe === '1Day' ? '1Day' : '1Min';
  if (bar.timeframe !== wanted) {
    return `timeframe ${JSON.stringify(bar.timeframe)}: a ${timeframe} aggregator takes ${wanted} bars only`;
  }
  if (!Number.isSafeInteger(bar.t)) return `timestamp ${String(bar.t)} is not an integer epoch ms`;
  if (wanted === '1Min' && bar.t % MS_PER_MINUTE !== 0) {
    return `timestamp ${new Date(bar.t).toISOString()} is not on a whole minute`;
  }
  return ohlcvProblem(bar);
}
