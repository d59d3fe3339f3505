// The Portfolio with its persistence through the Store port: completed round trips into `trades`, equity
// snapshots into `equity_curve`, adjustments, the day and the peak into bot_state; and the restore at startup
// that rebuilds it all from `fills` (DESIGN §3.6: startup and crash recovery are one code path).
// Why a wrapper: Portfolio stays pure arithmetic; this file is the only one that decides what is written when.
// Must never: swallow a store error (a ledger that cannot be written must halt the bot, never drop), write a
// trade twice on restore, or read a clock (times come from the caller).
import type { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, StrategyId, Ticker } from '../../domain/ids.js';
import type { EquityRepo, FillRepo, OrderIntentRepo, Store, TradeRepo } from '../../ports/store.js';
import type { EquityPoint, NewTrade, OrderIntentRecord } from '../../ports/store-records.js';
import type { PortfolioDay } from './day-ledger.js';
import type { AdoptAdjustment, PortfolioAdjustment, PortfolioFill } from './portfolio-fill.js';
import {
  PORTFOLIO_STATE_KEYS,
  decodeAdjustments,
  decodeDay,
  decodePeak,
  encodeAdjustments,
  encodeDay,
  encodePeak,
} from './portfolio-state-codec.js';
import type { FillOutcome, LocalClose, Portfolio } from './portfolio.js';
import { cashBefore, fillFromRecord, rebuildFromFills } from './rebuild.js';

/** The store slice the ledger writes to. */
export type PortfolioStore = Pick<Store, 'botState' | 'transaction'> & {
  readonly trades: Pick<TradeRepo, 'insert' | 'list'>;
  readonly equity: Pick<EquityRepo, 'record'>;
};

/** The store slice the restore reads. */
export type PortfolioRestoreStore = PortfolioStore & {
  readonly fills: Pick<FillRepo, 'list'>;
  readonly orderIntents: Pick<OrderIntentRepo, 'get'>;
};

/** What the restore did, for the startup log. */
export interface PortfolioRestoreReport {
  readonly ledger: PortfolioLedger;
  readonly fills: number;
  readonly duplicates: number;
  /** Round trips the replay completed that were missing from `trades` (a crash after the fill): now written. */
  readonly backfilledTrades: readonly NewTrade[];
  /** Fills whose order intent is unknown (attributed to `reconciled`). */
  readonly unattributedFills: readonly string[];
}

const tradeKey = (t: Pick<NewTrade, 'symbol' | 'side' | 'strategy' | 'entryTs' | 'exitTs' | 'qty'>): string =>
  [t.symbol, t.side, t.strategy, t.entryTs, t.exitTs, t.qty.toString()].join('|');

/** A completed round trip as the risk rules read it (newest first from {@link PortfolioLedger.recentTrades}). */
export type RecentTrade = Pick<NewTrade, 'entryTs' | 'exitTs' | 'pnl'>;

/** The live ledger: a Portfolio plus the writes that must follow each change. */
export class PortfolioLedger {
  readonly #portfolio: Portfolio;
  readonly #store: PortfolioStore;
  #persistedPeak: string | undefined;
  /** The newest round trips, newest first, read from `trades` once and then kept with each insert (this is its only writer). */
  #recent: { readonly limit: number; readonly trades: RecentTrade[] } | undefined;

  constructor(portfolio: Portfolio, store: PortfolioStore) {
    this.#portfolio = portfolio;
    this.#store = store;
    this.#persistedPeak = decodePeak(store.botState.get(PORTFOLIO_STATE_KEYS.peak))?.equity.toString();
  }

  /**
   * Rebuilds the ledger from the store: every fill (attributed through its order intent), the adjustments,
   * the day and the peak from bot_state; writes any completed round trip missing from `trades`.
   * The starting cash is implied so that the replay ends on `accountCash` (the account read at startup).
   * The peak is held until the next syncCash: once reconciliation has run, call syncCash(account cash).
   * @throws PortfolioInputError on a malformed bot_state row; store errors as they come.
   */
  static restore(store: PortfolioRestoreStore, accountCash: Decimal): PortfolioRestoreReport {
    const intents = new Map<ClientOrderId, OrderIntentRecord | undefined>();
    const unattributed: string[] = [];
    const fills = store.fills.list().map((record) => {
      if (!intents.has(record.clientOrderId)) intents.set(record.clientOrderId, store.orderIntents.get(record.clientOrderId));
      const intent = intents.get(record.clientOrderId);
      if (intent === undefined) unattributed.push(record.executionId);
      return fillFromRecord(record, intent);
    });
    const rebuilt = rebuildFromFills({
      startingCash: cashBefore(accountCash, fills),
      holdPeak: true,
      fills,
      adjustments: decodeAdjustments(store.botState.get(PORTFOLIO_STATE_KEYS.adjustments)),
      day: decodeDay(store.botState.get(PORTFOLIO_STATE_KEYS.day)),
      peakEquity: decodePeak(store.botState.get(PORTFOLIO_STATE_KEYS.peak))?.equity,
    });
    const backfilled = missingTrades(rebuilt.trades, store.trades.list());
    store.transaction(() => { for (const trade of backfilled) store.trades.insert(trade); });
    return {
      ledger: new PortfolioLedger(rebuilt.portfolio, store),
      fills: fills.length,
      duplicates: rebuilt.duplicates,
      backfilledTrades: backfilled,
      unattributedFills: unattributed,
    };
  }

