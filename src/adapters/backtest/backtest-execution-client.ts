// ExecutionClient over the exchange's matching core in process (DESIGN §1 "one matching engine, two ways in"):
// a backtest places, cancels and reads orders on the same SimExchange that sim mode serves over sockets, with
// the Alpaca adapter's request building, error mapping and report rules, so a backtest sees what sim, paper and
// live see. Trade updates are QUEUED as the venue emits them (during createOrder, cancelOrder, processBar) and
// reach the onExecution listeners only when the runtime calls flush(), in venue order — never re-entrantly
// inside submit() or processBar(). (With the 'close' fill model a market order's `new` and `fill` are emitted
// inside createOrder; they are delivered at the next flush, after submit() resolved, as over sockets.)
// Must never: drop or reorder a trade update, deliver one while a venue call is on the stack, or allocate on a
// flush with nothing pending (it sits on the per-bar path).
import type { BrokerOrderId, ClientOrderId } from '../../domain/ids.js';
import type { AlpacaTradeUpdate } from '../../exchange/contracts.js';
import { SimExchange, type SimExchangeOptions } from '../../exchange/trading-venue.js';
import type {
  AccountReport, CancelOutcome, ExecutionClient, ExecutionEvent, ExecutionStreamStatus, ListOrdersFilter, OrderReport,
  PositionReport, SubmitOrderCommand, SubmitOutcome,
} from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import { listVenueOrders } from './list-venue-orders.js';
import { mapVenueAccount, mapVenueOrder, mapVenuePosition, mapVenueTradeUpdate } from './venue-mapper.js';
import { readFailure, submitRefusal, venueOrderBody } from './venue-request.js';

/** The slice of {@link SimExchange} the client uses. */
export type BacktestVenue = Pick<
  SimExchange,
  'createOrder' | 'cancelOrder' | 'getOrderByClientOrderId' | 'listOrders' | 'listPositions' | 'getAccount' | 'closePosition' | 'onTradeUpdate'
>;

export interface BacktestExecutionClientOptions {
  /** The in-process venue; the runtime feeds it bars (processBar) and this client trades on it. */
  readonly venue: BacktestVenue;
  /** Listener errors and unmappable updates are logged here (delivery continues, as on the live stream). */
  readonly logger: Logger;
  /** Fallback `at` of an update without a timestamp (the venue always stamps them). Default 0. */
  readonly now?: () => number;
}

const NO_EVENTS: readonly ExecutionEvent[] = Object.freeze([]);

export class BacktestExecutionClient implements ExecutionClient {
  readonly #venue: BacktestVenue;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #queue: AlpacaTradeUpdate[] = [];
  readonly #listeners = new Set<(event: ExecutionEvent) => void>();
  readonly #statusListeners = new Set<(status: ExecutionStreamStatus) => void>();
  #unsubscribe: (() => void) | undefined;
  #flushing = false;

  /** Starts listening to the venue at once, so no update is missed before connect(). */
  constructor(options: BacktestExecutionClientOptions) {
    this.#venue = options.venue;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => 0);
    this.#listen();
  }

  /** Trade updates emitted by the venue and not yet flushed or drained. */
  get pendingEvents(): number {
    return this.#queue.length;
  }

