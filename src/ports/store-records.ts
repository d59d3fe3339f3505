// The rows of the store (SPEC §9) as the rest of the bot sees them: typed, with exact Decimals and branded ids.
// Why a separate file: src/ports/store.ts holds the repository interfaces; these are the values they move.
// Must never: use a binary float for a price, quantity, cash, P&L or equity (SPEC S9), or carry a secret.
import type { Timeframe } from '../domain/bar.js';
import type { Decimal } from '../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId, CorrelationId, RunId, StrategyId, Ticker } from '../domain/ids.js';
import type { OrderClass, OrderRole, OrderSide, OrderState, OrderType, PositionSide, TimeInForce } from '../domain/order.js';

/** Any value JSON can hold; stored in TEXT columns checked with json_valid(). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Epoch milliseconds (UTC). Every timestamp in the store is one of these. */
export type EpochMs = number;

/** An order intent before it is written: what the bot means to send (SPEC S4: written before the request). */
export interface NewOrderIntent {
  readonly clientOrderId: ClientOrderId;
  readonly correlationId: CorrelationId;
  readonly strategy: StrategyId;
  readonly symbol: Ticker;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Default `simple`. */
  readonly orderClass?: OrderClass;
  readonly qty: Decimal;
  readonly limitPrice?: Decimal | null;
  readonly stopPrice?: Decimal | null;
  readonly role: OrderRole;
  /** The entry this order protects or exits (bracket legs, stops). */
  readonly parentClientOrderId?: ClientOrderId | null;
  /** The signal's candle timestamp. */
  readonly signalTs?: EpochMs | null;
  /** Default `PENDING_SUBMIT`; reconciliation may adopt a broker order in another state. */
  readonly state?: OrderState;
  readonly brokerOrderId?: BrokerOrderId | null;
  /** Bracket legs, trailing parameters and other order-class details. */
  readonly extra?: JsonObject | null;
}

