// The execution port: everything the order manager, reconciliation and the portfolio need from a broker.
// Implemented by adapters/alpaca (official SDK; Alpaca or the embedded exchange over sockets) and by
// adapters/backtest (the exchange's matching core in process). Consumers take the slice they use
// (`Pick<ExecutionClient, 'submit' | 'getByClientOrderId'>`).
// Must never: retry a submission blindly — an ambiguous outcome is reported as such and resolved by
// looking the order up by client_order_id (DESIGN §3.7).
import type { Decimal } from '../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId } from '../domain/ids.js';
import type { OrderClass, OrderSide, OrderType, TimeInForce } from '../domain/order.js';

/** Broker-side order status, mapped from the vendor's (unknown statuses fail loudly in the mapper). */
export type BrokerOrderStatus =
  | 'new' | 'accepted' | 'pending_new' | 'partially_filled' | 'filled' | 'done_for_day' | 'canceled' | 'expired'
  | 'replaced' | 'pending_cancel' | 'pending_replace' | 'rejected' | 'suspended' | 'stopped' | 'calculated' | 'held'
  | 'accepted_for_bidding';

export interface SubmitOrderCommand {
  readonly clientOrderId: ClientOrderId;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty: Decimal;
  readonly limitPrice?: Decimal;
  readonly stopPrice?: Decimal;
  readonly trailPercent?: Decimal;
  readonly trailPrice?: Decimal;
  readonly orderClass?: OrderClass;
  readonly takeProfit?: { readonly limitPrice: Decimal };
  readonly stopLoss?: { readonly stopPrice: Decimal; readonly limitPrice?: Decimal };
  readonly extendedHours?: boolean;
}

/** A broker's view of one order (also used for bracket legs). */
export interface OrderReport {
  readonly brokerOrderId: BrokerOrderId;
  readonly clientOrderId: ClientOrderId;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly orderClass: OrderClass;
  readonly status: BrokerOrderStatus;
  readonly qty: Decimal;
  readonly filledQty: Decimal;
  readonly filledAvgPrice: Decimal | null;
  readonly limitPrice: Decimal | null;
  readonly stopPrice: Decimal | null;
  readonly submittedAt: number | null;
  readonly updatedAt: number | null;
  readonly legs: readonly OrderReport[];
}

export interface PositionReport {
  readonly symbol: string;
  /** Signed: positive long, negative short. */
  readonly qty: Decimal;
  readonly avgEntryPrice: Decimal;
  readonly currentPrice: Decimal | null;
  readonly marketValue: Decimal | null;
  readonly unrealizedPl: Decimal | null;
}

export interface AccountReport {
  readonly equity: Decimal;
  readonly lastEquity: Decimal;
  readonly cash: Decimal;
  readonly buyingPower: Decimal;
  readonly tradingBlocked: boolean;
}

/** The four outcomes of an order command (DESIGN §3.7); `denied` is produced by risk, never by a broker. */
export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly report: OrderReport }
  /** The broker said no, definitively (4xx). */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: number | null; readonly message: string }
  /** It may have landed (timeout, 5xx, connection reset): stay in flight and look it up by client_order_id. */
  | { readonly kind: 'ambiguous'; readonly message: string }
  /** The broker already has this client_order_id (422 40010001): look it up, it is not a failure. */
  | { readonly kind: 'duplicate'; readonly message: string };

export type CancelOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'not_cancelable'; readonly message: string }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'ambiguous'; readonly message: string };

/** A trade update (fill, cancel, …) as the order manager consumes it. */
export interface ExecutionEvent {
  readonly event: 'new' | 'partial_fill' | 'fill' | 'canceled' | 'expired' | 'replaced' | 'rejected' | 'pending_cancel' | 'pending_new' | 'accepted' | 'done_for_day' | 'held' | 'other';
  readonly at: number;
  readonly order: OrderReport;
  /** For fills: the execution's own id, price and quantity, and the position after it (signed). */
  readonly executionId?: string;
  readonly price?: Decimal;
  readonly qty?: Decimal;
  readonly positionQty?: Decimal;
  /** For fills: the venue's commission on this execution (backtests; Alpaca equities report none). */
  readonly commission?: Decimal;
}

export type ExecutionStreamStatus =
  | { readonly kind: 'connected' }
  /** After a reconnect: the bot must reconcile (nothing is replayed). */
  | { readonly kind: 'reconnected' }
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'reconnect_failures'; readonly consecutive: number }
  /** Terminal: the broker refused the credentials; the stream will not reconnect (halt). */
  | { readonly kind: 'auth_failed'; readonly message: string }
  /** A trade update could not be mapped (e.g. an unknown order status); it was not delivered: reconcile. */
  | { readonly kind: 'unmappable_event'; readonly message: string };

export interface ListOrdersFilter {
  readonly status: 'open' | 'closed' | 'all';
  /** Submitted at or after, epoch ms. */
  readonly after?: number;
  readonly symbols?: readonly string[];
  readonly nested?: boolean;
  readonly limit?: number;
}

export interface ExecutionClient {
  submit(command: SubmitOrderCommand): Promise<SubmitOutcome>;
  cancel(brokerOrderId: BrokerOrderId): Promise<CancelOutcome>;
  /** undefined when the broker has never seen this id (404). @throws on transport errors (caller retries). */
  getByClientOrderId(clientOrderId: ClientOrderId): Promise<OrderReport | undefined>;
  listOrders(filter: ListOrdersFilter): Promise<readonly OrderReport[]>;
  getPositions(): Promise<readonly PositionReport[]>;
  getAccount(): Promise<AccountReport>;
  /** Liquidates one position at market; resolves with the liquidating order. */
  closePosition(symbol: string): Promise<OrderReport | undefined>;
  /** Subscribes to trade updates; returns the unsubscribe function. */
  onExecution(listener: (event: ExecutionEvent) => void): () => void;
  onStreamStatus(listener: (status: ExecutionStreamStatus) => void): () => void;
  /** Opens the trade-update stream; resolves once it is listening. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}
