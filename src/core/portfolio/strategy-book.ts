// Per-strategy attribution of realized P&L and round trips: which strategy earned or lost what.
// A position belongs to the strategy whose entry opened it (adopted positions to `adopted`); its realized P&L
// and the commissions of its fills are charged to that owner.
// Must never: hold floats (SPEC S9) or decide anything (it only counts).
import { Decimal } from '../../domain/decimal.js';
import type { StrategyId } from '../../domain/ids.js';

/** One strategy's realized results. */
export interface StrategyTotals {
  readonly strategy: StrategyId;
  /** Gross realized P&L of positions it owned. */
  readonly grossRealized: Decimal;
  /** Commissions of fills on positions it owned. */
  readonly commissions: Decimal;
  /** grossRealized − commissions. */
  readonly realizedPnl: Decimal;
  readonly roundTrips: number;
  /** Round trips with net P&L > 0, and < 0 (break-even counts as neither). */
  readonly wins: number;
  readonly losses: number;
}

/** Realized totals per strategy. */
export class StrategyBook {
  readonly #totals = new Map<StrategyId, StrategyTotals>();

  #get(strategy: StrategyId): StrategyTotals {
    return this.#totals.get(strategy) ?? {
      strategy,
      grossRealized: Decimal.ZERO,
      commissions: Decimal.ZERO,
      realizedPnl: Decimal.ZERO,
      roundTrips: 0,
      wins: 0,
      losses: 0,
    };
  }

  /** Charges realized gross P&L and a commission to the owner. */
  realize(strategy: StrategyId, gross: Decimal, commission: Decimal): void {
    const totals = this.#get(strategy);
    const grossRealized = totals.grossRealized.plus(gross);
    const commissions = totals.commissions.plus(commission);
    this.#totals.set(strategy, { ...totals, grossRealized, commissions, realizedPnl: grossRealized.minus(commissions) });
  }

  /** Counts a completed round trip with its net P&L. */
  completeTrip(strategy: StrategyId, pnl: Decimal): void {
    const totals = this.#get(strategy);
    this.#totals.set(strategy, {
      ...totals,
      roundTrips: totals.roundTrips + 1,
      wins: totals.wins + (pnl.isPositive() ? 1 : 0),
      losses: totals.losses + (pnl.isNegative() ? 1 : 0),
    });
  }

  /** Totals of one strategy (zeros when it never traded). */
  of(strategy: StrategyId): StrategyTotals {
    return this.#get(strategy);
  }

  /** Every strategy that traded, by id. */
  all(): StrategyTotals[] {
    return [...this.#totals.values()].sort((a, b) => (a.strategy < b.strategy ? -1 : a.strategy > b.strategy ? 1 : 0));
  }
}
