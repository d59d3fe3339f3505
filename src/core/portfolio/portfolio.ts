// The bot's ledger (issue #5 item 3): positions, cash, realized and unrealized P&L, equity, the day's numbers,
// peak and drawdown, per-strategy attribution and completed round trips, all from fills in exact decimals.
// Why one class: every number the risk engine and the dashboard read must come from the same state, and the
// live path and the startup rebuild must be the same code (DESIGN §3.6): both call applyFill.
// Must never: do I/O or read a clock (core/ is pure), use a binary float for money (SPEC S9), or apply the
// same execution twice.
import { Decimal } from '../../domain/decimal.js';
import { parseStrategyId, type StrategyId, type Ticker } from '../../domain/ids.js';
import type { EquityPoint, NewTrade } from '../../ports/store-records.js';
import { DayLedger, checkDay, type PortfolioDay } from './day-ledger.js';
import {
  PortfolioInputError,
  PortfolioStateError,
  checkAdoption,
  checkFill,
  checkLocalClose,
  requireEpochMs,
  requirePositive,
  type AdoptAdjustment,
  type CloseAdjustment,
  type PortfolioAdjustment,
  type PortfolioFill,
} from './portfolio-fill.js';
import { adoptedPosition, applyFillToPosition, averagePrice, marketValue, unrealizedPnl, type Position } from './position.js';
import { equityPointOf, riskFactsOf, snapshotOf, type PortfolioReadable, type PortfolioRiskFacts, type PortfolioSnapshot } from './portfolio-views.js';
import { StrategyBook } from './strategy-book.js';

/** Owner of positions adopted from the broker (SPEC §8). */
export const ADOPTED_STRATEGY: StrategyId = parseStrategyId('adopted');

/** The result of applyFill. */
export interface FillOutcome {
  /** False when the execution id was already applied: nothing changed. */
  readonly applied: boolean;
  /** The completed round trip, to be written with `store.trades.insert`. */
  readonly trade?: NewTrade;
  /** The symbol's position after the fill (undefined when flat). */
  readonly position?: Position;
}

/** What closePositionLocally dropped, for the reconciliation log. */
export interface LocalClose {
  readonly adjustment: CloseAdjustment;
  readonly position: Position;
  readonly avgPrice: Decimal;
  readonly marketValue: Decimal;
  readonly unrealizedPnl: Decimal;
}

/** Options of {@link Portfolio}. */
export interface PortfolioOptions {
  /** Cash before the first fill (the account's cash at that point). */
  readonly startingCash: Decimal;
}

/** The ledger. Create it with the starting cash, then feed fills, marks and day starts. */
export class Portfolio implements PortfolioReadable {
  readonly #startingCash: Decimal;
  #cash: Decimal;
  #cashAdjustments = Decimal.ZERO;
  #grossRealized = Decimal.ZERO;
  #commissions = Decimal.ZERO;
  readonly #positions = new Map<Ticker, Position>();
  readonly #applied = new Set<string>();
  readonly #lastExecution = new Map<Ticker, string>();
  readonly #today = new DayLedger();
  readonly #strategies = new StrategyBook();
  #day: { readonly date: string; readonly startsAt: number; readonly equity: Decimal } | undefined;
  #peak: Decimal;
  #peakHeld = false;
  #lossStreak = 0;
  #lastLossAt: number | null = null;
  #roundTrips = 0;
  /** cash + Σ market value, computed on first read after a change (read every bar by the peak and the loop). */
  #equity: Decimal | undefined;

  /** @throws PortfolioInputError when startingCash is not a Decimal. */
  constructor(options: PortfolioOptions) {
    if (!(options.startingCash instanceof Decimal)) {
      throw new PortfolioInputError(`startingCash must be a Decimal, got ${String(options.startingCash)}`);
    }
    this.#startingCash = options.startingCash;
    this.#cash = options.startingCash;
    this.#peak = options.startingCash;
  }

