// The full engine as the runtime wires it (src/runtime/bot/startup.ts): store, order manager, portfolio ledger,
// strategy runner with the built-in registry, risk limits and readings, TradingEngine — over a fake broker
// (BenchExecutionClient) and a clock the bench moves to each bar's close. Benchmarks only.
// Must never: skip a part the live path has (the numbers would flatter us), or be imported by src/.
import { performance } from 'node:perf_hooks';
import { MemoryLogger } from '../../src/adapters/logging/memory-logger.js';
import { openStore } from '../../src/adapters/sqlite/index.js';
import type { Bar } from '../../src/domain/bar.js';
import { sessionsBetween } from '../../src/domain/calendar/index.js';
import { Decimal } from '../../src/domain/decimal.js';
import type { Ticker } from '../../src/domain/ids.js';
import { randomBarStream, randomBars } from '../../src/core/candles/candle-test-kit.js';
import { TradingEngine } from '../../src/core/engine/trading-engine.js';
import { OrderManager } from '../../src/core/orders/index.js';
import { PortfolioLedger } from '../../src/core/portfolio/index.js';
import type { RiskLimits } from '../../src/core/risk/index.js';
import { BUILTIN_STRATEGIES, FLAT_POSITION, StrategyRegistry, StrategyRunner, type PositionView } from '../../src/core/strategies/index.js';
import type { Store } from '../../src/ports/store.js';
import { startDay } from '../../src/runtime/bot/startup.js';
import { BenchExecutionClient } from './bench-execution-client.js';

/** Config defaults (SPEC §3) with room for many trades, so most signals become orders. */
export const BENCH_LIMITS: RiskLimits = {
  max_position_pct: 0.05, max_risk_per_trade_pct: 0.01, max_risk_per_trade_abs: 500, max_daily_loss_pct: 0.1,
  max_trades_per_day: 500, max_open_positions: 50, max_drawdown_pct: 0.5, min_equity_buffer_pct: 0.05, notional_max: 25_000,
  consecutive_loss_pause: 10, stop_loss_pct: 0.015, take_profit_pct: 0.2, trailing_stop_activation_pct: 0.2,
  sizing_mode: 'pct_equity', fixed_qty: 1, allow_extended_hours: false,
};

/** The configuration defaults of SPEC §3 (5 open positions, 20 entries a day, …). */
export const DEFAULT_LIMITS: RiskLimits = {
  ...BENCH_LIMITS, max_daily_loss_pct: 0.02, max_trades_per_day: 20, max_open_positions: 5, max_drawdown_pct: 0.1,
  consecutive_loss_pause: 3, take_profit_pct: 0.02, trailing_stop_activation_pct: 0.02,
};

export interface EngineRigOptions {
  /** ':memory:' or a file path (WAL + synchronous=FULL, the real durability cost). */
  readonly storePath: string;
  readonly symbols: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly strategy?: string;
  readonly limits?: RiskLimits;
}

export interface EngineRig {
  readonly engine: TradingEngine;
  readonly client: BenchExecutionClient;
  readonly store: Store;
  readonly ledger: PortfolioLedger;
  readonly warnings: MemoryLogger;
  /** Moves the engine's clock. */
  setNow(t: number): void;
  close(): void;
}

function positionView(ledger: PortfolioLedger, orders: OrderManager, strategy: string, symbol: string): PositionView {
  const position = ledger.portfolio.position(symbol as Ticker);
  const pending = orders.activeEntries(symbol).some((e) => e.strategy === strategy && e.filledQty.isZero());
  if (!position || position.strategy !== strategy) return { ...FLAT_POSITION, pendingEntry: pending };
  const qty = position.qty.abs();
  return { side: position.qty.isNegative() ? 'short' : 'long', qty: qty.toNumber(), avgEntryPrice: position.costBasis.div(qty).toNumber(), stop: undefined, entryTs: position.openedAt, pendingEntry: pending };
}

