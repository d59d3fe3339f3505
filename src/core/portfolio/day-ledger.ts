// What happened since the session start: entries, realized P&L and the losing streak of today (SPEC §6).
// Why a log and not counters: a rebuild or a late fill may arrive before or after startDay is called; keeping
// the events of the current day (by execution time) and deriving the numbers makes the order irrelevant.
// Must never: count an event from before the day's start, or hold floats (SPEC S9).
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import { PortfolioInputError } from './portfolio-fill.js';

/** The trading day the daily numbers refer to. */
export interface PortfolioDay {
  /** The session date, YYYY-MM-DD (America/New_York). */
  readonly date: string;
  /** The session start (epoch ms): fills at or after it count as today. */
  readonly startsAt: number;
  /** Start-of-day equity; default the portfolio's equity when startDay is called. */
  readonly equity?: Decimal;
}

interface FillEvent {
  readonly kind: 'fill';
  readonly at: number;
  readonly clientOrderId: ClientOrderId;
  readonly isEntry: boolean;
  /** Gross realized − the whole fill's commission. */
  readonly net: Decimal;
}

interface TripEvent {
  readonly kind: 'trip';
  readonly at: number;
  readonly pnl: Decimal;
}

type DayEvent = FillEvent | TripEvent;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a PortfolioDay. @throws PortfolioInputError naming the field. */
export function checkDay(day: PortfolioDay): PortfolioDay {
  if (typeof day.date !== 'string' || !DATE_PATTERN.test(day.date)) {
    throw new PortfolioInputError(`day date must be YYYY-MM-DD, got ${JSON.stringify(day.date)}`);
  }
  if (!Number.isSafeInteger(day.startsAt) || day.startsAt < 0) {
    throw new PortfolioInputError(`day startsAt must be epoch milliseconds, got ${String(day.startsAt)}`);
  }
  if (day.equity !== undefined && !(day.equity instanceof Decimal)) {
    throw new PortfolioInputError(`day equity must be a Decimal, got ${String(day.equity)}`);
  }
  return day;
}

/** Today's events and the numbers derived from them. Before the first startDay every event counts. */
export class DayLedger {
  #startsAt = Number.NEGATIVE_INFINITY;
  #events: DayEvent[] = [];

  /** Moves to a new day start: events before it are dropped. */
  restart(startsAt: number): void {
    this.#startsAt = startsAt;
    this.#events = this.#events.filter((event) => event.at >= startsAt);
  }

  recordFill(event: Omit<FillEvent, 'kind'>): void {
    if (event.at >= this.#startsAt) this.#events.push({ kind: 'fill', ...event });
  }

  recordTrip(at: number, pnl: Decimal): void {
    if (at >= this.#startsAt) this.#events.push({ kind: 'trip', at, pnl });
  }

  /** Distinct orders whose fills opened or added to a position today. */
  entries(): number {
    const orders = new Set<string>();
    for (const event of this.#events) if (event.kind === 'fill' && event.isEntry) orders.add(event.clientOrderId);
    return orders.size;
  }

  /** Realized P&L of today's fills, net of their commissions. */
  realized(): Decimal {
    let total = Decimal.ZERO;
    for (const event of this.#events) if (event.kind === 'fill') total = total.plus(event.net);
    return total;
  }

  /** Losing round trips closed today since the last non-losing one. */
  lossStreak(): number {
    let streak = 0;
    for (const event of this.#events) if (event.kind === 'trip') streak = event.pnl.isNegative() ? streak + 1 : 0;
    return streak;
  }

  /** Round trips closed today. */
  roundTrips(): number {
    return this.#events.filter((event) => event.kind === 'trip').length;
  }
}
