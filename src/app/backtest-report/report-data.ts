// Shapes a BacktestResult into the compact, columnar chart data the report embeds as JSON: downsampled equity and
// drawdown, (merged) candles of the first symbol and the fill markers on them. Chart times are New York wall-clock
// seconds (lightweight-charts draws times as UTC, so each instant is shifted by its ET offset, DST included).
// Must never: embed an unbounded number of points (every series has a cap), or produce times that are not
// strictly ascending (the chart library rejects them).

import { etOffsetMs } from '../../domain/calendar/eastern-time.js';
import type { BacktestFill, BacktestResult } from '../../runtime/backtest/backtest-types.js';
import { aggregateCandles, equityAndDrawdown, type CandleColumns } from './report-downsample.js';

/** Caps on what one report embeds. */
export interface ReportLimits {
  readonly equityPoints: number;
  readonly candles: number;
  readonly markers: number;
  /** Markers carry a text label (side, qty, price) only when there are at most this many. */
  readonly labelledMarkers: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { equityPoints: 5000, candles: 4000, markers: 2000, labelledMarkers: 30 };

export interface LineData {
  readonly time: number[];
  readonly value: number[];
}

export interface CandleData {
  readonly symbol: string;
  /** Input candles merged into each drawn candle (1 = as run). */
  readonly per: number;
  readonly inputCandles: number;
  readonly time: number[];
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
}

export interface MarkerData {
  readonly time: number[];
  /** 'b' buy, 's' sell. */
  readonly side: string[];
  readonly text: string[];
  /** Fills of the candle symbol that are not drawn (over the cap, or outside the candles' range). */
  readonly omitted: number;
}

/** Everything the page script draws. */
export interface ReportChartData {
  readonly equity: LineData;
  readonly drawdown: LineData;
  readonly equityInputPoints: number;
  readonly candles: CandleData | null;
  readonly markers: MarkerData;
}

/** Instant (epoch ms) → chart time: New York wall-clock seconds. */
export function chartTime(t: number): number {
  return Math.floor((t + etOffsetMs(t)) / 1000);
}

function roundTo(value: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(value * f) / f;
}

/** Converts to chart times, dropping any point whose chart time does not increase (duplicates, DST fall-back). */
function toLine(t: readonly number[], v: readonly number[], dp: number): LineData {
  const out: LineData = { time: [], value: [] };
  let previous = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const time = chartTime(t[i] ?? NaN);
    if (!(time > previous)) continue;
    previous = time;
    out.time.push(time);
    out.value.push(roundTo(v[i] ?? 0, dp));
  }
  return out;
}

function toCandleData(symbol: string, per: number, inputCandles: number, c: CandleColumns): CandleData {
  const out: CandleData = { symbol, per, inputCandles, time: [], open: [], high: [], low: [], close: [] };
  let previous = -Infinity;
  for (let i = 0; i < c.t.length; i++) {
    const time = chartTime(c.t[i] ?? NaN);
    if (!(time > previous)) continue;
    previous = time;
    out.time.push(time);
    out.open.push(c.o[i] ?? 0);
    out.high.push(c.h[i] ?? 0);
    out.low.push(c.l[i] ?? 0);
    out.close.push(c.c[i] ?? 0);
  }
  return out;
}

/** Index of the last candle whose start is ≤ t, or -1. `starts` ascending. */
function candleIndexAt(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Infinity) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The fills to draw: all when under the cap, else the first and last half of the cap. */
function cappedFills(fills: readonly BacktestFill[], cap: number): BacktestFill[] {
  if (fills.length <= cap) return [...fills];
  const head = Math.ceil(cap / 2);
  return [...fills.slice(0, head), ...fills.slice(fills.length - (cap - head))];
}

function buildMarkers(fills: readonly BacktestFill[], candles: CandleData | null, limits: ReportLimits): MarkerData {
  const markers: MarkerData = { time: [], side: [], text: [], omitted: 0 };
  if (candles === null) return markers;
  const own = fills.filter((f) => f.symbol === candles.symbol).sort((a, b) => a.t - b.t);
  const drawn = cappedFills(own, limits.markers);
  const labelled = drawn.length <= limits.labelledMarkers;
  for (const fill of drawn) {
    const index = candleIndexAt(candles.time, chartTime(fill.t));
    if (index < 0) continue;
    markers.time.push(candles.time[index] ?? 0);
    markers.side.push(fill.side === 'buy' ? 'b' : 's');
    markers.text.push(labelled ? `${fill.side === 'buy' ? 'B' : 'S'} ${fill.qty} @ ${fill.price}` : '');
  }
  return { ...markers, omitted: own.length - markers.time.length };
}

/** The chart data of a result, within `limits`. */
export function buildReportChartData(result: BacktestResult, limits: ReportLimits = DEFAULT_REPORT_LIMITS): ReportChartData {
  const series = equityAndDrawdown(result.equity, limits.equityPoints);
  let candles: CandleData | null = null;
  if (result.candles !== undefined && result.candles.t.length > 0) {
    const merged = aggregateCandles(result.candles, limits.candles);
    candles = toCandleData(result.candles.symbol, merged.per, result.candles.t.length, merged.candles);
  }
  return {
    equity: toLine(series.equity.t, series.equity.v, 2),
    drawdown: toLine(series.drawdown.t, series.drawdown.v, 3),
    equityInputPoints: series.inputPoints,
    candles,
    markers: buildMarkers(result.fills, candles, limits),
  };
}
