// The pure planner of SPEC §8: compares the bot's view (open intents, positions) with the broker's (open and
// last-24 h orders, positions) and lists every action to take. The executor (reconciler.ts) performs them.
// Must never: do I/O or decide from anything but its inputs; it never invents a fill price (syncs carry the
// broker's report, whose totals the ledger turns into an idempotent synthetic fill).
import { Decimal } from '../../domain/decimal.js';
import { isTerminalState } from '../../domain/order.js';
import type { OrderReport, PositionReport } from '../../ports/execution-client.js';
import type { OrderIntentRecord } from '../../ports/store.js';

export interface ReconciliationLocal {
  /** Non-terminal intents (store.orderIntents.listOpen()). */
  readonly openOrders: readonly OrderIntentRecord[];
  /** Signed positions as the bot knows them (the portfolio's, or derived from entries). */
  readonly positions: readonly { readonly symbol: string; readonly qty: Decimal }[];
}

export interface ReconciliationBroker {
  /** Open + last-24 h orders, nested (legs are flattened by the planner). */
  readonly orders: readonly OrderReport[];
  readonly positions: readonly PositionReport[];
}

export interface ReconciliationLimits {
  /** Default stop distance as a fraction of price (stop_loss_pct), e.g. 0.02. */
  readonly defaultStopPct: Decimal;
  /** Decimal places of computed stop prices. Default 2. */
  readonly priceDp?: number;
}

export type ReconciliationAction =
  /** Local order still open, broker report differs: apply it (fills as synthetic fills). */
  | { readonly kind: 'sync_order'; readonly clientOrderId: OrderIntentRecord['clientOrderId']; readonly report: OrderReport }
  /** Local order the broker lists nowhere: look it up by client_order_id; found → adopt, else SUBMIT_FAILED. */
  | { readonly kind: 'lookup_order'; readonly clientOrderId: OrderIntentRecord['clientOrderId']; readonly localState: OrderIntentRecord['state'] }
  /** Broker position the bot does not know (WARNING): adopt it. */
  | { readonly kind: 'adopt_position'; readonly symbol: string; readonly qty: Decimal; readonly avgEntryPrice: Decimal }
  /** Local position gone at the broker: close it locally. */
  | { readonly kind: 'close_local_position'; readonly symbol: string; readonly localQty: Decimal }
  /**
   * Position (broker's view) whose shares working stop orders and working market exits do not all hold
   * (CRITICAL): place a stop now. `covered` counts both (an exit in progress holds its shares: a stop on top of
   * it would sell them twice).
   */
  | { readonly kind: 'place_stop'; readonly symbol: string; readonly qty: Decimal; readonly stopPrice: Decimal; readonly covered: Decimal }
  /** Open broker order no intent matches (logged only; cancelled by nobody automatically). */
  | { readonly kind: 'unknown_broker_order'; readonly report: OrderReport };

const OPEN_BROKER = new Set(['new', 'accepted', 'pending_new', 'partially_filled', 'held', 'accepted_for_bidding', 'pending_replace', 'pending_cancel', 'done_for_day', 'calculated', 'suspended', 'stopped']);
const STOP_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);

/** Flattens bracket/oto/oco legs into one list. */
export function flattenOrders(orders: readonly OrderReport[]): OrderReport[] {
  return orders.flatMap((o) => [o, ...flattenOrders(o.legs)]);
}

/** Plans order syncs first, then position actions (run it again after the syncs to see their effects). */
export function planReconciliation(local: ReconciliationLocal, broker: ReconciliationBroker, limits: ReconciliationLimits): ReconciliationAction[] {
  const all = flattenOrders(broker.orders);
  const byCid = new Map(all.map((o) => [o.clientOrderId as string, o]));
  const actions: ReconciliationAction[] = [];
  const localCids = new Set<string>();
  for (const order of local.openOrders) {
    if (isTerminalState(order.state)) continue;
    localCids.add(order.clientOrderId);
    const report = byCid.get(order.clientOrderId);
    if (report === undefined) actions.push({ kind: 'lookup_order', clientOrderId: order.clientOrderId, localState: order.state });
    else if (differs(order, report)) actions.push({ kind: 'sync_order', clientOrderId: order.clientOrderId, report });
  }
  for (const report of all) {
    if (OPEN_BROKER.has(report.status) && !localCids.has(report.clientOrderId) && !local.openOrders.some((o) => o.clientOrderId === report.clientOrderId)) {
      actions.push({ kind: 'unknown_broker_order', report });
    }
  }
  actions.push(...planPositions(local, broker.positions, all, limits));
  return actions;
}

function differs(order: OrderIntentRecord, report: OrderReport): boolean {
  if (!report.filledQty.eq(order.filledQty) || order.brokerOrderId !== report.brokerOrderId) return true;
  if (!OPEN_BROKER.has(report.status)) return true;
  return order.state === 'PENDING_SUBMIT' || (order.state === 'SUBMITTED' && report.status !== 'accepted' && report.status !== 'pending_new');
}

function planPositions(local: ReconciliationLocal, positions: readonly PositionReport[], orders: readonly OrderReport[], limits: ReconciliationLimits): ReconciliationAction[] {
  const actions: ReconciliationAction[] = [];
  const localBySymbol = new Map(local.positions.filter((p) => !p.qty.isZero()).map((p) => [p.symbol, p.qty]));
  for (const pos of positions) {
    if (pos.qty.isZero()) continue;
    if (!localBySymbol.has(pos.symbol)) actions.push({ kind: 'adopt_position', symbol: pos.symbol, qty: pos.qty, avgEntryPrice: pos.avgEntryPrice });
    const long = pos.qty.isPositive();
    const covered = orders
      .filter((o) => o.symbol === pos.symbol && OPEN_BROKER.has(o.status) && (STOP_TYPES.has(o.type) || o.type === 'market') && o.side === (long ? 'sell' : 'buy'))
      .reduce((sum, o) => sum.plus(o.qty.minus(o.filledQty)), Decimal.ZERO);
    const held = pos.qty.abs();
    if (covered.gte(held)) continue;
    actions.push({ kind: 'place_stop', symbol: pos.symbol, qty: held.minus(covered), stopPrice: defaultStop(pos, long, limits), covered });
  }
  const brokerSymbols = new Set(positions.filter((p) => !p.qty.isZero()).map((p) => p.symbol));
  for (const [symbol, qty] of localBySymbol) {
    if (!brokerSymbols.has(symbol)) actions.push({ kind: 'close_local_position', symbol, localQty: qty });
  }
  return actions;
}

/** The default stop: stop_loss_pct away from the worse of the entry and the current price (never above market for a long). */
export function defaultStop(pos: PositionReport, long: boolean, limits: ReconciliationLimits): Decimal {
  const ref = pos.currentPrice === null ? pos.avgEntryPrice : long ? Decimal.min(pos.avgEntryPrice, pos.currentPrice) : Decimal.max(pos.avgEntryPrice, pos.currentPrice);
  const factor = long ? Decimal.ONE.minus(limits.defaultStopPct) : Decimal.ONE.plus(limits.defaultStopPct);
  return ref.times(factor).round(limits.priceDp ?? 2);
}
