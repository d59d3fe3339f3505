// Orders sweep results by one BacktestMetrics field: a total order with undefined metrics (null) last and ties
// broken by grid order, so a ranking never depends on which worker finished first.
// Must never: compare decimal-string metrics as floats (they are compared exactly), or rank a null above a value.
import { Decimal } from '../../../domain/decimal.js';
import type { BacktestMetrics } from '../backtest-types.js';

/** A metric a sweep can rank by. */
export type RankMetric = keyof BacktestMetrics;

/** Every metric a sweep can rank by, in the order BacktestMetrics lists them. */
export const RANK_METRICS: readonly RankMetric[] = [
  'initialEquity', 'finalEquity', 'netPnl', 'totalReturnPct', 'cagrPct', 'sharpe', 'sortino', 'maxDrawdownPct', 'winRatePct',
  'profitFactor', 'exposurePct', 'tradeCount', 'averageTrade', 'averageTradePct', 'commission',
];

/** Metrics where smaller is better (ranked ascending unless the caller says otherwise). */
const LOWER_IS_BETTER: ReadonlySet<RankMetric> = new Set<RankMetric>(['maxDrawdownPct', 'commission']);

/** Thrown for an unknown metric name: names it and the allowed ones. */
export class RankMetricError extends RangeError {
  override readonly name = 'RankMetricError';
}

/** @throws RankMetricError naming the value and the allowed metrics */
export function parseRankMetric(text: string): RankMetric {
  const found = RANK_METRICS.find((m) => m === text);
  if (found === undefined) throw new RankMetricError(`cannot rank by ${JSON.stringify(text)}: allowed ${RANK_METRICS.join(', ')}`);
  return found;
}

/** Whether `metric` ranks highest-first by default (false for maxDrawdownPct and commission: smaller is better). */
export function defaultDescending(metric: RankMetric): boolean {
  return !LOWER_IS_BETTER.has(metric);
}

type MetricValue = BacktestMetrics[RankMetric];

function compareValues(a: NonNullable<MetricValue>, b: NonNullable<MetricValue>): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return Decimal.of(String(a)).cmp(String(b));
}

/**
 * Compares two metric values for ranking: negative when `a` ranks before `b`. Nulls (undefined metrics) rank
 * after every value in both directions; NaN never occurs (metrics use null) but would rank like null.
 */
export function compareMetric(a: MetricValue, b: MetricValue, descending: boolean): number {
  const aMissing = a === null || (typeof a === 'number' && Number.isNaN(a));
  const bMissing = b === null || (typeof b === 'number' && Number.isNaN(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const c = compareValues(a, b);
  return descending ? -c : c;
}

/**
 * `rows` sorted best first by `metric`, ties (and nulls among themselves) by `index` ascending (grid order).
 * Returns a new array.
 */
export function rankRows<R extends { readonly index: number; readonly metrics: BacktestMetrics }>(rows: readonly R[], metric: RankMetric, descending: boolean): R[] {
  return [...rows].sort((x, y) => compareMetric(x.metrics[metric], y.metrics[metric], descending) || x.index - y.index);
}
