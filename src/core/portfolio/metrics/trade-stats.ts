// The trade-based metrics (SPEC §11): win rate, profit factor, average trade and commission.
// Why exact: sums of money are Decimal (SPEC S9); only the final ratios become numbers.
// Must never: count a break-even trade (pnl = 0) as a winner or as a loser.
import { Decimal } from '../../../domain/decimal.js';
import { MetricsInputError, type MetricsTrade } from './performance-metrics.js';

/** What the trades yield. */
export interface TradeStats {
  readonly tradeCount: number;
  readonly winRatePct: number | null;
  readonly profitFactor: number | null;
  readonly averageTrade: string | null;
  readonly averageTradePct: number | null;
  readonly commission: Decimal;
}

function pctOf(trade: MetricsTrade, i: number): Decimal {
  const value = trade.pnlPct;
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) throw new MetricsInputError(`trades[${i}].pnlPct is ${String(value)}: expected a finite number`);
  return Decimal.fromNumber(value, 12);
}

/**
 * Win rate (net pnl > 0), profit factor (gross profit / gross loss), mean net pnl, mean pnlPct and the
 * commission sum of completed trades.
 * @throws MetricsInputError on a negative commission or a non-finite pnlPct.
 */
export function tradeStats(trades: readonly MetricsTrade[]): TradeStats {
  let winners = 0;
  let grossProfit = Decimal.ZERO;
  let grossLoss = Decimal.ZERO;
  let pctSum = Decimal.ZERO;
  let commission = Decimal.ZERO;
  trades.forEach((trade, i) => {
    if (trade.commission.isNegative()) {
      throw new MetricsInputError(`trades[${i}].commission is ${trade.commission.toString()}: expected ≥ 0`);
    }
    if (trade.pnl.isPositive()) {
      winners++;
      grossProfit = grossProfit.plus(trade.pnl);
    } else if (trade.pnl.isNegative()) {
      grossLoss = grossLoss.minus(trade.pnl);
    }
    pctSum = pctSum.plus(pctOf(trade, i));
    commission = commission.plus(trade.commission);
  });
  const count = trades.length;
  if (count === 0) {
    return { tradeCount: 0, winRatePct: null, profitFactor: null, averageTrade: null, averageTradePct: null, commission };
  }
  return {
    tradeCount: count,
    winRatePct: (winners / count) * 100,
    profitFactor: grossLoss.isZero() ? null : grossProfit.div(grossLoss).toNumber(),
    averageTrade: grossProfit.minus(grossLoss).div(count).toString(),
    averageTradePct: pctSum.div(count).times(100).toNumber(),
    commission,
  };
}
