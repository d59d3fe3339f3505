// A fake ExecutionClient for the engine benchmarks: accepts every order at once, fills market orders at the
// symbol's last price (the fill is queued and handed back by `drainFills`, as a trade update would arrive later),
// never triggers stops, and records `performance.now()` when `submit` is called so the bench can measure
// candle close → order request in process. Benchmarks only: it has no matching and no network.
// Must never: be used by production code or tests that claim broker behaviour.
import { performance } from 'node:perf_hooks';
import { Decimal } from '../../src/domain/decimal.js';
import type { BrokerOrderId, ClientOrderId } from '../../src/domain/ids.js';
import type {
  AccountReport, CancelOutcome, ExecutionClient, ExecutionEvent, ListOrdersFilter, OrderReport, PositionReport, SubmitOrderCommand, SubmitOutcome,
} from '../../src/ports/execution-client.js';

const OPEN = new Set(['new', 'accepted', 'partially_filled']);

export class BenchExecutionClient implements ExecutionClient {
  /** Milliseconds from `markStart` to the first `submit` after it, one sample per marked bar that submitted. */
  readonly latencies: number[] = [];
  submits = 0;
  readonly #orders = new Map<string, OrderReport>();
  readonly #prices = new Map<string, Decimal>();
  #fills: ExecutionEvent[] = [];
  #start: number | undefined;
  #seq = 0;
  #now: () => number;
  readonly #account: AccountReport;

  constructor(options: { readonly now: () => number; readonly equity: Decimal }) {
    this.#now = options.now;
    this.#account = { equity: options.equity, lastEquity: options.equity, cash: options.equity, buyingPower: options.equity.times(2), tradingBlocked: false };
  }

  /** Starts a latency sample: the candle-completing bar is about to be handed to the engine. */
  markStart(at: number): void {
    this.#start = at;
  }

  /** Ends the sample window (the engine returned). */
  clearMark(): void {
    this.#start = undefined;
  }

  /** The last traded price of a symbol (market orders fill there). */
  setPrice(symbol: string, price: Decimal): void {
    this.#prices.set(symbol, price);
  }

  /** Trade updates produced since the last call, in order. */
  drainFills(): ExecutionEvent[] {
    const out = this.#fills;
    this.#fills = [];
    return out;
  }

  submit(command: SubmitOrderCommand): Promise<SubmitOutcome> {
    if (this.#start !== undefined) {
      this.latencies.push(performance.now() - this.#start);
      this.#start = undefined;
    }
    this.submits++;
    const report: OrderReport = {
      brokerOrderId: `b${String(++this.#seq)}` as BrokerOrderId, clientOrderId: command.clientOrderId, symbol: command.symbol, side: command.side,
      type: command.type, timeInForce: command.timeInForce, orderClass: command.orderClass ?? 'simple', status: 'new', qty: command.qty,
      filledQty: Decimal.ZERO, filledAvgPrice: null, limitPrice: command.limitPrice ?? null, stopPrice: command.stopPrice ?? null,
      submittedAt: this.#now(), updatedAt: this.#now(), legs: [],
    };
    this.#orders.set(command.clientOrderId, report);
    if (command.type === 'market') this.#queueFill(report);
    return Promise.resolve({ kind: 'accepted', report });
  }

  #queueFill(order: OrderReport): void {
    const price = this.#prices.get(order.symbol) ?? Decimal.ONE;
    const filled: OrderReport = { ...order, status: 'filled', filledQty: order.qty, filledAvgPrice: price, updatedAt: this.#now() };
    this.#orders.set(order.clientOrderId, filled);
    this.#fills.push({ event: 'fill', at: this.#now(), order: filled, executionId: `x${String(this.#seq)}`, price, qty: order.qty });
  }

  cancel(brokerOrderId: BrokerOrderId): Promise<CancelOutcome> {
    for (const [cid, order] of this.#orders) {
      if (order.brokerOrderId !== brokerOrderId) continue;
      if (!OPEN.has(order.status)) return Promise.resolve({ kind: 'not_cancelable', message: order.status });
      this.#orders.set(cid, { ...order, status: 'canceled', updatedAt: this.#now() });
      return Promise.resolve({ kind: 'accepted' });
    }
    return Promise.resolve({ kind: 'not_found' });
  }

  getByClientOrderId(clientOrderId: ClientOrderId): Promise<OrderReport | undefined> {
    return Promise.resolve(this.#orders.get(clientOrderId));
  }

  listOrders(filter: ListOrdersFilter): Promise<readonly OrderReport[]> {
    const all = [...this.#orders.values()];
    return Promise.resolve(filter.status === 'all' ? all : all.filter((o) => OPEN.has(o.status) === (filter.status === 'open')));
  }

  getPositions(): Promise<readonly PositionReport[]> {
    return Promise.resolve([]);
  }

  getAccount(): Promise<AccountReport> {
    return Promise.resolve(this.#account);
  }

  closePosition(): Promise<OrderReport | undefined> {
    return Promise.resolve(undefined);
  }

  onExecution(): () => void {
    return () => undefined;
  }

  onStreamStatus(): () => void {
    return () => undefined;
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}
