// The shape of a backtest's performance figures (SPEC §11) and of what they are computed from.
// Why a core type: the runtime's BacktestMetrics is an alias of PerformanceMetrics, so the definitions live
// beside the pure code that computes them (core may not import runtime).
// Must never: hold behaviour or a class instance: the figures are JSON (persisted, printed, sent to workers).
import type { Decimal } from '../../../domain/decimal.js';

/**
 * SPEC §11 metrics. Percentages are percent (12.5 = 12.5 %); ratios are null when undefined (no variance, no
 * losses). Money is an exact decimal string. The definitions are in docs/backtest-metrics.md.
 */
export interface PerformanceMetrics {
  readonly initialEquity: string;
  readonly finalEquity: string;
  /** finalEquity − initialEquity, exact. */
  readonly netPnl: string;
  /** (final / initial − 1) × 100. */
  readonly totalReturnPct: number;
  /** Compound annual growth over the calendar span from→to (365.25-day years); null under one day. */
  readonly cagrPct: number | null;
  /** Annualised (×√252) mean / sample std of daily returns, risk-free 0; null under 2 days or no variance. */
  readonly sharpe: number | null;
  /** Annualised (×√252) mean / downside deviation of daily returns; null under 2 days or no losing day. */
  readonly sortino: number | null;
  /** Largest peak-to-trough fall of the equity curve, percent of the peak (a positive number; 0 = none). */
  readonly maxDrawdownPct: number;
  /** Trades with net pnl > 0 over all trades, percent; null without trades. */
  readonly winRatePct: number | null;
  /** Gross profit / gross loss of the trades; null without a losing trade. */
  readonly profitFactor: number | null;
  /** Share of equity points with a position open, percent. */
  readonly exposurePct: number;
  readonly tradeCount: number;
  /** Mean net pnl per trade (exact sum divided by the count, 12 decimal places at most); null without trades. */
  readonly averageTrade: string | null;
  /** Mean of the trades' pnlPct, percent; null without trades. */
  readonly averageTradePct: number | null;
  /** Commission paid, exact: the trades' sum unless the caller gives the total paid. */
  readonly commission: string;
}

/** The equity curve, columnar (a 500k-point run must not hold 500k objects). Times in epoch ms, ascending. */
export interface MetricsEquity {
  readonly t: ArrayLike<number>;
  readonly equity: ArrayLike<number>;
  /** Non-zero when any position was open at that point. */
  readonly invested: ArrayLike<number>;
}

/** One completed round trip, as far as the metrics need it. */
export interface MetricsTrade {
  /** Net of commission. */
  readonly pnl: Decimal;
  /** A fraction of the entry cost (0.015 = 1.5 %), as the portfolio computes it. */
  readonly pnlPct: Decimal | number;
  readonly commission: Decimal;
}

export interface MetricsInput {
  /** Starting equity; must be positive. */
  readonly initialEquity: Decimal;
  readonly finalEquity: Decimal;
  readonly equity: MetricsEquity;
  readonly trades: readonly MetricsTrade[];
  /** Start and end of the run, epoch ms (the calendar span CAGR is taken over). */
  readonly from: number;
  readonly to: number;
  /**
   * Total commission paid, when the caller knows it (it includes fills of positions still open at the end,
   * which no trade carries). Default: the sum of the trades' commissions.
   */
  readonly commissionPaid?: Decimal;
}

/** Thrown on input the metrics cannot be computed from; the message names the field, the value and what is allowed. */
export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';
}
