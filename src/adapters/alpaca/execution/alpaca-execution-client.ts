// ExecutionClient over Alpaca's trading API (or the embedded exchange, which speaks the same wire): composes
// the REST failure policies of SPEC §7 (submit, cancel, cached account/positions), the paged order listing,
// the client_order_id lookup and the trade-update stream. Built by createAlpacaExecutionClient.
// Must never: re-POST an order without a lookup, serve cached account data without a WARNING, or log secrets.
import type { Clock } from '../../../ports/clock.js';
import type { BrokerOrderId, ClientOrderId } from '../../../domain/ids.js';
import type {
  AccountReport, CancelOutcome, ExecutionClient, ExecutionEvent, ExecutionStreamStatus, ListOrdersFilter, OrderReport,
  PositionReport, SubmitOrderCommand, SubmitOutcome,
} from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { CachedRead } from './cached-read.js';
import { cancelOrder } from './cancel-order.js';
import { CloseAmbiguousError } from './execution-errors.js';
import { mapAccount, mapOrder, mapPositions } from './execution-mapper.js';
import { listAllOrders } from './list-orders.js';
import { lookupByClientOrderId, readError } from './order-lookup.js';
import { describeFailure, mayHaveLanded, type RetryTiming } from './rest-failure.js';
import { submitOrder } from './submit-order.js';
import type { TradeUpdateStream } from './trade-update-stream.js';
import type { TradingRest } from './trading-rest.js';

export interface AlpacaExecutionClientParts {
  readonly rest: TradingRest;
  readonly stream: Pick<TradeUpdateStream, 'connect' | 'disconnect' | 'onEvent' | 'onStatus'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: RetryTiming;
}

export class AlpacaExecutionClient implements ExecutionClient {
  readonly #parts: AlpacaExecutionClientParts;
  readonly #account: CachedRead<AccountReport>;
  readonly #positions: CachedRead<readonly PositionReport[]>;

  constructor(parts: AlpacaExecutionClientParts) {
    this.#parts = parts;
    const deps = { clock: parts.clock, logger: parts.logger, timing: parts.timing };
    this.#account = new CachedRead('GET /v2/account', () => parts.rest.getAccount(), mapAccount, deps);
    this.#positions = new CachedRead('GET /v2/positions', () => parts.rest.getPositions(), mapPositions, deps);
  }

  /** Submits under the failure table (see submit-order.ts). */
  submit(command: SubmitOrderCommand): Promise<SubmitOutcome> {
    return submitOrder(this.#parts, command);
  }

  /** Cancels under the failure table (see cancel-order.ts). */
  cancel(brokerOrderId: BrokerOrderId): Promise<CancelOutcome> {
    return cancelOrder(this.#parts, brokerOrderId);
  }

  /** undefined on 404. @throws BrokerUnavailableError (retry) / BrokerAuthError / BrokerRequestError */
  async getByClientOrderId(clientOrderId: ClientOrderId): Promise<OrderReport | undefined> {
    const found = await lookupByClientOrderId(this.#parts.rest, clientOrderId);
    if (found.kind === 'failed') throw readError(`lookup of client_order_id ${clientOrderId}`, found.failure);
    return found.kind === 'found' ? found.report : undefined;
  }

  /** Every matching order, paging as needed; `filter.limit` is the page size. */
  listOrders(filter: ListOrdersFilter): Promise<readonly OrderReport[]> {
    return listAllOrders(this.#parts, filter);
  }

  /** Positions, with the cached fallback of SPEC §7. */
  getPositions(): Promise<readonly PositionReport[]> {
    return this.#positions.read();
  }

  /** The account, with the cached fallback of SPEC §7. */
  getAccount(): Promise<AccountReport> {
    return this.#account.read();
  }

  /**
   * Liquidates the whole position at market (`DELETE /v2/positions/{symbol}`); undefined when there is none.
   * Not retried: a second DELETE could sell twice. @throws CloseAmbiguousError (reconcile) on a transport
   * failure that may have landed, BrokerUnavailableError on a 429, BrokerRequestError (reconcile) when refused
   * (e.g. 403 40310000, shares held for open orders), BrokerAuthError on 401/403
   */
  async closePosition(symbol: string): Promise<OrderReport | undefined> {
    const result = await this.#parts.rest.closePosition(symbol);
    if (result.ok) return mapOrder(result.body);
    const f = result.failure;
    if (f.kind === 'http' && f.status === 404) return undefined;
    if (mayHaveLanded(f)) throw new CloseAmbiguousError(`close position ${symbol}: ${describeFailure(f)}; the liquidating order may have been placed: reconcile before retrying`);
    throw readError(`close position ${symbol}`, f, 'reconcile');
  }

  onExecution(listener: (event: ExecutionEvent) => void): () => void {
    return this.#parts.stream.onEvent(listener);
  }

  onStreamStatus(listener: (status: ExecutionStreamStatus) => void): () => void {
    return this.#parts.stream.onStatus(listener);
  }

  /** Opens the trade-update stream; resolves once it listens. @throws BrokerAuthError / BrokerUnavailableError */
  connect(): Promise<void> {
    return this.#parts.stream.connect();
  }

  disconnect(): Promise<void> {
    return this.#parts.stream.disconnect();
  }
}
