// The engine (DESIGN §1): market data → candles → strategies → risk → orders → portfolio, identical in every
// mode. The runtime feeds it 1-minute bars, clock ticks and execution events; everything it decides goes
// through the ports. Signals are judged one at a time, in candle order, each decision recorded in `signals`.
// Must never: call the broker except through the order manager, read the wall clock, or swallow a store error
// (the engine stops when it cannot record: write ahead or do nothing).
import type { Bar } from '../../domain/bar.js';
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, Ticker } from '../../domain/ids.js';
import type { ExecutionEvent } from '../../ports/execution-client.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';
import { CandleAggregator, type Candle, type CandleEvent, type FetchRequest } from '../candles/index.js';
import type { OrderDomainEvent, OrderManager } from '../orders/index.js';
import type { PortfolioLedger } from '../portfolio/index.js';
import { evaluateRisk, toSignalDecision, type RiskDecision, type RiskLimits } from '../risk/index.js';
import type { RecordedSignal, StrategyRunner } from '../strategies/index.js';
import { buildRiskFacts, type EngineReadings } from './risk-facts-builder.js';

export interface TradingEngineOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Pick<Store, 'signals' | 'trades' | 'botState' | 'transaction'>;
  readonly runner: StrategyRunner;
  readonly orders: OrderManager;
  readonly ledger: PortfolioLedger;
  /** Current risk limits (they can change at run time from the dashboard). */
  readonly limits: () => RiskLimits;
  readonly readings: EngineReadings;
  /** Aggregate pre/post-market bars too (ALLOW_EXTENDED_HOURS). */
  readonly extendedHours?: boolean;
  /** A candle window had no bars: the runtime fetches it over REST and calls `supplyFetched`. */
  readonly onFetch?: (request: FetchRequest) => void;
  /** The risk engine latched the max-drawdown halt: the runtime persists it (manual reset only). */
  readonly onDrawdownLatched?: (at: number) => void;
  /** Every decision, for the console summary and the dashboard feed. */
  readonly onDecision?: (signal: RecordedSignal, decision: RiskDecision) => void;
  /** Backtests: no REST fetch for empty windows. */
  readonly fetchEmptyWindows?: boolean;
}

const seriesKey = (symbol: string, timeframe: string): string => `${symbol}|${timeframe}`;
const NO_AGGREGATORS: readonly CandleAggregator[] = Object.freeze([]);

export class TradingEngine {
  readonly #o: TradingEngineOptions;
  readonly #aggregators = new Map<string, CandleAggregator>();
  /** The same aggregators as a list (the per-minute tick walks it without an iterator). */
  readonly #aggregatorList: CandleAggregator[] = [];
  readonly #bySymbol = new Map<string, CandleAggregator[]>();
  /** Strategy names per symbol, fixed at configure(): the per-candle check must not walk every instance. */
  readonly #strategiesBySymbol = new Map<string, Set<string>>();
  #accepting = true;
  /** Closes already converted to exact decimals (a symbol's closes revisit the same cents all day). */
  readonly #prices = new Map<number, Decimal>();

  constructor(options: TradingEngineOptions) {
    this.#o = options;
    options.orders.subscribe((event) => {
      this.#onOrderEvent(event);
    });
  }

