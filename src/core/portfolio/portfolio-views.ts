// Read-only views of the ledger for its three readers: the dashboard/status.json (snapshot, plain JSON with
// decimal strings), the equity curve (an EquityPoint every 60 s, SPEC §10) and the risk engine (RiskFacts).
// Must never: mutate the portfolio, or turn a ledger value into a float (SPEC S9: strings on the wire).
import { Decimal } from '../../domain/decimal.js';
import type { StrategyId, Ticker } from '../../domain/ids.js';
import type { PositionSide } from '../../domain/order.js';
import type { EquityPoint } from '../../ports/store-records.js';
import { averagePrice, marketValue, unrealizedPnl, type Position } from './position.js';
import type { StrategyTotals } from './strategy-book.js';

/** What the views read; the Portfolio implements it. */
export interface PortfolioReadable {
  readonly cash: Decimal;
  readonly realizedPnl: Decimal;
  readonly commissions: Decimal;
  readonly peakEquity: Decimal;
  readonly lossStreak: number;
  readonly lastLossAt: number | null;
  readonly day: { readonly date: string; readonly startsAt: number } | undefined;
  readonly today: { entries(): number; realized(): Decimal; lossStreak(): number; roundTrips(): number };
  readonly strategies: { all(): StrategyTotals[] };
  positions(): Position[];
  equity(): Decimal;
  startOfDayEquity(): Decimal;
  dailyPnl(): Decimal;
  drawdown(): Decimal;
  unrealizedPnl(): Decimal;
}

/** One open position as the dashboard shows it; decimals as strings. */
export interface PositionSnapshot {
  readonly symbol: Ticker;
  readonly strategy: StrategyId;
  readonly side: PositionSide;
  /** Signed shares. */
  readonly qty: string;
  readonly avgEntryPrice: string;
  readonly lastPrice: string;
  /** Signed: long positive, short negative. */
  readonly marketValue: string;
  readonly costBasis: string;
  readonly unrealizedPnl: string;
  /** Unrealized P&L / cost basis, a fraction. */
  readonly unrealizedPct: string;
  readonly openedAt: number;
  readonly adopted: boolean;
}

/** One strategy's attribution as the dashboard shows it. */
export interface StrategySnapshot {
  readonly strategy: StrategyId;
  readonly realizedPnl: string;
  readonly commissions: string;
  readonly unrealizedPnl: string;
  readonly openPositions: number;
  readonly roundTrips: number;
  readonly wins: number;
  readonly losses: number;
}

/** The ledger for the dashboard and status.json: plain JSON, every decimal a string. */
export interface PortfolioSnapshot {
  readonly equity: string;
  readonly cash: string;
  readonly day: string | null;
  readonly startOfDayEquity: string;
  readonly dailyPnl: string;
  /** dailyPnl / startOfDayEquity, a fraction ("0" when start-of-day equity is not positive). */
  readonly dailyPnlPct: string;
  readonly realizedToday: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly commissions: string;
  readonly longMarketValue: string;
  /** Negative or zero. */
  readonly shortMarketValue: string;
  readonly peakEquity: string;
  /** (peak − equity) / peak, a fraction. */
  readonly drawdown: string;
  readonly entriesToday: number;
  readonly roundTripsToday: number;
  readonly lossStreak: number;
  readonly positions: readonly PositionSnapshot[];
  readonly strategies: readonly StrategySnapshot[];
}

/** The numbers the risk engine needs (SPEC §6); the engine maps them to its RiskFacts. */
export interface PortfolioRiskFacts {
  readonly equity: Decimal;
  readonly cash: Decimal;
  readonly startOfDayEquity: Decimal;
  readonly peakEquity: Decimal;
  /** equity − start-of-day equity. */
  readonly dailyPnl: Decimal;
  /** (peak − equity) / peak, a fraction ≥ 0. */
  readonly drawdown: Decimal;
  readonly openPositions: number;
  readonly openSymbols: readonly Ticker[];
  /** Orders whose fills opened or added to a position today. */
  readonly entriesToday: number;
  /** Consecutive losing round trips, across days. */
  readonly lossStreak: number;
  /** Consecutive losing round trips closed today (resets at startDay): the loss-streak pause reads this. */
  readonly lossStreakToday: number;
  readonly lastLossAt: number | null;
  /** The session date the daily numbers refer to, null before the first startDay. */
  readonly day: string | null;
}

