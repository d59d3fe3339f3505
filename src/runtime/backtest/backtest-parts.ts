// The composition root of a backtest (DESIGN §1: modes differ only here): an in-memory SQLite store, the
// exchange's matching core in process with an execution client over it, the order manager, portfolio, strategy
// runner and TradingEngine — the very objects `run` builds (runtime/bot/startup.ts), with a clock the loop moves.
// Must never: give the engine a part the live path does not have, or read the wall clock for anything the
// engine sees.
import { openStore } from '../../adapters/sqlite/index.js';
import { BacktestExecutionClient } from '../../adapters/backtest/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Ticker } from '../../domain/ids.js';
import { TradingEngine } from '../../core/engine/trading-engine.js';
import type { EngineReadings } from '../../core/engine/risk-facts-builder.js';
import { OrderManager } from '../../core/orders/index.js';
import { PortfolioLedger } from '../../core/portfolio/index.js';
import type { RiskDecision, RiskLimits } from '../../core/risk/index.js';
import { BUILTIN_STRATEGIES, FLAT_POSITION, StrategyRegistry, StrategyRunner, type PositionView, type RecordedSignal } from '../../core/strategies/index.js';
import { SimExchange } from '../../exchange/trading-venue.js';
import type { ExecutionEvent } from '../../ports/execution-client.js';
import type { Store } from '../../ports/store.js';
import { BacktestLogger } from './backtest-logger.js';
import type { BacktestSpec } from './backtest-types.js';
import type { TimelineBarSize } from './backtest-bars.js';
import { DAILY_VENUE_BAR_MS, timeframeProblem } from './backtest-bar-size.js';

const DRAWDOWN_KEY = 'risk:drawdown';

