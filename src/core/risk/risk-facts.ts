// The snapshot of the world the risk engine decides on: switches, account, today's counters, positions and
// recent round trips. The runtime gathers it (store, broker account, portfolio) and passes it in, so every
// decision is a pure function of (signal, limits, facts) and can be replayed.
// Must never: be filled with assumed values — buying power in particular comes from the broker account.
import type { Decimal } from '../../domain/decimal.js';

export type PositionSide = 'long' | 'short';

/** An open position (from the portfolio/broker). */
export interface PositionFact {
  readonly symbol: string;
  readonly side: PositionSide;
  /** Absolute share count. */
  readonly qty: Decimal;
  /** Absolute market value (|qty| × last price). */
  readonly marketValue: Decimal;
}

/** An entry order that is working (not yet filled or cancelled): it may still become a position. */
export interface PendingEntryFact {
  readonly symbol: string;
  readonly side: PositionSide;
  readonly qty: Decimal;
  /** Absolute value at its limit/stop or reference price. */
  readonly notional: Decimal;
}

/** A completed round trip (from `trades`). */
export interface RoundTripFact {
  /** Epoch ms of the entry fill (for the day-trade budget: opened and closed on the same ET date). */
  readonly openedAt: number;
  /** Epoch ms of the closing fill. */
  readonly closedAt: number;
  /** Net P&L after commission; negative = a losing round trip. */
  readonly pnl: Decimal;
}

/** Everything the engine needs to know at decision time. */
export interface RiskFacts {
  /** Decision time, epoch ms (the clock port in live, the candle end in backtests). */
  readonly now: number;
  /** KILL_SWITCH env or the DATA_DIR/.kill_switch file (SPEC S2). */
  readonly killSwitch: { readonly on: boolean; readonly reason?: string };
  /** The failure circuit breaker from SQLite (SPEC S3). */
  readonly breaker: { readonly tripped: boolean; readonly reason?: string };
  /** The broker account as last read (never assumed). */
  readonly account: { readonly equity: Decimal; readonly buyingPower: Decimal; readonly cash: Decimal };
  /** Equity at the start of today's ET session (reset by the runtime at the session date change). */
  readonly startOfDayEquity: Decimal;
  /** Today's realized + unrealized P&L. */
  readonly pnlToday: Decimal;
  /** Highest equity since the last manual drawdown reset (the runtime re-bases it on reset). */
  readonly peakEquity: Decimal;
  /** When the engine last reported MAX_DRAWDOWN (latched by the runtime); absent if never. */
  readonly drawdownHaltedAt?: number;
  /** When a person last reset the drawdown halt; a halt at or before it is cleared. */
  readonly drawdownResetAt?: number;
  readonly openPositions: readonly PositionFact[];
  readonly pendingEntries: readonly PendingEntryFact[];
  /** Entries sent today (ET session date): working or filled, not denied signals. */
  readonly entriesToday: number;
  /**
   * Recent completed round trips, any order (the engine sorts by closedAt). Pass at least the last
   * `consecutive_loss_pause` trips plus those of the last 5 sessions when the day-trade budget is on.
   */
  readonly recentRoundTrips: readonly RoundTripFact[];
}

/** Thrown when the facts are malformed (a runtime bug, not a refusal); names the field and value. */
export class RiskFactsError extends Error {
  override readonly name = 'RiskFactsError';
}

function checkTime(field: string, value: number | undefined): void {
  if (value !== undefined && !Number.isFinite(value)) throw new RiskFactsError(`risk facts: ${field} = ${String(value)} must be epoch milliseconds`);
}

/**
 * Checks the facts the engine cannot decide without.
 * @throws RiskFactsError naming the field and its value
 */
export function assertRiskFacts(facts: RiskFacts): void {
  checkTime('now', facts.now);
  checkTime('drawdownHaltedAt', facts.drawdownHaltedAt);
  checkTime('drawdownResetAt', facts.drawdownResetAt);
  if (!Number.isSafeInteger(facts.entriesToday) || facts.entriesToday < 0) {
    throw new RiskFactsError(`risk facts: entriesToday = ${String(facts.entriesToday)} must be a whole number ≥ 0`);
  }
  for (const [i, trip] of facts.recentRoundTrips.entries()) {
    checkTime(`recentRoundTrips[${i}].closedAt`, trip.closedAt);
    checkTime(`recentRoundTrips[${i}].openedAt`, trip.openedAt);
  }
}