  /** Creates one candle aggregator per (symbol, timeframe) the configured strategy instances need. */
  configure(): void {
    for (const instance of this.#o.runner.summaries()) {
      const names = this.#strategiesBySymbol.get(instance.symbol) ?? new Set<string>();
      names.add(instance.strategy);
      this.#strategiesBySymbol.set(instance.symbol, names);
    }
    for (const need of this.#o.runner.warmUpNeeds()) {
      const key = seriesKey(need.symbol, need.timeframe);
      if (this.#aggregators.has(key)) continue;
      const aggregator = new CandleAggregator({
        symbol: need.symbol,
        timeframe: need.timeframe,
        extendedHours: this.#o.extendedHours ?? false,
        fetchEmptyWindows: this.#o.fetchEmptyWindows ?? true,
      });
      this.#aggregators.set(key, aggregator);
      this.#aggregatorList.push(aggregator);
      this.#bySymbol.set(need.symbol, [...(this.#bySymbol.get(need.symbol) ?? []), aggregator]);
    }
  }

  /** Symbols with at least one strategy instance (what the feed must subscribe to). */
  symbols(): string[] {
    return [...this.#bySymbol.keys()];
  }

  /** History (1-minute bars per symbol) → candles → indicators and strategy state, with no decisions recorded. */
  warmUp(history: ReadonlyMap<string, readonly Bar[]>, now: number): void {
    for (const [symbol, aggregators] of this.#bySymbol) {
      const bars = history.get(symbol) ?? [];
      for (const aggregator of aggregators) this.#replay(aggregator.warmUp(bars, now));
    }
  }

  /** Stops taking new signals (shutdown step 1); bars still mark prices. */
  stopSignals(): void {
    this.#accepting = false;
  }

  /** One completed 1-minute bar from the feed. */
  async onBar(bar: Bar): Promise<void> {
    const price = this.#priceOf(bar.close);
    const symbol = bar.symbol as Ticker;
    if (this.#o.ledger.portfolio.position(symbol)) this.#o.ledger.mark(symbol, price);
    await this.#o.orders.onPrice(bar.symbol, price);
    // Most bars and ticks complete no candle: no event, so no await (and no promise) for them.
    for (const aggregator of this.#bySymbol.get(bar.symbol) ?? NO_AGGREGATORS) {
      const events = aggregator.onBar(bar);
      if (events.length > 0) await this.#handle(events);
    }
  }

  /** A clock tick: flushes windows whose bars are late or missing (SPEC §4). */
  async onTime(now: number): Promise<void> {
    const aggregators = this.#aggregatorList;
    for (let i = 0; i < aggregators.length; i++) {
      const events = aggregators[i]?.onTime(now) ?? [];
      if (events.length > 0) await this.#handle(events);
    }
  }

  /** The REST answer to a fetch request. */
  async supplyFetched(request: FetchRequest, bars: readonly Bar[]): Promise<void> {
    const aggregator = this.#aggregators.get(seriesKey(request.symbol, request.timeframe));
    if (aggregator) await this.#handle(aggregator.supplyFetched(request.window, bars));
  }

  /** A trade update from the broker. */
  onExecution(event: ExecutionEvent): Promise<void> {
    return this.#o.orders.onExecution(event);
  }

  /** Decimal.fromNumber(close, 4), memoised (immutable values; the memo is emptied when it reaches 4096). */
  #priceOf(close: number): Decimal {
    let price = this.#prices.get(close);
    if (price === undefined) {
      price = Decimal.fromNumber(close, 4);
      if (this.#prices.size >= 4096) this.#prices.clear();
      this.#prices.set(close, price);
    }
    return price;
  }

  #replay(events: readonly CandleEvent[]): void {
    for (const event of events) {
      if (event.kind === 'candle') this.#o.runner.onCandle(event.candle, 'replay');
      else this.#diagnostic(event);
    }
  }

  async #handle(events: readonly CandleEvent[]): Promise<void> {
    for (const event of events) {
      if (event.kind === 'candle') await this.#onCandle(event.candle);
      else if (event.kind === 'fetch') this.#o.onFetch?.(event);
      else this.#diagnostic(event);
    }
  }

  #diagnostic(event: CandleEvent): void {
    if (event.kind !== 'diagnostic') return;
    const fields = { code: event.code, symbol: event.symbol, timeframe: event.timeframe, t: event.t };
    if (event.level === 'warning' || event.level === 'error') this.#o.logger.warn(event.message, fields);
    else this.#o.logger.debug(event.message, fields);
  }

