// Public surface of the order state machine, the idempotent order manager and reconciliation (SPEC §7, §8).
export { ORDER_TRANSITIONS, OrderTransitionError, canTransition } from './order-transitions.js';
export { applyOrderEvent } from './apply-order-event.js';
export { OrderManager, type ExitResult, type OrderManagerClient, type OrderManagerDeps, type OrderManagerStore } from './order-manager.js';
export type { ApprovedOrder, OrderDomainEvent, OrderFilled, SubmitResult } from './order-manager-types.js';
export { Reconciler, type ReconcilerDeps, type ReconciliationReport, type ReconciliationStep } from './reconciler.js';
export { planReconciliation, type ReconciliationLocal } from './plan-reconciliation.js';
