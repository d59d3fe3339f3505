// Startup recovery of the ledger (DESIGN §3.6): replay every stored fill, and every persisted adjustment at
// the point it was made, through the same applyFill/applyAdjustment the live path uses.
// Why: "startup and crash recovery are one code path" — a ledger rebuilt from the store equals the one that
// was running, so a crash between a fill and its bookkeeping loses nothing.
// Must never: read the store itself (the caller passes the rows), or write trades (it returns them).
import type { Decimal } from '../../domain/decimal.js';
import { parseStrategyId, type StrategyId } from '../../domain/ids.js';
import type { FillRecord, NewTrade, OrderIntentRecord } from '../../ports/store-records.js';
import type { PortfolioDay } from './day-ledger.js';
import type { PortfolioAdjustment, PortfolioFill } from './portfolio-fill.js';
import { Portfolio } from './portfolio.js';

/** Owner of fills whose order the store does not know (an order placed outside the bot). */
export const RECONCILED_STRATEGY: StrategyId = parseStrategyId('reconciled');

/** Input of {@link rebuildFromFills}. */
export interface RebuildInput {
  /** Cash before the first fill. After reconciliation, align it with the account through syncCash. */
  readonly startingCash: Decimal;
  /** Fills in the order they were booked (the store lists them by fill time). */
  readonly fills: readonly PortfolioFill[];
  /** Persisted adoptions and local closes; each is replayed right after the fill it was anchored to. */
  readonly adjustments?: readonly PortfolioAdjustment[];
  /** The current trading day; applied after the replay (today's numbers only count fills since it started). */
  readonly day?: PortfolioDay;
  /** The persisted peak equity (drawdown survives a restart); default the equity after the replay. */
  readonly peakEquity?: Decimal;
  /** Hold the peak after the replay until syncCash (see Portfolio.holdPeak). Default false. */
  readonly holdPeak?: boolean;
}

export interface RebuildResult {
  readonly portfolio: Portfolio;
  /** Every round trip the replay completed, oldest first (to check that each is in `trades`). */
  readonly trades: readonly NewTrade[];
  /** Fills skipped because their execution id was already applied. */
  readonly duplicates: number;
}

function anchorsOf(adjustments: readonly PortfolioAdjustment[]): {
  after: Map<string, PortfolioAdjustment[]>;
  unanchored: PortfolioAdjustment[];
} {
  const after = new Map<string, PortfolioAdjustment[]>();
  const unanchored: PortfolioAdjustment[] = [];
  for (const adjustment of adjustments) {
    if (adjustment.afterExecutionId === null) {
      unanchored.push(adjustment);
      continue;
    }
    const list = after.get(adjustment.afterExecutionId) ?? [];
    list.push(adjustment);
    after.set(adjustment.afterExecutionId, list);
  }
  return { after, unanchored };
}

/**
 * Rebuilds a Portfolio from stored fills and adjustments. An adjustment anchored to no fill is applied before
 * the symbol's first fill; one whose anchor fill is missing is applied at the end, in time order.
 * @throws PortfolioInputError on a malformed fill; PortfolioStateError when the adjustments contradict the fills.
 */
export function rebuildFromFills(input: RebuildInput): RebuildResult {
  const portfolio = new Portfolio({ startingCash: input.startingCash });
  const { after, unanchored } = anchorsOf(input.adjustments ?? []);
  const trades: NewTrade[] = [];
  let duplicates = 0;
  const applyUnanchored = (symbol: string | undefined): void => {
    for (let i = 0; i < unanchored.length; ) {
      const adjustment = unanchored[i];
      if (adjustment !== undefined && (symbol === undefined || adjustment.symbol === symbol)) {
        portfolio.applyAdjustment(adjustment);
        unanchored.splice(i, 1);
      } else i += 1;
    }
  };
  for (const fill of input.fills) {
    applyUnanchored(fill.symbol);
    const outcome = portfolio.applyFill(fill);
    if (!outcome.applied) duplicates += 1;
    if (outcome.trade !== undefined) trades.push(outcome.trade);
    for (const adjustment of after.get(fill.executionId) ?? []) portfolio.applyAdjustment(adjustment);
    after.delete(fill.executionId);
  }
  const leftovers = [...unanchored, ...[...after.values()].flat()].sort((a, b) => a.at - b.at);
  for (const adjustment of leftovers) portfolio.applyAdjustment(adjustment);
  if (input.day !== undefined) portfolio.startDay(input.day);
  if (input.holdPeak === true) portfolio.holdPeak();
  portfolio.restorePeak(input.peakEquity ?? portfolio.equity());
  return { portfolio, trades, duplicates };
}

/**
 * The cash before `fills` given the cash after them: adds back what buys paid and takes out what sells
 * brought, commissions included. Lets a restart replay every stored fill and land on the account's cash.
 */
export function cashBefore(cashAfter: Decimal, fills: readonly PortfolioFill[]): Decimal {
  const seen = new Set<string>();
  let cash = cashAfter;
  for (const fill of fills) {
    if (seen.has(fill.executionId)) continue;
    seen.add(fill.executionId);
    const notional = fill.qty.times(fill.price);
    cash = (fill.side === 'buy' ? cash.plus(notional) : cash.minus(notional)).plus(fill.commission);
  }
  return cash;
}

/**
 * Maps a stored fill and its order intent to the portfolio's input. A fill without a known intent is
 * attributed to `reconciled` with the role `close`.
 */
export function fillFromRecord(
  record: FillRecord,
  intent: Pick<OrderIntentRecord, 'strategy' | 'role' | 'correlationId'> | undefined,
): PortfolioFill {
  return {
    executionId: record.executionId,
    clientOrderId: record.clientOrderId,
    strategy: intent?.strategy ?? RECONCILED_STRATEGY,
    symbol: record.symbol,
    side: record.side,
    qty: record.qty,
    price: record.price,
    commission: record.commission,
    at: record.ts,
    role: intent?.role ?? 'close',
    correlationId: intent?.correlationId ?? null,
  };
}
