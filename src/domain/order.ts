// The shared order vocabulary (SPEC §7): states, sides, types, time in force and order classes, as closed
// unions with their value lists, so the store's CHECK constraints, the mapper and the state machine agree.
// Must never: hold behaviour (the state machine and its transition table live in core/orders), or import
// anything but other domain files.
import type { OrderRole, OrderSide } from './client-order-id.js';

export type { OrderRole, OrderSide } from './client-order-id.js';

/** Every state an order can be in (SPEC §7), in lifecycle order. */
export const ORDER_STATES = [
  'PENDING_SUBMIT',
  'SUBMITTED',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'EXPIRED',
  'REJECTED',
  'SUBMIT_FAILED',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** States an order never leaves (SPEC §7). */
export const TERMINAL_STATES = ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'SUBMIT_FAILED'] as const satisfies readonly OrderState[];
export type TerminalOrderState = (typeof TERMINAL_STATES)[number];

/** States in which an order may still fill or be cancelled: everything that is not terminal. */
export const OPEN_STATES = ['PENDING_SUBMIT', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED'] as const satisfies readonly OrderState[];
export type OpenOrderState = (typeof OPEN_STATES)[number];

export const ORDER_SIDES = ['buy', 'sell'] as const satisfies readonly OrderSide[];

/** Roles an order plays for its signal; part of the client_order_id hash (SPEC S4). */
export const ORDER_ROLES = ['entry', 'stop', 'take_profit', 'exit', 'trail', 'close', 'protect'] as const satisfies readonly OrderRole[];

/** Alpaca's order types. */
export const ORDER_TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Alpaca's time-in-force values: day, good-till-cancelled, immediate-or-cancel, fill-or-kill, at the open, at the close. */
export const TIME_IN_FORCE = ['day', 'gtc', 'ioc', 'fok', 'opg', 'cls'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

/** Alpaca's order classes: a single order, or an entry with attached exits. */
export const ORDER_CLASSES = ['simple', 'bracket', 'oco', 'oto'] as const;
export type OrderClass = (typeof ORDER_CLASSES)[number];

/** Direction of a position or of a completed round trip. */
export const POSITION_SIDES = ['long', 'short'] as const;
export type PositionSide = (typeof POSITION_SIDES)[number];

const TERMINAL = new Set<string>(TERMINAL_STATES);

/** True for FILLED, CANCELED, EXPIRED, REJECTED and SUBMIT_FAILED. */
export function isTerminalState(state: OrderState): state is TerminalOrderState {
  return TERMINAL.has(state);
}

/** Narrows an unknown string to a member of a value list, e.g. `isOneOf(ORDER_STATES, text)`. */
export function isOneOf<const T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