/** A stored order intent. `version` increases by one with every update (optimistic concurrency). */
export interface OrderIntentRecord {
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId: BrokerOrderId | null;
  readonly correlationId: CorrelationId;
  readonly strategy: StrategyId;
  readonly symbol: Ticker;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly orderClass: OrderClass;
  readonly qty: Decimal;
  readonly limitPrice: Decimal | null;
  readonly stopPrice: Decimal | null;
  readonly filledQty: Decimal;
  readonly avgFillPrice: Decimal | null;
  readonly state: OrderState;
  readonly version: number;
  readonly parentClientOrderId: ClientOrderId | null;
  readonly role: OrderRole;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly signalTs: EpochMs | null;
  readonly extra: JsonObject | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/** The event written with an intent update, in the same transaction. */
export interface OrderEventInput {
  /** Past tense, lower_snake_case: `submitted`, `accepted`, `partially_filled`, `submit_failed`, `state_forced`... */
  readonly type: string;
  readonly payload?: JsonObject | null;
  /** Alpaca's trade-update execution id (or another broker event id); unique across the table when present. */
  readonly brokerEventId?: string | null;
  /** Default: the store's clock. */
  readonly ts?: EpochMs;
}

/** Fields an update may change; absent fields are left as they are. */
export interface OrderIntentPatch {
  readonly state?: OrderState;
  readonly brokerOrderId?: BrokerOrderId | null;
  readonly filledQty?: Decimal;
  readonly avgFillPrice?: Decimal | null;
  readonly attempts?: number;
  readonly lastError?: string | null;
  readonly extra?: JsonObject | null;
  readonly event: OrderEventInput;
}

/** An event appended on its own (not through an intent update). */
export interface NewOrderEvent extends OrderEventInput {
  readonly clientOrderId: ClientOrderId;
  readonly fromState?: OrderState | null;
  readonly toState?: OrderState | null;
}

export interface OrderEventRecord {
  readonly id: number;
  readonly clientOrderId: ClientOrderId;
  readonly type: string;
  readonly fromState: OrderState | null;
  readonly toState: OrderState | null;
  readonly payload: JsonObject | null;
  readonly brokerEventId: string | null;
  readonly ts: EpochMs;
}

export interface NewFill {
  /** Alpaca's execution id: a fill with an id already stored is a duplicate and is ignored. */
  readonly executionId: string;
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId?: BrokerOrderId | null;
  readonly symbol: Ticker;
  readonly side: OrderSide;
  readonly qty: Decimal;
  readonly price: Decimal;
  /** Default 0. */
  readonly commission?: Decimal;
  readonly ts: EpochMs;
}

export interface FillRecord extends Required<Omit<NewFill, 'brokerOrderId'>> {
  readonly id: number;
  readonly brokerOrderId: BrokerOrderId | null;
}

/** A completed round trip (immutable once written). */
export interface NewTrade {
  readonly strategy: StrategyId;
  readonly symbol: Ticker;
  readonly side: PositionSide;
  readonly qty: Decimal;
  readonly entryPrice: Decimal;
  readonly exitPrice: Decimal;
  readonly entryTs: EpochMs;
  readonly exitTs: EpochMs;
  /** Net of commission. */
  readonly pnl: Decimal;
  /** A fraction: 0.015 is 1.5 %. */
  readonly pnlPct: Decimal;
  readonly commission?: Decimal;
  readonly entryClientOrderId?: ClientOrderId | null;
  readonly exitClientOrderId?: ClientOrderId | null;
  readonly correlationId?: CorrelationId | null;
  /** `stop`, `take_profit`, `signal`, `trailing_stop`, `flatten`... */
  readonly exitReason?: string | null;
}

export interface TradeRecord extends Required<NewTrade> {
  readonly id: number;
  /** Whole seconds between entry and exit. */
  readonly durationS: number;
  readonly createdAt: EpochMs;
}

export interface TradeNoteRecord {
  readonly id: number;
  readonly tradeId: number;
  readonly note: string;
  readonly author: string;
  readonly createdAt: EpochMs;
}

export type RiskDecision = 'approved' | 'denied';

/** A strategy intent as it left the strategy, before risk. */
export interface NewSignal {
  readonly correlationId: CorrelationId;
  readonly strategy: StrategyId;
  readonly symbol: Ticker;
  readonly timeframe: Timeframe;
  readonly signalTs: EpochMs;
  /** `enter_long`, `enter_short`, `exit`, `move_stop`... */
  readonly action: string;
  readonly reason: string;
  readonly confidence?: number | null;
  readonly stop?: Decimal | null;
  readonly takeProfit?: Decimal | null;
  readonly sizeFraction?: number | null;
}

/** What risk said about a signal; recorded once. */
export interface SignalDecision {
  readonly decision: RiskDecision;
  /** Stable SCREAMING_SNAKE code of the refusing rule (denied), or null. */
  readonly code?: string | null;
  readonly reason?: string | null;
  readonly qty?: Decimal | null;
  readonly clientOrderId?: ClientOrderId | null;
}

export interface SignalRecord extends Required<NewSignal> {
  readonly id: number;
  readonly riskDecision: RiskDecision | null;
  readonly riskCode: string | null;
  readonly riskReason: string | null;
  readonly qty: Decimal | null;
  readonly clientOrderId: ClientOrderId | null;
  readonly createdAt: EpochMs;
}

export interface EquityPoint {
  readonly ts: EpochMs;
  readonly equity: Decimal;
  readonly cash: Decimal;
  readonly dailyPnl: Decimal;
  readonly buyingPower?: Decimal | null;
  readonly longMarketValue?: Decimal | null;
  readonly shortMarketValue?: Decimal | null;
  readonly openPositions?: number | null;
}

export interface BotStateEntry {
  readonly key: string;
  readonly value: JsonValue;
  readonly updatedAt: EpochMs;
}

/** A cached bar; `ts` is the bar's start. Prices exact, volume a count. */
export interface BarRecord {
  readonly symbol: Ticker;
  readonly timeframe: Timeframe;
  readonly ts: EpochMs;
  readonly open: Decimal;
  readonly high: Decimal;
  readonly low: Decimal;
  readonly close: Decimal;
  readonly volume: number;
  readonly vwap?: Decimal | null;
  readonly tradeCount?: number | null;
  /** Where it came from: `alpaca`, `csv`, `sim`... */
  readonly source: string;
}

export interface BarSeriesSummary {
  readonly symbol: Ticker;
  readonly timeframe: Timeframe;
  readonly count: number;
  readonly firstTs: EpochMs;
  readonly lastTs: EpochMs;
}

export type BacktestStatus = 'running' | 'completed' | 'failed';

export interface NewBacktestRun {
  readonly id: RunId;
  readonly strategy: StrategyId;
  readonly symbols: readonly Ticker[];
  readonly timeframe: Timeframe;
  readonly startTs: EpochMs;
  readonly endTs: EpochMs;
  /** Strategy, risk and fill-model parameters exactly as run. */
  readonly params: JsonObject;
  readonly initialEquity: Decimal;
}

export interface BacktestRunRecord extends NewBacktestRun {
  readonly status: BacktestStatus;
  readonly finalEquity: Decimal | null;
  readonly metrics: JsonObject | null;
  readonly error: string | null;
  readonly createdAt: EpochMs;
  readonly finishedAt: EpochMs | null;
}

export interface BacktestRunResult {
  readonly status: Exclude<BacktestStatus, 'running'>;
  readonly finalEquity?: Decimal | null;
  readonly metrics?: JsonObject | null;
  readonly error?: string | null;
}

export interface BacktestTradeRecord extends Required<NewTrade> {
  readonly id: number;
  readonly runId: RunId;
  readonly durationS: number;
}

export interface SettingsOverrideRecord {
  readonly id: number;
  readonly key: string;
  /** null means "override removed: back to the configured value". */
  readonly value: JsonValue;
  readonly previousValue: JsonValue;
  readonly changedBy: string;
  readonly changedAt: EpochMs;
}

/** The failure circuit breaker (SPEC S3), stored in bot_state under the key `breaker`. */
export interface BreakerState {
  readonly tripped: boolean;
  /** Why it last tripped (kept after a reset, for the audit trail). */
  readonly reason: string | null;
  readonly trippedAt: EpochMs | null;
  readonly consecutiveOrderFailures: number;
  readonly consecutiveReconnectFailures: number;
  /** Who last reset it, and when. */
  readonly resetBy: string | null;
  readonly resetAt: EpochMs | null;
}

/** The outcome of a failure record or a trip: the new state, and whether this call is the one that tripped it. */
export interface BreakerChange {
  readonly state: BreakerState;
  readonly trippedNow: boolean;
}

export interface BreakerReset {
  readonly previous: BreakerState;
  readonly state: BreakerState;
}
