// The order lifecycle of SPEC §7 as one table (DESIGN §3.5): which state may follow which.
// Why a table: the transitions are data that a property test can enumerate and a reader can check at a glance.
// Must never: grow a transition that leaves a terminal state; only reconciliation may force a state
// (see `forceState` in order-ledger.ts), and it writes a `state_forced` event when it does.
import type { OrderState } from '../../domain/order.js';

/**
 * Allowed next states (SPEC §7). Terminal states map to an empty list.
 * PARTIALLY_FILLED → PARTIALLY_FILLED is a further partial fill.
 */
export const ORDER_TRANSITIONS = {
  PENDING_SUBMIT: ['SUBMITTED', 'SUBMIT_FAILED'],
  SUBMITTED: ['ACCEPTED', 'REJECTED', 'FILLED', 'CANCELED'],
  ACCEPTED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELED'],
  FILLED: [],
  CANCELED: [],
  EXPIRED: [],
  REJECTED: [],
  SUBMIT_FAILED: [],
} as const satisfies Record<OrderState, readonly OrderState[]>;

/** True when the table allows `from → to` directly. */
export function canTransition(from: OrderState, to: OrderState): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderState[]).includes(to);
}

/** Stable codes of the errors the state machine throws (a broken invariant, never an expected outcome). */
export type OrderStateErrorCode = 'INVALID_TRANSITION' | 'OVERFILL' | 'INVALID_FILL';

/** An event that the lifecycle does not allow for the order's state; the message names both. */
export class OrderTransitionError extends Error {
  override readonly name = 'OrderTransitionError';
  constructor(
    readonly code: OrderStateErrorCode,
    readonly from: OrderState,
    readonly eventType: string,
    message: string,
  ) {
    super(message);
  }
}