  async #onCandle(candle: Candle): Promise<void> {
    await this.#o.orders.onCandle(candle.symbol, candle.t);
    this.#markEndedPositions(candle.symbol);
    const outcome = this.#o.runner.onCandle(candle, this.#accepting ? 'live' : 'replay');
    for (const event of outcome.events) {
      // A strategy that failed and was paused or disabled needs a person; suppressed/discarded intents are routine.
      if (event.type === 'StrategyError') this.#o.logger.error(`strategy ${event.type}: ${event.message}`, { ...event });
      else this.#o.logger.info(`strategy ${event.type}`, { ...event });
    }
    for (const recorded of outcome.signals) await this.#decide(recorded);
  }

  async #decide(recorded: RecordedSignal): Promise<void> {
    const { signal } = recorded;
    const now = this.#o.clock.now();
    const facts = buildRiskFacts({ now, readings: this.#o.readings, ledger: this.#o.ledger, orders: this.#o.orders });
    const decision = evaluateRisk({ signal, limits: this.#o.limits(), facts });
    if (decision.state.latchDrawdown) this.#o.onDrawdownLatched?.(now);
    const log = this.#o.logger.withCorrelation(signal.context.correlationId);
    const clientOrderId = await this.#execute(recorded, decision, log);
    this.#o.store.signals.recordDecision(recorded.signalId, { ...toSignalDecision(decision), clientOrderId: clientOrderId ?? null });
    this.#o.onDecision?.(recorded, decision);
  }

  async #execute(recorded: RecordedSignal, decision: RiskDecision, log: Logger): Promise<ClientOrderId | undefined> {
    const { intent, context } = recorded.signal;
    if (!decision.approved) {
      log.info(`signal denied: ${decision.denial.code}`, { strategy: context.strategy, symbol: context.symbol, action: intent.action, reason: decision.denial.reason });
      return undefined;
    }
    log.info(`signal approved: ${intent.action}`, { strategy: context.strategy, symbol: context.symbol, qty: decision.qty.toString(), reason: intent.reason });
    if (decision.action === 'enter_long' || decision.action === 'enter_short') {
      const result = await this.#o.orders.submitEntry({
        context, intent, qty: decision.qty, stop: decision.stop,
        ...(decision.takeProfit ? { takeProfit: decision.takeProfit } : {}),
        trail: { activationPct: decision.trail.activationPct, trailPct: decision.trail.trailPct },
      });
      log.info(`entry ${result.kind}`, { client_order_id: result.clientOrderId, symbol: context.symbol });
      return result.clientOrderId;
    }
    if (decision.action === 'exit') await this.#o.orders.exitPosition(context.symbol, intent.reason);
    else await this.#o.orders.moveStop(context.symbol, decision.stop);
    return undefined;
  }

  /**
   * "No duplicate consecutive signals" guards against firing twice for the same state. A position that ended at
   * the broker (stop, take-profit, expired buy-stop) leaves the last signal an entry; record the end as an exit so
   * the strategy's next entry is a new signal, not a repeat. Through the runner, whose journal caches the last
   * signal: writing bot_state behind its back left the cache saying "entry" and suppressed that next entry.
   */
  #markEndedPositions(symbol: string): void {
    const runner = this.#o.runner;
    for (const strategy of this.#strategiesBySymbol.get(symbol) ?? []) {
      const last = runner.lastSignal(strategy, symbol);
      if (last?.action !== 'enter_long' && last?.action !== 'enter_short') continue;
      const position = this.#o.ledger.portfolio.position(symbol as Ticker);
      const holding = position !== undefined && position.strategy === strategy;
      const working = this.#o.orders.activeEntries(symbol).some((entry) => entry.strategy === strategy && !entry.filledQty.isPositive());
      if (holding || working) continue;
      runner.markPositionEnded(strategy, symbol);
      this.#o.logger.info('position ended at the broker: the next entry is a new signal', { strategy, symbol });
    }
  }

  #onOrderEvent(event: OrderDomainEvent): void {
    if (event.type === 'OrderFilled') {
      this.#o.ledger.applyFill({
        executionId: event.executionId, clientOrderId: event.clientOrderId, strategy: event.strategy, symbol: event.symbol,
        side: event.side, qty: event.qty, price: event.price, commission: event.commission, at: event.at, role: event.role,
      });
    } else if (event.type === 'OrderProtectionMissing') {
      this.#o.logger.critical('position without protection', { client_order_id: event.clientOrderId, symbol: event.symbol, reason: event.reason });
    } else {
      this.#o.logger.error('failure breaker tripped', { reason: event.reason });
    }
  }
}
