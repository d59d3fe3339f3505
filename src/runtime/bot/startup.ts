// The startup sequence of SPEC §10 after the parts exist: portfolio restored from the store → engine wired →
// reconcile with the broker (S8: before any market data) → adopted/vanished positions routed to the portfolio →
// cash synced → the day started → strategies configured → warm-up from history. Startup and crash recovery are
// one code path (DESIGN §3.6). Must never: let a bar reach the engine before reconciliation has finished.
import { etDate, sessionOpen, isTradingDay } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Ticker } from '../../domain/ids.js';
import { warmUpStart, type FetchRequest } from '../../core/candles/index.js';
import { TradingEngine } from '../../core/engine/trading-engine.js';
import type { EngineReadings } from '../../core/engine/risk-facts-builder.js';
import { Reconciler, type ReconciliationReport } from '../../core/orders/index.js';
import { PortfolioLedger } from '../../core/portfolio/index.js';
import type { RiskDecision, RiskLimits } from '../../core/risk/index.js';
import { FLAT_POSITION, StrategyRunner, type PositionView, type RecordedSignal } from '../../core/strategies/index.js';
import type { Bar } from '../../domain/bar.js';
import type { AccountReport } from '../../ports/execution-client.js';
import { defaultStopPct, type BotParts } from './bot-parts.js';

export interface Started {
  readonly engine: TradingEngine;
  readonly ledger: PortfolioLedger;
  readonly runner: StrategyRunner;
  readonly reconciler: Reconciler;
  /** The last account read from the broker (refreshed by a task). */
  account: AccountReport;
}

const DRAWDOWN_KEY = 'risk:drawdown';

function riskLimits(parts: BotParts): RiskLimits {
  const { risk, safety } = parts.loaded.values;
  return { ...risk, allow_extended_hours: safety.allow_extended_hours };
}

function positionView(parts: BotParts, ledger: PortfolioLedger, strategy: string, symbol: string): PositionView {
  const position = ledger.portfolio.position(symbol as Ticker);
  const pending = parts.orders.activeEntries(symbol).some((e) => e.strategy === strategy && e.filledQty.isZero());
  if (!position || position.strategy !== strategy) return { ...FLAT_POSITION, pendingEntry: pending };
  const qty = position.qty.abs();
  return {
    side: position.qty.isNegative() ? 'short' : 'long', qty: qty.toNumber(),
    avgEntryPrice: position.costBasis.div(qty).toNumber(), stop: undefined, entryTs: position.openedAt, pendingEntry: pending,
  };
}

function readings(parts: BotParts, started: () => Started | undefined): EngineReadings {
  return {
    killSwitch: () => {
      const state = parts.killSwitch.current();
      return state.on ? { on: true, reason: `${state.reason ?? ''} ${state.detail ?? ''}`.trim() } : { on: false };
    },
    breaker: () => {
      const state = parts.store.breaker.readBreaker();
      return state.tripped ? { tripped: true, reason: state.reason ?? 'tripped' } : { tripped: false };
    },
    account: () => {
      const account = started()?.account;
      if (!account) throw new Error('account not read yet');
      return { equity: account.equity, buyingPower: account.buyingPower, cash: account.cash };
    },
    drawdown: () => {
      const value = parts.store.botState.get(DRAWDOWN_KEY) as { haltedAt?: number; resetAt?: number } | undefined;
      return { ...(value?.haltedAt ? { haltedAt: value.haltedAt } : {}), ...(value?.resetAt ? { resetAt: value.resetAt } : {}) };
    },
  };
}

function routeReconciliation(parts: BotParts, ledger: PortfolioLedger, report: ReconciliationReport, now: number): void {
  for (const step of report.steps) {
    const action = step.action;
    if (action.kind === 'adopt_position' && !ledger.portfolio.position(action.symbol as Ticker)) {
      ledger.adoptPosition(action.symbol as Ticker, action.qty, action.avgEntryPrice, { at: now });
    } else if (action.kind === 'close_local_position' && ledger.portfolio.position(action.symbol as Ticker)) {
      ledger.closePositionLocally(action.symbol as Ticker, 'gone at the broker (reconciliation)', now);
    }
  }
  parts.logger.info('reconciliation finished', { ...report.counts });
}