  /**
   * Delivers every queued trade update to the onExecution listeners, oldest first, synchronously; updates a
   * listener causes (e.g. it submits an order) are delivered in the same call, after the ones before them.
   * Returns how many were delivered (0 at once, without allocating, when nothing is pending). A call made from
   * inside a listener returns 0: the outer call delivers.
   */
  flush(): number {
    if (this.#queue.length === 0 || this.#flushing) return 0;
    this.#flushing = true;
    const queue = this.#queue;
    let done = 0;
    let delivered = 0;
    try {
      for (; done < queue.length; done++) {
        const event = this.#map(queue[done] as AlpacaTradeUpdate);
        if (event === undefined) continue;
        this.#deliver(event);
        delivered++;
      }
      queue.length = 0;
    } finally {
      if (queue.length > 0) queue.splice(0, done + 1); // only if something threw: keep what was not reached
      this.#flushing = false;
    }
    return delivered;
  }

  /** Takes the queued updates as events WITHOUT calling the listeners (for a runtime that pulls). */
  drainEvents(): readonly ExecutionEvent[] {
    if (this.#queue.length === 0) return NO_EVENTS;
    const events: ExecutionEvent[] = [];
    for (const update of this.#queue) {
      const event = this.#map(update);
      if (event !== undefined) events.push(event);
    }
    this.#queue.length = 0;
    return events;
  }

  /** Submits like the Alpaca adapter: accepted / rejected / duplicate (never ambiguous in process). @throws InvalidOrderCommandError */
  submit(command: SubmitOrderCommand): Promise<SubmitOutcome> {
    try {
      const result = this.#venue.createOrder(venueOrderBody(command));
      return Promise.resolve(result.ok ? { kind: 'accepted', report: mapVenueOrder(result.value) } : submitRefusal(result.error));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** accepted / not_found (404) / not_cancelable (422); any other answer throws as the Alpaca adapter does. */
  cancel(brokerOrderId: BrokerOrderId): Promise<CancelOutcome> {
    const result = this.#venue.cancelOrder(brokerOrderId);
    if (result.ok) return Promise.resolve({ kind: 'accepted' });
    const e = result.error;
    if (e.status === 404) return Promise.resolve({ kind: 'not_found' });
    if (e.status === 422) return Promise.resolve({ kind: 'not_cancelable', message: e.message });
    return Promise.reject(readFailure(`cancel of order ${brokerOrderId}`, e));
  }

  /** undefined when the venue never saw the id (404). */
  getByClientOrderId(clientOrderId: ClientOrderId): Promise<OrderReport | undefined> {
    return this.#read(() => {
      const result = this.#venue.getOrderByClientOrderId(clientOrderId);
      if (result.ok) return mapVenueOrder(result.value);
      if (result.error.status === 404) return undefined;
      throw readFailure(`lookup of client_order_id ${clientOrderId}`, result.error);
    });
  }

  /** Every matching order, newest first, paged exactly as the Alpaca adapter pages (`limit` = page size). */
  listOrders(filter: ListOrdersFilter): Promise<readonly OrderReport[]> {
    return this.#read(() => listVenueOrders(this.#venue, this.#logger, filter));
  }

  getPositions(): Promise<readonly PositionReport[]> {
    return this.#read(() => this.#venue.listPositions().map(mapVenuePosition));
  }

  getAccount(): Promise<AccountReport> {
    return this.#read(() => mapVenueAccount(this.#venue.getAccount()));
  }

  /** Liquidates the whole position at market; undefined when there is none. @throws BrokerRequestError (reconcile) when refused */
  closePosition(symbol: string): Promise<OrderReport | undefined> {
    return this.#read(() => {
      const result = this.#venue.closePosition(symbol, {});
      if (result.ok) return mapVenueOrder(result.value);
      if (result.error.status === 404) return undefined;
      throw readFailure(`close position ${symbol}`, result.error, 'reconcile');
    });
  }

  onExecution(listener: (event: ExecutionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  /** Only ever reports `connected` (on connect) and `unmappable_event`: there is no socket to lose. */
  onStreamStatus(listener: (status: ExecutionStreamStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => { this.#statusListeners.delete(listener); };
  }

  /** Listens to the venue again if disconnected, and reports `connected`. */
  connect(): Promise<void> {
    this.#listen();
    this.#status({ kind: 'connected' });
    return Promise.resolve();
  }

  /** Stops listening to the venue (updates already queued can still be flushed). */
  disconnect(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    return Promise.resolve();
  }

  #listen(): void {
    this.#unsubscribe ??= this.#venue.onTradeUpdate((update) => { this.#queue.push(update); });
  }

  #read<T>(read: () => T): Promise<T> {
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #map(update: AlpacaTradeUpdate): ExecutionEvent | undefined {
    try {
      return mapVenueTradeUpdate(update, this.#now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.critical('trade update could not be mapped; reconcile this order', { error: message });
      this.#status({ kind: 'unmappable_event', message });
      return undefined;
    }
  }

  #deliver(event: ExecutionEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.error('execution listener threw (delivery continues)', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  #status(status: ExecutionStreamStatus): void {
    for (const listener of this.#statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.#logger.error('stream status listener threw', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

/** Options of {@link createBacktestExecution}: the venue's options (recordRequests defaults to false here) and a logger. */
export interface CreateBacktestExecutionOptions extends SimExchangeOptions {
  readonly logger: Logger;
}

/** A fresh venue and a client on it. The venue records no request log unless asked (it would grow with the run). */
export function createBacktestExecution(options: CreateBacktestExecutionOptions): { readonly venue: SimExchange; readonly client: BacktestExecutionClient } {
  const { logger, ...venueOptions } = options;
  const venue = new SimExchange({ recordRequests: false, ...venueOptions });
  return { venue, client: new BacktestExecutionClient({ venue, logger, now: options.now }) };
}