  /**
   * Books one execution: moves cash (price × qty and commission), updates the position, realizes P&L on the
   * reducing part, completes a round trip when the position goes through zero. Idempotent on executionId.
   * @throws PortfolioInputError on a malformed fill (nothing is changed).
   */
  applyFill(fill: PortfolioFill): FillOutcome {
    checkFill(fill);
    if (this.#applied.has(fill.executionId)) return { applied: false };
    const step = applyFillToPosition(this.#positions.get(fill.symbol), fill);
    this.#applied.add(fill.executionId);
    this.#lastExecution.set(fill.symbol, fill.executionId);
    const notional = fill.qty.times(fill.price);
    this.#setCash((fill.side === 'buy' ? this.#cash.minus(notional) : this.#cash.plus(notional)).minus(fill.commission));
    this.#grossRealized = this.#grossRealized.plus(step.grossRealized);
    this.#commissions = this.#commissions.plus(fill.commission);
    if (step.closedOwner !== undefined) this.#strategies.realize(step.closedOwner, step.grossRealized, step.closeCommission);
    if (step.position !== undefined && step.isEntry) this.#strategies.realize(step.position.strategy, Decimal.ZERO, step.openCommission);
    this.#setPosition(fill.symbol, step.position);
    this.#today.recordFill({ at: fill.at, clientOrderId: fill.clientOrderId, isEntry: step.isEntry, net: step.grossRealized.minus(fill.commission) });
    if (step.trade !== undefined) this.#completeTrip(step.trade);
    this.#touchPeak();
    return { applied: true, trade: step.trade, position: step.position };
  }

  /** Whether this execution id has been applied. */
  hasApplied(executionId: string): boolean {
    return this.#applied.has(executionId);
  }

  /** Sets the last price of an open position (ignored for a flat symbol). @throws PortfolioInputError if price ≤ 0. */
  mark(symbol: Ticker, price: Decimal): void {
    requirePositive(price, `mark price of ${symbol}`);
    const position = this.#positions.get(symbol);
    if (position === undefined) return;
    this.#setPosition(symbol, { ...position, lastPrice: price });
    this.#touchPeak();
  }

  /**
   * Checks an adoption and returns it as an adjustment without applying it (so the caller can persist it
   * first). @throws PortfolioInputError on bad values; PortfolioStateError when the symbol is not flat.
   */
  planAdoption(args: { symbol: Ticker; qty: Decimal; avgPrice: Decimal; at: number; strategy?: StrategyId }): AdoptAdjustment {
    checkAdoption(args);
    if (this.#positions.has(args.symbol)) {
      throw new PortfolioStateError(`cannot adopt ${args.symbol}: a local position is open; close it locally first`);
    }
    return {
      kind: 'adopt',
      symbol: args.symbol,
      qty: args.qty,
      avgPrice: args.avgPrice,
      at: args.at,
      strategy: args.strategy ?? ADOPTED_STRATEGY,
      afterExecutionId: this.#lastExecution.get(args.symbol) ?? null,
    };
  }

  /** Checks a local close and returns it as an adjustment, not applied. @throws PortfolioStateError when flat. */
  planLocalClose(symbol: Ticker, reason: string, at: number): CloseAdjustment {
    checkLocalClose(symbol, reason, at);
    if (!this.#positions.has(symbol)) throw new PortfolioStateError(`cannot close ${symbol} locally: no local position`);
    return { kind: 'close', symbol, reason, at, afterExecutionId: this.#lastExecution.get(symbol) ?? null };
  }

  /**
   * Applies a planned (or replayed) adjustment. An adoption books the position at the broker's average price
   * without moving cash (the account already holds it); a local close drops the position without cash, P&L
   * or a round trip (the bot does not know the exit price: sync cash from the account afterwards).
   */
  applyAdjustment(adjustment: PortfolioAdjustment): LocalClose | Position {
    const position = this.#positions.get(adjustment.symbol);
    if (adjustment.kind === 'adopt') {
      if (position !== undefined) throw new PortfolioStateError(`cannot adopt ${adjustment.symbol}: a local position is open`);
      const adopted = adoptedPosition(adjustment);
      this.#setPosition(adjustment.symbol, adopted);
      this.#touchPeak();
      return adopted;
    }
    if (position === undefined) throw new PortfolioStateError(`cannot close ${adjustment.symbol} locally: no local position`);
    this.#setPosition(adjustment.symbol, undefined);
    return { adjustment, position, avgPrice: averagePrice(position), marketValue: marketValue(position), unrealizedPnl: unrealizedPnl(position) };
  }

  /** Adopts a broker position (SPEC §8) in one call: {@link planAdoption} then {@link applyAdjustment}. */
  adoptPosition(symbol: Ticker, qty: Decimal, avgPrice: Decimal, options: { at: number; strategy?: StrategyId }): AdoptAdjustment {
    const adjustment = this.planAdoption({ symbol, qty, avgPrice, ...options });
    this.applyAdjustment(adjustment);
    return adjustment;
  }

  /** Closes a position the broker no longer holds (SPEC §8) in one call. */
  closePositionLocally(symbol: Ticker, reason: string, at: number): LocalClose {
    return this.applyAdjustment(this.planLocalClose(symbol, reason, at)) as LocalClose;
  }

  /**
   * Aligns cash with the broker's account (the authority: it also sees dividends, fees, transfers). The
   * difference is kept as a cash adjustment. Releases a held peak. Returns the difference. @throws PortfolioInputError when not a Decimal.
   */
  syncCash(accountCash: Decimal): Decimal {
    if (!(accountCash instanceof Decimal)) throw new PortfolioInputError(`account cash must be a Decimal, got ${String(accountCash)}`);
    const delta = accountCash.minus(this.#cash);
    this.#setCash(accountCash);
    this.#cashAdjustments = this.#cashAdjustments.plus(delta);
    this.#peakHeld = false;
    this.#touchPeak();
    return delta;
  }

  /**
   * Starts a trading day: today's numbers restart from `startsAt`, start-of-day equity is `equity` (default
   * the current equity). Calling it again for the same date changes nothing. Returns whether the day changed.
   */
  startDay(day: PortfolioDay): boolean {
    checkDay(day);
    if (this.#day?.date === day.date) return false;
    this.#day = { date: day.date, startsAt: day.startsAt, equity: day.equity ?? this.equity() };
    this.#today.restart(day.startsAt);
    return true;
  }

  /**
   * Restores the peak persisted before a restart (then raised to the current equity unless the peak is held).
   * @throws PortfolioInputError when not a Decimal.
   */
  restorePeak(peak: Decimal): void {
    if (!(peak instanceof Decimal)) throw new PortfolioInputError(`peak equity must be a Decimal, got ${String(peak)}`);
    this.#peak = peak;
    this.#touchPeak();
  }

  /**
   * Stops the peak from following equity until the next syncCash. After a restart the local cash may count a
   * fill twice while reconciliation records it (the account already holds its cash); a peak raised by that
   * would stay wrong for good and trip the drawdown rule.
   */
  holdPeak(): void {
    this.#peakHeld = true;
  }

  get peakHeld(): boolean { return this.#peakHeld; }

  /** The manual drawdown reset (SPEC §6): the peak becomes the current equity. */
  resetPeak(): Decimal {
    this.#peak = this.equity();
    return this.#peak;
  }

  // ---- read side -------------------------------------------------------------------------------------------

  get startingCash(): Decimal { return this.#startingCash; }
  get cash(): Decimal { return this.#cash; }
  /** Σ syncCash differences. */
  get cashAdjustments(): Decimal { return this.#cashAdjustments; }
  /** Realized P&L before commission. */
  get grossRealizedPnl(): Decimal { return this.#grossRealized; }
  /** Σ commission of every fill. */
  get commissions(): Decimal { return this.#commissions; }
  /** Realized P&L net of every commission (entry and exit). */
  get realizedPnl(): Decimal { return this.#grossRealized.minus(this.#commissions); }
  get peakEquity(): Decimal { return this.#peak; }
  /** Consecutive losing round trips (net P&L < 0) since the last non-losing one, across days. */
  get lossStreak(): number { return this.#lossStreak; }
  get lastLossAt(): number | null { return this.#lastLossAt; }
  get roundTrips(): number { return this.#roundTrips; }
  get day(): { readonly date: string; readonly startsAt: number; readonly equity: Decimal } | undefined { return this.#day; }
  /** Today's derived numbers (before the first startDay: since the portfolio began). */
  get today(): Pick<DayLedger, 'entries' | 'realized' | 'lossStreak' | 'roundTrips'> { return this.#today; }
  get strategies(): StrategyBook { return this.#strategies; }

  /** How many positions are open (no array built). */
  get positionCount(): number { return this.#positions.size; }

  /** Open positions, by symbol. */
  positions(): Position[] {
    return [...this.#positions.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  position(symbol: Ticker): Position | undefined {
    return this.#positions.get(symbol);
  }

  /** Σ signed market value of open positions (long positive, short negative). */
  positionsValue(): Decimal {
    if (this.#positions.size === 0) return Decimal.ZERO;
    return Decimal.sum([...this.#positions.values()].map(marketValue));
  }

  unrealizedPnl(): Decimal {
    return Decimal.sum([...this.#positions.values()].map(unrealizedPnl));
  }

  /** cash + Σ signed market value. */
  equity(): Decimal {
    this.#equity ??= this.#positions.size === 0 ? this.#cash : this.#cash.plus(this.positionsValue());
    return this.#equity;
  }

  /** Start-of-day equity (the starting cash before the first startDay). */
  startOfDayEquity(): Decimal {
    return this.#day?.equity ?? this.#startingCash;
  }

  /** equity − start-of-day equity. */
  dailyPnl(): Decimal {
    return this.equity().minus(this.startOfDayEquity());
  }

  /** (peak − equity) / peak as a fraction ≥ 0; 0 when the peak is not positive. */
  drawdown(): Decimal {
    if (!this.#peak.isPositive()) return Decimal.ZERO;
    const fall = this.#peak.minus(this.equity());
    return fall.isPositive() ? fall.div(this.#peak) : Decimal.ZERO;
  }

  /** Plain JSON for the dashboard and status.json (SPEC §13): every decimal a string. */
  snapshot(): PortfolioSnapshot {
    return snapshotOf(this);
  }

  /** The equity-curve row for `store.equity.record` (the runtime calls it every 60 s with its clock's now). */
  equityPoint(now: number): EquityPoint {
    return equityPointOf(this, requireEpochMs(now, 'equity point ts'));
  }

  /** The numbers the risk engine reads (SPEC §6). */
  riskFacts(): PortfolioRiskFacts {
    return riskFactsOf(this);
  }

  // ---- internals -------------------------------------------------------------------------------------------

  // Every change of cash or of a position goes through these two, which drop the cached equity.
  #setCash(cash: Decimal): void {
    this.#cash = cash;
    this.#equity = undefined;
  }

  #setPosition(symbol: Ticker, position: Position | undefined): void {
    if (position === undefined) this.#positions.delete(symbol);
    else this.#positions.set(symbol, position);
    this.#equity = undefined;
  }

  #completeTrip(trade: NewTrade): void {
    this.#roundTrips += 1;
    this.#strategies.completeTrip(trade.strategy, trade.pnl);
    this.#today.recordTrip(trade.exitTs, trade.pnl);
    if (trade.pnl.isNegative()) {
      this.#lossStreak += 1;
      this.#lastLossAt = trade.exitTs;
    } else {
      this.#lossStreak = 0;
    }
  }

  #touchPeak(): void {
    if (this.#peakHeld) return;
    this.#peak = Decimal.max(this.#peak, this.equity());
  }
}