/** Starts the day: the session date in New York and the equity it starts from. */
export function startDay(ledger: PortfolioLedger, now: number, equity: Decimal): void {
  const date = etDate(now);
  ledger.startDay({ date, startsAt: isTradingDay(date) ? sessionOpen(date) : now, equity });
}

/** The equity a day starts from: the broker's equity at the previous close (Alpaca's last_equity), else today's. */
export function dayStartEquity(account: AccountReport): Decimal {
  return account.lastEquity.isPositive() ? account.lastEquity : account.equity;
}

/**
 * Starts the trading day of a bar stamped `t` when the bot has not started it yet: before the session's first bar
 * reaches the engine, as a backtest does, so daily limits count from the session's first decision even when the
 * market runs faster than the daily-reset task looks (sim at speed max). Idempotent: the ledger keeps a started day.
 */
export async function startSessionOf(t: number, started: Started, client: { getAccount(): Promise<AccountReport> }): Promise<void> {
  const date = etDate(t);
  if (!isTradingDay(date) || started.ledger.portfolio.day?.date === date) return;
  started.account = await client.getAccount();
  startDay(started.ledger, sessionOpen(date), dayStartEquity(started.account));
}

export interface StartUpHooks {
  readonly onDecision: (signal: RecordedSignal, decision: RiskDecision) => void;
  readonly onFetch: (request: FetchRequest) => void;
}

export async function startUp(parts: BotParts, hooks: StartUpHooks): Promise<Started> {
  const { store, client, logger, orders, venue } = parts;
  const clock = venue.clock;
  const holder: { started?: Started } = {};
  const account = await client.getAccount();
  const ledger = PortfolioLedger.restore(store, account.cash).ledger;
  const runner = new StrategyRunner({ registry: parts.registry, store, positionOf: (strategy, symbol) => positionView(parts, ledger, strategy, symbol) });
  const engine = new TradingEngine({
    clock, logger: logger.child({ component: 'engine' }), store, runner, orders, ledger,
    limits: () => riskLimits(parts), readings: readings(parts, () => holder.started),
    extendedHours: parts.loaded.values.safety.allow_extended_hours,
    onFetch: hooks.onFetch, onDecision: hooks.onDecision,
    onDrawdownLatched: (at) => {
      const previous = (store.botState.get(DRAWDOWN_KEY) ?? {}) as Record<string, number>;
      if (!previous.haltedAt || (previous.resetAt ?? 0) >= previous.haltedAt) store.botState.set(DRAWDOWN_KEY, { ...previous, haltedAt: at });
    },
  });
  await client.connect();
  const reconciler = new Reconciler({ manager: orders, store, client, clock, logger: logger.child({ component: 'reconcile' }), limits: { defaultStopPct: defaultStopPct(parts.loaded) } });
  const report = await reconciler.reconcile();
  routeReconciliation(parts, ledger, report, clock.now());
  const fresh = await client.getAccount();
  ledger.syncCash(fresh.cash);
  startDay(ledger, clock.now(), dayStartEquity(fresh));
  const started: Started = { engine, ledger, runner, reconciler, account: fresh };
  holder.started = started;
  for (const event of runner.configure(parts.loaded.values.strategies, parts.loaded.values.watchlist)) logger.info(`strategy ${event.type}`, { ...event });
  engine.configure();
  await warmUp(parts, engine, runner, clock.now());
  return started;
}

async function warmUp(parts: BotParts, engine: TradingEngine, runner: StrategyRunner, now: number): Promise<void> {
  const bySymbol = new Map<string, Bar[]>();
  for (const need of runner.warmUpNeeds()) {
    if (need.timeframe === '1Day') continue;
    const from = warmUpStart(now, need.timeframe, need.candles);
    try {
      const bars = await parts.history.fetchBars({ symbols: [need.symbol], timeframe: '1Min', from, to: now });
      const got = bars.get(need.symbol) ?? [];
      const known = bySymbol.get(need.symbol) ?? [];
      if (got.length > known.length) bySymbol.set(need.symbol, [...got]);
    } catch (error) {
      parts.logger.warn(`warm-up of ${need.symbol} skipped: history unavailable`, { error: error instanceof Error ? error.message : String(error) });
    }
  }
  engine.warmUp(bySymbol, now);
  parts.logger.info('warm-up finished', { symbols: [...bySymbol.keys()], bars: [...bySymbol.values()].reduce((n, b) => n + b.length, 0) });
}
