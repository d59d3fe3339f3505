// The executor of SPEC §8: fetches the broker's truth, runs the pure planner, performs each action through the
// order manager, logs every action and a summary, and returns a ReconciliationReport the runtime routes to the
// portfolio (adopted / vanished positions). Runs at startup before market data and after every stream reconnect.
// Must never: leave a broker position without a stop it could place, or send an order it has not written first
// (every order goes through the manager's write-ahead path).
import { Decimal } from '../../domain/decimal.js';
import type { Clock } from '../../ports/clock.js';
import type { ExecutionClient, OrderReport } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import { exposure } from './entry-extra.js';
import type { OrderManager, OrderManagerStore } from './order-manager.js';
import { planReconciliation, type ReconciliationAction, type ReconciliationLimits, type ReconciliationLocal } from './plan-reconciliation.js';

const DAY_MS = 86_400_000;

export interface ReconcilerDeps {
  readonly manager: OrderManager;
  readonly store: Pick<OrderManagerStore, 'orderIntents'>;
  readonly client: Pick<ExecutionClient, 'listOrders' | 'getPositions' | 'getByClientOrderId'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: ReconciliationLimits;
  /** The portfolio's signed positions; default: derived from the bot's entries. */
  readonly localPositions?: () => ReconciliationLocal['positions'];
}

export interface ReconciliationStep {
  readonly action: ReconciliationAction;
  /** What was done, in words (also logged). */
  readonly outcome: string;
}

export interface ReconciliationReport {
  readonly at: number;
  readonly steps: readonly ReconciliationStep[];
  readonly counts: Readonly<Record<ReconciliationAction['kind'], number>>;
}

export class Reconciler {
  readonly #d: ReconcilerDeps;
  readonly #log: Logger;

  constructor(deps: ReconcilerDeps) {
    this.#d = deps;
    this.#log = deps.logger.child({ component: 'reconciliation' });
  }