function ratio(numerator: Decimal, denominator: Decimal): Decimal {
  return denominator.isPositive() ? numerator.div(denominator) : Decimal.ZERO;
}

function positionSnapshot(position: Position): PositionSnapshot {
  const unrealized = unrealizedPnl(position);
  return {
    symbol: position.symbol,
    strategy: position.strategy,
    side: position.qty.isPositive() ? 'long' : 'short',
    qty: position.qty.toString(),
    avgEntryPrice: averagePrice(position).toString(),
    lastPrice: position.lastPrice.toString(),
    marketValue: marketValue(position).toString(),
    costBasis: position.costBasis.toString(),
    unrealizedPnl: unrealized.toString(),
    unrealizedPct: ratio(unrealized, position.costBasis).toString(),
    openedAt: position.openedAt,
    adopted: position.adopted,
  };
}

function strategySnapshots(ledger: PortfolioReadable): StrategySnapshot[] {
  const positions = ledger.positions();
  return ledger.strategies.all().map((totals) => {
    const owned = positions.filter((position) => position.strategy === totals.strategy);
    return {
      strategy: totals.strategy,
      realizedPnl: totals.realizedPnl.toString(),
      commissions: totals.commissions.toString(),
      unrealizedPnl: Decimal.sum(owned.map(unrealizedPnl)).toString(),
      openPositions: owned.length,
      roundTrips: totals.roundTrips,
      wins: totals.wins,
      losses: totals.losses,
    };
  });
}

/** Long (≥ 0) and short (≤ 0) market value. */
export function marketValues(positions: readonly Position[]): { long: Decimal; short: Decimal } {
  const values = positions.map(marketValue);
  return { long: Decimal.sum(values.filter((v) => v.isPositive())), short: Decimal.sum(values.filter((v) => v.isNegative())) };
}

/** Builds the dashboard/status.json snapshot. */
export function snapshotOf(ledger: PortfolioReadable): PortfolioSnapshot {
  const positions = ledger.positions();
  const values = marketValues(positions);
  const dailyPnl = ledger.dailyPnl();
  return {
    equity: ledger.equity().toString(),
    cash: ledger.cash.toString(),
    day: ledger.day?.date ?? null,
    startOfDayEquity: ledger.startOfDayEquity().toString(),
    dailyPnl: dailyPnl.toString(),
    dailyPnlPct: ratio(dailyPnl, ledger.startOfDayEquity()).toString(),
    realizedToday: ledger.today.realized().toString(),
    realizedPnl: ledger.realizedPnl.toString(),
    unrealizedPnl: ledger.unrealizedPnl().toString(),
    commissions: ledger.commissions.toString(),
    longMarketValue: values.long.toString(),
    shortMarketValue: values.short.toString(),
    peakEquity: ledger.peakEquity.toString(),
    drawdown: ledger.drawdown().toString(),
    entriesToday: ledger.today.entries(),
    roundTripsToday: ledger.today.roundTrips(),
    lossStreak: ledger.lossStreak,
    positions: positions.map(positionSnapshot),
    strategies: strategySnapshots(ledger),
  };
}

/** The equity-curve row for `store.equity.record` at `now` (buying power is the account's: left null). */
export function equityPointOf(ledger: PortfolioReadable, now: number): EquityPoint {
  const positions = ledger.positions();
  const values = marketValues(positions);
  return {
    ts: now,
    equity: ledger.equity(),
    cash: ledger.cash,
    dailyPnl: ledger.dailyPnl(),
    buyingPower: null,
    longMarketValue: values.long,
    shortMarketValue: values.short,
    openPositions: positions.length,
  };
}

/** The risk engine's numbers. */
export function riskFactsOf(ledger: PortfolioReadable): PortfolioRiskFacts {
  const positions = ledger.positions();
  return {
    equity: ledger.equity(),
    cash: ledger.cash,
    startOfDayEquity: ledger.startOfDayEquity(),
    peakEquity: ledger.peakEquity,
    dailyPnl: ledger.dailyPnl(),
    drawdown: ledger.drawdown(),
    openPositions: positions.length,
    openSymbols: positions.map((position) => position.symbol),
    entriesToday: ledger.today.entries(),
    lossStreak: ledger.lossStreak,
    lossStreakToday: ledger.today.lossStreak(),
    lastLossAt: ledger.lastLossAt,
    day: ledger.day?.date ?? null,
  };
}