/** A clock the loop sets; `sleep` resolves at once (nothing in a backtest waits for time). */
export class BacktestClock {
  #now = 0;
  now(): number { return this.#now; }
  set(t: number): void { this.#now = t; }
  sleep(): Promise<void> { return Promise.resolve(); }
}

export interface BacktestParts {
  readonly clock: BacktestClock;
  readonly store: Store;
  readonly logger: BacktestLogger;
  readonly venue: SimExchange;
  readonly client: BacktestExecutionClient;
  /** Trade updates not yet handed to the engine, in order. */
  readonly pending: ExecutionEvent[];
  readonly orders: OrderManager;
  readonly ledger: PortfolioLedger;
  readonly runner: StrategyRunner;
  readonly engine: TradingEngine;
  readonly registry: StrategyRegistry;
  readonly decisions: { approved: number; denied: number };
  close(): void;
}

const FLAT_PENDING: PositionView = Object.freeze({ ...FLAT_POSITION, pendingEntry: true });

/**
 * The strategy's position view, as runtime/bot/startup.ts builds it, asked once per candle. The views are frozen
 * and reused while the position's quantity and cost basis stay the same objects (a mark changes neither), so the
 * strategy wrapper does not copy them and nothing is allocated per candle.
 */
function positionViews(ledger: PortfolioLedger, orders: OrderManager): (strategy: string, symbol: string) => PositionView {
  let last: { qty: Decimal; costBasis: Decimal; openedAt: number; strategy: string; pending: boolean; view: PositionView } | undefined;
  return (strategy, symbol) => {
    const position = ledger.portfolio.position(symbol as Ticker);
    const pending = orders.activeEntries(symbol).some((e) => e.strategy === strategy && e.filledQty.isZero());
    if (!position || position.strategy !== strategy) return pending ? FLAT_PENDING : FLAT_POSITION;
    if (last?.qty === position.qty && last.costBasis === position.costBasis && last.openedAt === position.openedAt && last.strategy === strategy && last.pending === pending) return last.view;
    const qty = position.qty.abs();
    const view: PositionView = Object.freeze({ side: position.qty.isNegative() ? 'short' : 'long', qty: qty.toNumber(), avgEntryPrice: position.costBasis.div(qty).toNumber(), stop: undefined, entryTs: position.openedAt, pendingEntry: pending });
    last = { qty: position.qty, costBasis: position.costBasis, openedAt: position.openedAt, strategy, pending, view };
    return view;
  };
}

function readings(venue: SimExchange, store: Store): EngineReadings {
  return {
    killSwitch: () => ({ on: false }),
    breaker: () => {
      const state = store.breaker.readBreaker();
      return state.tripped ? { tripped: true, reason: state.reason ?? 'tripped' } : { tripped: false };
    },
    account: () => {
      const a = venue.getAccount();
      return { equity: Decimal.of(a.equity), buyingPower: Decimal.of(a.buying_power), cash: Decimal.of(a.cash) };
    },
    drawdown: () => {
      const value = store.botState.get(DRAWDOWN_KEY) as { haltedAt?: number; resetAt?: number } | undefined;
      return { ...(value?.haltedAt ? { haltedAt: value.haltedAt } : {}), ...(value?.resetAt ? { resetAt: value.resetAt } : {}) };
    },
  };
}

export interface BacktestPartsOptions {
  readonly spec: BacktestSpec;
  readonly limits: RiskLimits;
  readonly symbols: readonly string[];
  readonly registry: StrategyRegistry;
  readonly logger: BacktestLogger;
  readonly onDecision?: (signal: RecordedSignal, decision: RiskDecision) => void;
  /** The data's bar size (default 1Min): daily data takes 1Day strategies only, and the venue's daily barMs. */
  readonly barSize?: TimelineBarSize;
}

/** Builds every part; the strategy is configured on `symbols`. @throws when the strategy or its params are invalid */
export function buildBacktestParts(options: BacktestPartsOptions): BacktestParts {
  const { spec, limits, logger } = options;
  const clock = new BacktestClock();
  // In memory (no durability to keep), with order intents cached as they are read and written (no other
  // connection can write a ':memory:' database).
  const store = openStore(':memory:', { now: () => clock.now(), cacheRecords: true });
  try {
    const venue = new SimExchange({
      now: () => clock.now(), startingCash: spec.cash, recordRequests: false, volumeShare: spec.volumeShare ?? 0.1,
      slippagePerShare: spec.slippage, commissionPerShare: spec.commissionPerShare, commissionPerOrder: spec.commissionPerOrder, fillModel: spec.fill,
      ...(options.barSize === '1Day' ? { barMs: DAILY_VENUE_BAR_MS } : {}),
    });
    const client = new BacktestExecutionClient({ venue, logger: logger.child({ component: 'execution' }), now: () => clock.now() });
    const pending: ExecutionEvent[] = [];
    client.onExecution((event) => { pending.push(event); });
    const orders = new OrderManager({ store, client, clock, logger: logger.child({ component: 'orders' }) });
    const ledger = PortfolioLedger.restore(store, Decimal.of(spec.cash)).ledger;
    const runner = new StrategyRunner({ registry: options.registry, store, positionOf: positionViews(ledger, orders) });
    const decisions = { approved: 0, denied: 0 };
    const engine = new TradingEngine({
      clock, logger: logger.child({ component: 'engine' }), store, runner, orders, ledger, limits: () => limits,
      readings: readings(venue, store), fetchEmptyWindows: false,
      onDecision: (signal, decision) => {
        if (decision.approved) decisions.approved++; else decisions.denied++;
        options.onDecision?.(signal, decision);
      },
      onDrawdownLatched: (at) => {
        const previous = (store.botState.get(DRAWDOWN_KEY) ?? {}) as Record<string, number>;
        if (!previous.haltedAt || (previous.resetAt ?? 0) >= previous.haltedAt) store.botState.set(DRAWDOWN_KEY, { ...previous, haltedAt: at });
      },
    });
    const timeframe = spec.timeframe as Parameters<StrategyRunner['configure']>[0][number]['timeframe'];
    if (options.registry.get(spec.strategy) === undefined) {
      throw new RangeError(`unknown strategy ${JSON.stringify(spec.strategy)}: available ${options.registry.names().join(', ')}`);
    }
    const events = runner.configure([{ name: spec.strategy, enabled: true, params: spec.params, symbols: options.symbols, ...(timeframe ? { timeframe } : {}) }], options.symbols);
    const failed = events.find((e) => e.type === 'StrategyError');
    if (failed?.type === 'StrategyError') throw new RangeError(failed.message);
    const mismatch = timeframeProblem(spec.strategy, runner.summaries(), options.barSize ?? '1Min');
    if (mismatch !== undefined) throw new RangeError(mismatch);
    engine.configure();
    return { clock, store, logger, venue, client, pending, orders, ledger, runner, engine, registry: options.registry, decisions, close: () => { store.close(); } };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The registry of built-ins (user strategy files are added by the caller). */
export function builtinRegistry(): StrategyRegistry {
  return new StrategyRegistry(BUILTIN_STRATEGIES);
}
