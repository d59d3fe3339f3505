// computeMetrics: every SPEC §11 figure of a backtest from its equity curve and its completed trades.
// The definitions (pinned by hand-computed tests and documented in docs/backtest-metrics.md):
//   total return  = (final / initial − 1) × 100
//   CAGR          = ((final / initial)^(1 / years) − 1) × 100, years = (to − from) / 365.25 days;
//                   null when the span is under one day or the result is not finite; −100 when final ≤ 0
//   daily returns = the last equity point of each New York calendar day over the previous such value; the
//                   first day's base is the initial equity (so a one-day run has one daily return)
//   Sharpe        = mean / sample std (n − 1) × √252, risk-free 0; null under 2 daily returns or std 0
//   Sortino       = mean / √(Σ min(r, 0)² / n) × √252; null under 2 daily returns or no losing day
//   max drawdown  = max over points of (running peak − equity) / running peak × 100, the peak starting at
//                   the initial equity
//   win rate      = trades with net pnl > 0 / trades × 100;  profit factor = Σ pnl>0 / |Σ pnl<0|
//   exposure      = points with invested ≠ 0 / points × 100;  average trade = Σ pnl / n (exact)
// Must never: take the time of day from the host, or round money before the final division.
import type { Decimal } from '../../../domain/decimal.js';
import { equityStats } from './equity-stats.js';
import { MetricsInputError, type MetricsInput, type PerformanceMetrics } from './performance-metrics.js';
import { tradeStats } from './trade-stats.js';

/** Days per calendar year for CAGR (the Julian year, leap years averaged in). */
export const DAYS_PER_YEAR = 365.25;
const MS_PER_DAY = 86_400_000;
/** Shortest span CAGR is given for: under a day, annualising a return says nothing. */
export const MIN_CAGR_SPAN_MS = MS_PER_DAY;

function checkSpan(from: number, to: number): void {
  if (!Number.isFinite(from)) throw new MetricsInputError(`from is ${String(from)}: expected finite epoch ms`);
  if (!Number.isFinite(to) || to < from) throw new MetricsInputError(`to is ${String(to)}: expected finite epoch ms ≥ from (${from})`);
}

/** Compound annual growth rate in percent over [from, to]; see the module header for when it is null. */
export function cagrPct(initial: Decimal, final: Decimal, from: number, to: number): number | null {
  checkSpan(from, to);
  const span = to - from;
  if (span < MIN_CAGR_SPAN_MS) return null;
  if (!final.isPositive()) return -100;
  const years = span / (DAYS_PER_YEAR * MS_PER_DAY);
  const cagr = (Math.pow(final.div(initial).toNumber(), 1 / years) - 1) * 100;
  return Number.isFinite(cagr) ? cagr : null;
}

/**
 * The SPEC §11 metrics of one backtest. One pass over the equity curve, no allocation per point.
 * @throws MetricsInputError naming the field when the initial equity is not positive, the span is reversed,
 *   the curve's columns differ in length, a point is not finite or goes back in time, or a trade is malformed.
 */
export function computeMetrics(input: MetricsInput): PerformanceMetrics {
  const { initialEquity: initial, finalEquity: final } = input;
  if (!initial.isPositive()) throw new MetricsInputError(`initialEquity is ${initial.toString()}: expected > 0`);
  checkSpan(input.from, input.to);
  const curve = equityStats(input.equity, initial.toNumber());
  const trades = tradeStats(input.trades);
  const commission = input.commissionPaid ?? trades.commission;
  if (commission.isNegative()) throw new MetricsInputError(`commissionPaid is ${commission.toString()}: expected ≥ 0`);
  return {
    initialEquity: initial.toString(),
    finalEquity: final.toString(),
    netPnl: final.minus(initial).toString(),
    totalReturnPct: final.div(initial).minus(1).times(100).toNumber(),
    cagrPct: cagrPct(initial, final, input.from, input.to),
    sharpe: curve.sharpe,
    sortino: curve.sortino,
    maxDrawdownPct: curve.maxDrawdownPct,
    winRatePct: trades.winRatePct,
    profitFactor: trades.profitFactor,
    exposurePct: curve.exposurePct,
    tradeCount: trades.tradeCount,
    averageTrade: trades.averageTrade,
    averageTradePct: trades.averageTradePct,
    commission: commission.toString(),
  };
}