  /** One full reconciliation: orders first, then (with fresh broker data) positions and stops. */
  async reconcile(): Promise<ReconciliationReport> {
    const at = this.#d.clock.now();
    const steps: ReconciliationStep[] = [];
    const first = planReconciliation(this.#local(), await this.#broker(at), this.#d.limits);
    for (const action of first) if (action.kind === 'sync_order' || action.kind === 'lookup_order' || action.kind === 'unknown_broker_order') steps.push(await this.#orderStep(action));
    const second = planReconciliation(this.#local(), await this.#broker(at), this.#d.limits);
    for (const action of second) if (action.kind === 'adopt_position' || action.kind === 'close_local_position') steps.push(await this.#positionStep(action));
    const third = planReconciliation(this.#local(), await this.#broker(at), this.#d.limits);
    for (const action of third) if (action.kind === 'place_stop') steps.push(await this.#stopStep(action));
    const counts = { sync_order: 0, lookup_order: 0, adopt_position: 0, close_local_position: 0, place_stop: 0, unknown_broker_order: 0 };
    for (const s of steps) counts[s.action.kind]++;
    this.#log.info('reconciliation done', { ...counts, actions: steps.length });
    return { at, steps, counts };
  }

  #local(): ReconciliationLocal {
    const positions = this.#d.localPositions?.() ?? derivePositions(this.#d.manager.activeEntries(), this.#d.store);
    return { openOrders: this.#d.store.orderIntents.listOpen(), positions };
  }

  async #broker(now: number): Promise<{ orders: OrderReport[]; positions: Awaited<ReturnType<ExecutionClient['getPositions']>> }> {
    const open = await this.#d.client.listOrders({ status: 'open', nested: true });
    const recent = await this.#d.client.listOrders({ status: 'all', after: now - DAY_MS, nested: true });
    const byId = new Map<string, OrderReport>();
    for (const o of [...recent, ...open]) byId.set(o.brokerOrderId, o);
    return { orders: [...byId.values()], positions: await this.#d.client.getPositions() };
  }

  async #orderStep(action: Extract<ReconciliationAction, { kind: 'sync_order' | 'lookup_order' | 'unknown_broker_order' }>): Promise<ReconciliationStep> {
    if (action.kind === 'unknown_broker_order') {
      return this.#note(action, 'warn', `open broker order ${action.report.clientOrderId} (${action.report.symbol}) is not the bot's: left alone`);
    }
    if (action.kind === 'sync_order') {
      const r = await this.#d.manager.applyReport(action.clientOrderId, action.report);
      return this.#note(action, 'info', `order ${action.clientOrderId} synced to broker status ${action.report.status}: now ${r.state}, filled ${r.filledQty.toString()}`);
    }
    const report = await this.#d.client.getByClientOrderId(action.clientOrderId);
    if (report !== undefined) {
      const r = await this.#d.manager.applyReport(action.clientOrderId, report);
      return this.#note(action, 'info', `order ${action.clientOrderId} found by client_order_id and adopted: now ${r.state}`);
    }
    const ledger = this.#d.manager.ledger;
    if (action.localState === 'PENDING_SUBMIT') {
      ledger.apply(action.clientOrderId, { type: 'submit_failed', reason: 'reconciliation: the broker never received it' }, { at: this.#d.clock.now(), source: 'reconciliation' });
      return this.#note(action, 'warn', `order ${action.clientOrderId} never reached the broker: SUBMIT_FAILED`);
    }
    ledger.forceState(action.clientOrderId, 'CANCELED', `reconciliation: the broker does not know this ${action.localState} order`);
    return this.#note(action, 'error', `order ${action.clientOrderId} (${action.localState}) unknown to the broker: forced CANCELED`);
  }

  async #positionStep(action: Extract<ReconciliationAction, { kind: 'adopt_position' | 'close_local_position' }>): Promise<ReconciliationStep> {
    if (action.kind === 'adopt_position') {
      const long = action.qty.isPositive();
      const stop = action.avgEntryPrice.times(long ? Decimal.ONE.minus(this.#d.limits.defaultStopPct) : Decimal.ONE.plus(this.#d.limits.defaultStopPct)).round(this.#d.limits.priceDp ?? 2);
      const cid = await this.#d.manager.adoptPosition({ symbol: action.symbol, qty: action.qty, avgEntryPrice: action.avgEntryPrice, stop });
      return this.#note(action, 'warn', `broker position ${action.symbol} ${action.qty.toString()} @ ${action.avgEntryPrice.toString()} unknown to the bot: adopted as ${cid}`);
    }
    const closed = await this.#d.manager.closeLocally(action.symbol, 'gone at the broker');
    return this.#note(action, 'warn', `local position ${action.symbol} ${action.localQty.toString()} is gone at the broker: closed locally (${closed.length} entries)`);
  }

  async #stopStep(action: Extract<ReconciliationAction, { kind: 'place_stop' }>): Promise<ReconciliationStep> {
    const entries = this.#d.manager.activeEntries(action.symbol);
    const results = [];
    for (const entry of entries) results.push(...(await this.#d.manager.ensureProtection(entry.clientOrderId)));
    const placed = results.filter((r) => r.kind === 'accepted').length;
    return this.#note(action, 'critical', `position ${action.symbol} had ${action.covered.toString()} of ${action.qty.plus(action.covered).toString()} shares under a stop or a working exit: ${placed} stop order(s) placed`);
  }

  #note(action: ReconciliationAction, level: 'info' | 'warn' | 'error' | 'critical', outcome: string): ReconciliationStep {
    this.#log[level](outcome, { action: action.kind });
    return { action, outcome };
  }
}

function derivePositions(entries: readonly OrderIntentRecord[], store: Pick<OrderManagerStore, 'orderIntents'>): ReconciliationLocal['positions'] {
  const bySymbol = new Map<string, Decimal>();
  for (const e of entries) {
    const held = exposure(e, store.orderIntents.listChildren(e.clientOrderId));
    if (!held.isPositive()) continue;
    bySymbol.set(e.symbol, (bySymbol.get(e.symbol) ?? Decimal.ZERO).plus(e.side === 'buy' ? held : held.neg()));
  }
  return [...bySymbol].map(([symbol, qty]) => ({ symbol, qty }));
}