  /** The in-memory ledger (read it for snapshot(), riskFacts(), positions()). */
  get portfolio(): Portfolio {
    return this.#portfolio;
  }

  /**
   * Books a fill (call it once the fill row is committed) and writes the round trip it completes.
   * A duplicate execution id changes and writes nothing. @throws on a malformed fill or a store error.
   */
  applyFill(fill: PortfolioFill): FillOutcome {
    const outcome = this.#portfolio.applyFill(fill);
    if (outcome.trade !== undefined) {
      this.#store.trades.insert(outcome.trade);
      this.#rememberTrade(outcome.trade);
    }
    return outcome;
  }

  /**
   * The `limit` newest round trips (by exit time, newest first, as `trades.list({ limit })` orders them), read
   * from the store on the first call and kept in step with every trade this ledger writes after it.
   */
  recentTrades(limit: number): readonly RecentTrade[] {
    if (this.#recent === undefined || this.#recent.limit < limit) {
      const trades = this.#store.trades.list({ limit }).map((t) => ({ entryTs: t.entryTs, exitTs: t.exitTs, pnl: t.pnl }));
      this.#recent = { limit, trades };
    }
    return this.#recent.trades.slice(0, limit);
  }

  #rememberTrade(trade: NewTrade): void {
    if (this.#recent === undefined) return;
    const list = this.#recent.trades;
    // The newest row wins ties on exit time (the store orders by exit_ts DESC, rowid DESC).
    const at = list.findIndex((t) => t.exitTs <= trade.exitTs);
    list.splice(at < 0 ? list.length : at, 0, { entryTs: trade.entryTs, exitTs: trade.exitTs, pnl: trade.pnl });
    if (list.length > this.#recent.limit) list.length = this.#recent.limit;
  }

  mark(symbol: Ticker, price: Decimal): void {
    this.#portfolio.mark(symbol, price);
  }

  /** Adopts a broker position: persisted in bot_state first, then booked. */
  adoptPosition(symbol: Ticker, qty: Decimal, avgPrice: Decimal, options: { at: number; strategy?: StrategyId }): AdoptAdjustment {
    const adjustment = this.#portfolio.planAdoption({ symbol, qty, avgPrice, ...options });
    this.#persistAdjustment(adjustment);
    this.#portfolio.applyAdjustment(adjustment);
    return adjustment;
  }

  /** Drops a position the broker no longer holds: persisted first, then applied. */
  closePositionLocally(symbol: Ticker, reason: string, at: number): LocalClose {
    const adjustment = this.#portfolio.planLocalClose(symbol, reason, at);
    this.#persistAdjustment(adjustment);
    return this.#portfolio.applyAdjustment(adjustment) as LocalClose;
  }

  /** Aligns cash with the account (after reconciliation, and whenever the account is read). */
  syncCash(accountCash: Decimal): Decimal {
    return this.#portfolio.syncCash(accountCash);
  }

  /**
   * Starts the trading day (at startup and at each session start). For the date already stored, the stored
   * start-of-day equity is kept (a restart mid-day does not move it); a new date is stored.
   */
  startDay(day: PortfolioDay): boolean {
    const stored = decodeDay(this.#store.botState.get(PORTFOLIO_STATE_KEYS.day));
    if (stored?.date === day.date) return this.#portfolio.startDay(stored);
    const changed = this.#portfolio.startDay(day);
    const current = this.#portfolio.day;
    if (current !== undefined) this.#store.botState.set(PORTFOLIO_STATE_KEYS.day, encodeDay(current));
    return changed;
  }

  /** Writes the equity snapshot at `now` (the runtime calls it every 60 s) and the peak when it rose. */
  recordEquity(now: number): EquityPoint {
    const point = this.#portfolio.equityPoint(now);
    this.#store.equity.record(point);
    const peak = this.#portfolio.peakEquity;
    if (this.#persistedPeak !== peak.toString()) {
      this.#store.botState.set(PORTFOLIO_STATE_KEYS.peak, encodePeak({ equity: peak, at: now, resetBy: null }));
      this.#persistedPeak = peak.toString();
    }
    return point;
  }

  /** The manual max-drawdown reset (SPEC §6): the peak becomes the current equity, recorded with who did it. */
  resetPeak(by: string, now: number): Decimal {
    const peak = this.#portfolio.resetPeak();
    this.#store.botState.set(PORTFOLIO_STATE_KEYS.peak, encodePeak({ equity: peak, at: now, resetBy: by }));
    this.#persistedPeak = peak.toString();
    return peak;
  }

  #persistAdjustment(adjustment: PortfolioAdjustment): void {
    const key = PORTFOLIO_STATE_KEYS.adjustments;
    this.#store.transaction(() => {
      const existing = decodeAdjustments(this.#store.botState.get(key));
      this.#store.botState.set(key, encodeAdjustments([...existing, adjustment]));
    });
  }
}

/** Replayed round trips not yet in `trades` (compared as a multiset on symbol, side, strategy, times, qty). */
function missingTrades(replayed: readonly NewTrade[], stored: readonly NewTrade[]): NewTrade[] {
  const counts = new Map<string, number>();
  for (const trade of stored) counts.set(tradeKey(trade), (counts.get(tradeKey(trade)) ?? 0) + 1);
  return replayed.filter((trade) => {
    const left = counts.get(tradeKey(trade)) ?? 0;
    if (left > 0) counts.set(tradeKey(trade), left - 1);
    return left === 0;
  });
}