/** Builds and configures the engine (no warm-up: the strategies warm up on the first bars fed). */
export function buildEngineRig(options: EngineRigOptions): EngineRig {
  let now = 0;
  const clock = { now: (): number => now, sleep: (): Promise<void> => Promise.resolve() };
  const equity = Decimal.of('100000');
  const store = openStore(options.storePath, { now: clock.now });
  const logger = new MemoryLogger({ level: 'warn' });
  const client = new BenchExecutionClient({ now: clock.now, equity });
  const orders = new OrderManager({ store, client, clock, logger });
  const ledger = PortfolioLedger.restore(store, equity).ledger;
  const runner = new StrategyRunner({ registry: new StrategyRegistry(BUILTIN_STRATEGIES), store, positionOf: (s, sym) => positionView(ledger, orders, s, sym) });
  const limits = options.limits ?? BENCH_LIMITS;
  const engine = new TradingEngine({
    clock, logger, store, runner, orders, ledger, limits: () => limits, fetchEmptyWindows: false,
    readings: {
      killSwitch: () => ({ on: false }), breaker: () => ({ tripped: false }), drawdown: () => ({}),
      account: () => ({ equity, buyingPower: equity.times(2), cash: equity }),
    },
  });
  runner.configure([{ name: options.strategy ?? 'sma_crossover', enabled: true, params: options.params }], options.symbols);
  engine.configure();
  return {
    engine, client, store, ledger, warnings: logger,
    setNow: (t) => { now = t; },
    close: () => { store.close(); },
  };
}

/** Seeded 1-minute bars for each symbol over the regular sessions from `from` to `to`, grouped by session. */
export function sessionBars(symbols: readonly string[], from: string, to: string): Bar[][][] {
  return sessionsBetween(from, to).map((s, day) => symbols.map((symbol, i) => randomBars(symbol, s.open, s.close, 1 + day * 1000 + i)));
}

/**
 * The same bars as {@link sessionBars}, generated as they are fed (one pending bar per symbol), the way a live
 * feed delivers them: memory benchmarks must not count a day of bars held in advance, which the bot never holds.
 */
export function sessionBarStreams(symbols: readonly string[], from: string, to: string): Iterable<Bar>[][] {
  return sessionsBetween(from, to).map((s, day) => symbols.map((symbol, i) => ({ [Symbol.iterator]: () => randomBarStream(symbol, s.open, s.close, 1 + day * 1000 + i) })));
}

export interface FeedStats {
  readonly bars: number;
  readonly seconds: number;
}

/**
 * Feeds sessions minute by minute (every symbol's bar of a minute, then the next minute), as the live feed
 * delivers them: the clock at the bar's close, the latency mark around `onBar`, then the queued fills as
 * trade updates. `onMinute` runs after each minute (RSS sampling). Each session is one series per symbol
 * (arrays, or streams from {@link sessionBarStreams}), all on the same minutes.
 */
export async function feedSessions(rig: EngineRig, sessions: readonly (readonly Iterable<Bar>[])[], onMinute?: () => void): Promise<FeedStats> {
  let bars = 0;
  const started = performance.now();
  for (const day of sessions) {
    const series = day.map((s) => s[Symbol.iterator]());
    const pending = series.map(nextBar);
    const first = pending.find((b) => b !== undefined);
    if (first === undefined) continue;
    rig.setNow(first.t);
    startDay(rig.ledger, first.t, Decimal.of('100000'));
    while (pending.some((b) => b !== undefined)) {
      for (let i = 0; i < series.length; i++) {
        const bar = pending[i];
        if (bar === undefined) continue;
        rig.setNow(bar.t + 60_000);
        rig.client.setPrice(bar.symbol, Decimal.fromNumber(bar.close, 4));
        rig.client.markStart(performance.now());
        await rig.engine.onBar(bar);
        rig.client.clearMark();
        for (const fill of rig.client.drainFills()) await rig.engine.onExecution(fill);
        bars++;
        const it = series[i];
        pending[i] = it === undefined ? undefined : nextBar(it);
      }
      onMinute?.();
    }
  }
  return { bars, seconds: (performance.now() - started) / 1000 };
}

function nextBar(it: Iterator<Bar>): Bar | undefined {
  const r = it.next();
  return r.done === true ? undefined : r.value;
}

/** The q-quantile (0..1) of `values` by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Rounds to 3 decimals (milliseconds to microseconds). */
export const ms3 = (v: number): number => Math.round(v * 1000) / 1000;
