// Gathers the facts the risk engine judges by (SPEC §6) from the portfolio (recent round trips included), the order
// manager and the runtime's readings (kill switch, breaker, broker account). One place, so live, sim and backtest judge alike.
// Must never: assume an account value (buying power is read from the broker and passed in) or read the clock itself.
import { Decimal } from '../../domain/decimal.js';
import type { Ticker } from '../../domain/ids.js';
import { OPEN_STATES, type OrderState } from '../../domain/order.js';
import type { OrderManager } from '../orders/order-manager.js';
import type { PortfolioLedger } from '../portfolio/index.js';
import type { PendingEntryFact, PositionFact, RiskFacts, RoundTripFact } from '../risk/index.js';

/** Readings the runtime supplies: they come from files, SQLite rows and the broker, not from the engine. */
export interface EngineReadings {
  killSwitch(): { readonly on: boolean; readonly reason?: string };
  breaker(): { readonly tripped: boolean; readonly reason?: string };
  /** The broker account as last read. */
  account(): { readonly equity: Decimal; readonly buyingPower: Decimal; readonly cash: Decimal };
  drawdown(): { readonly haltedAt?: number; readonly resetAt?: number };
}

const RECENT_TRIPS = 50;

function positionFacts(ledger: PortfolioLedger): PositionFact[] {
  return ledger.portfolio.positions().map((p) => ({
    symbol: p.symbol,
    side: p.qty.isNegative() ? 'short' : 'long',
    qty: p.qty.abs(),
    marketValue: p.qty.abs().times(p.lastPrice),
  }));
}

function pendingFacts(orders: Pick<OrderManager, 'activeEntries'>, referencePrice: (symbol: string) => Decimal | undefined): PendingEntryFact[] {
  const open = new Set<OrderState>(OPEN_STATES);
  const out: PendingEntryFact[] = [];
  for (const entry of orders.activeEntries()) {
    if (!open.has(entry.state)) continue;
    const remaining = entry.qty.minus(entry.filledQty);
    if (!remaining.isPositive()) continue;
    const price = entry.limitPrice ?? entry.stopPrice ?? referencePrice(entry.symbol) ?? Decimal.ZERO;
    out.push({ symbol: entry.symbol, side: entry.side === 'buy' ? 'long' : 'short', qty: remaining, notional: remaining.times(price) });
  }
  return out;
}

export function buildRiskFacts(args: {
  readonly now: number;
  readonly readings: EngineReadings;
  readonly ledger: PortfolioLedger;
  readonly orders: Pick<OrderManager, 'activeEntries'>;
}): RiskFacts {
  const { ledger, readings } = args;
  const portfolio = ledger.portfolio.riskFacts();
  const lastPrice = (symbol: string): Decimal | undefined => ledger.portfolio.position(symbol as Ticker)?.lastPrice;
  const trips: RoundTripFact[] = ledger.recentTrades(RECENT_TRIPS).map((t) => ({ openedAt: t.entryTs, closedAt: t.exitTs, pnl: t.pnl }));
  const drawdown = readings.drawdown();
  return {
    now: args.now,
    killSwitch: readings.killSwitch(),
    breaker: readings.breaker(),
    account: readings.account(),
    startOfDayEquity: portfolio.startOfDayEquity,
    pnlToday: portfolio.dailyPnl,
    peakEquity: portfolio.peakEquity,
    ...(drawdown.haltedAt === undefined ? {} : { drawdownHaltedAt: drawdown.haltedAt }),
    ...(drawdown.resetAt === undefined ? {} : { drawdownResetAt: drawdown.resetAt }),
    openPositions: positionFacts(ledger),
    pendingEntries: pendingFacts(args.orders, lastPrice),
    entriesToday: portfolio.entriesToday,
    recentRoundTrips: trips,
  };
}
