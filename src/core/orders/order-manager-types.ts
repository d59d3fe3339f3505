// The order manager's inputs, options, results and the events it emits (DESIGN §3.3: commands imperative,
// events past tense). Lives apart so the engine, runtime and portfolio can import the shapes alone.
// Must never: hold behaviour.
import type { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId, StrategyId, Ticker } from '../../domain/ids.js';
import type { Intent, SignalContext } from '../../domain/intent.js';
import type { OrderRole, OrderSide, OrderState } from '../../domain/order.js';
import type { SubmitOrderCommand } from '../../ports/execution-client.js';

/** An entry the risk engine approved: the signal, its intent and the sized, priced protection. */
export interface ApprovedOrder {
  readonly context: SignalContext;
  /** `enter_long` or `enter_short`. */
  readonly intent: Intent;
  /** Shares, > 0 (whole unless fractional trading is enabled). */
  readonly qty: Decimal;
  /** Protective stop price (every entry has one, SPEC §6). */
  readonly stop: Decimal;
  readonly takeProfit?: Decimal;
  /** Trailing stop: activates at `activationPct` profit, then keeps the stop `trailPct` behind the best price. */
  readonly trail?: { readonly activationPct: Decimal; readonly trailPct: Decimal };
}

/** How long an ambiguous submission is looked up before it is declared SUBMIT_FAILED. */
export interface LookupPolicy {
  /** Lookups by client_order_id. Default 3. */
  readonly attempts: number;
  /** Wait before each lookup, clock ms. Default 1000. */
  readonly delayMs: number;
}

export interface OrderManagerOptions {
  /** Decide and log, send nothing, store no intent (SPEC §1 `--dry-run`). Default false. */
  readonly dryRun?: boolean;
  /** A partial entry whose remainder is cancelled is closed when it is below this many shares. Default 5. */
  readonly minPartialShares?: number;
  readonly lookup?: LookupPolicy;
  /** Consecutive order failures that trip the breaker (SPEC S3). Default 5. */
  readonly breakerLimit?: number;
  /** Decimal places of stop prices the manager computes (trailing). Default 2. */
  readonly priceDp?: number;
}

/** The outcome of submitEntry (and of each protective order). */
export type SubmitResult =
  | { readonly kind: 'dry_run'; readonly clientOrderId: ClientOrderId; readonly command: SubmitOrderCommand }
  | { readonly kind: 'duplicate_prevented'; readonly clientOrderId: ClientOrderId; readonly state: OrderState }
  | { readonly kind: 'accepted'; readonly clientOrderId: ClientOrderId; readonly state: OrderState }
  | { readonly kind: 'rejected'; readonly clientOrderId: ClientOrderId; readonly reason: string; readonly breakerTripped: boolean }
  | { readonly kind: 'submit_failed'; readonly clientOrderId: ClientOrderId; readonly reason: string; readonly breakerTripped: boolean }
  /** The lookups themselves failed: the intent stays PENDING_SUBMIT and reconciliation resolves it. */
  | { readonly kind: 'unresolved'; readonly clientOrderId: ClientOrderId; readonly reason: string };

/** What an exit did for one symbol. */
export interface ExitResult {
  readonly symbol: string;
  readonly exits: readonly SubmitResult[];
  /** Entries whose protective orders could not be confirmed cancelled (their shares stay held: no exit sent). */
  readonly blocked: readonly ClientOrderId[];
}

/** A fill the order manager recorded (for the portfolio). */
export interface OrderFilled {
  readonly type: 'OrderFilled';
  readonly clientOrderId: ClientOrderId;
  readonly symbol: Ticker;
  readonly side: OrderSide;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly executionId: string;
  readonly at: number;
  readonly role: OrderRole;
  readonly strategy: StrategyId;
  /** The entry an exit belongs to. */
  readonly parentClientOrderId: ClientOrderId | null;
  /** True for a fill learned from an order's totals (reconciliation), not from a trade update. */
  readonly synthetic: boolean;
  /** The venue's commission on this execution (zero when it reports none). */
  readonly commission: Decimal;
}

/** Events the order manager publishes. */
export type OrderDomainEvent =
  | OrderFilled
  | { readonly type: 'OrderProtectionMissing'; readonly clientOrderId: ClientOrderId; readonly symbol: Ticker; readonly reason: string }
  | { readonly type: 'BreakerTripped'; readonly reason: string };
