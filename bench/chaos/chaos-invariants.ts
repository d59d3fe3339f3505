// The promises the crash campaign checks (issue #5), read from the exchange's admin/trading API and the bot's
// SQLite after the last run has settled and stopped:
//   1. no client_order_id was accepted twice by the exchange (request log: accepted creates per id <= 1);
//   2. no signal produced two orders (accepted entry orders per correlation id and per strategy|symbol|signal_ts <= 1);
//   3. every exchange fill is in the local `fills`: by execution id, or covered by the reconciliation fill
//      `recon:<broker order id>:<filled qty>` (report-sync.ts records the gap per order), i.e. per order the local
//      quantity equals the exchange's;
//   4. local positions (net of local fills per symbol) equal the exchange's /v2/positions;
//   5. every open exchange position has active stop orders at the exchange covering its quantity.
// Must never: write to the database or the exchange.
import Database from 'better-sqlite3';
import { Decimal } from '../../src/domain/decimal.js';
import { simGet } from './chaos-processes.js';

interface RequestEntry { kind: string; body: unknown; result: { ok: boolean; value?: { client_order_id?: string } } }
interface ExchangeFill { execution_id: string; order_id: string; client_order_id: string; symbol: string; side: 'buy' | 'sell'; qty: string }
interface ExchangePosition { symbol: string; qty: string }
interface ExchangeOrder { symbol: string; side: string; type: string; qty: string | null; filled_qty: string; status: string; legs?: ExchangeOrder[] | null }
interface LocalFill { execution_id: string; client_order_id: string; symbol: string; side: 'buy' | 'sell'; qty: string }
interface LocalIntent { client_order_id: string; correlation_id: string; strategy: string; symbol: string; role: string; signal_ts: number | null; state: string }

export interface InvariantReport {
  readonly orders_accepted: number;
  readonly duplicate_client_order_ids: number;
  readonly signals_with_multiple_orders: number;
  readonly orders_unknown_locally: number;
  readonly exchange_fills: number;
  readonly local_fills: number;
  readonly fills_missing_locally: number;
  readonly fill_qty_mismatches: number;
  readonly open_positions: number;
  readonly position_mismatches: number;
  readonly positions_without_stop: number;
  readonly intents_unresolved: number;
  readonly details: string[];
}

function acceptedCreates(requests: readonly RequestEntry[]): string[] {
  return requests
    .filter((r) => r.kind === 'create' && r.result.ok)
    .map((r) => r.result.value?.client_order_id ?? (r.body as { client_order_id?: string } | null)?.client_order_id ?? '')
    .filter((id) => id !== '');
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, qty: (item: T) => Decimal): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? Decimal.ZERO).plus(qty(item)));
  return sums;
}

function signedQty(fill: { side: 'buy' | 'sell'; qty: string }): Decimal {
  return fill.side === 'buy' ? Decimal.of(fill.qty) : Decimal.of(fill.qty).neg();
}

function readLocal(dbPath: string): { fills: LocalFill[]; intents: LocalIntent[] } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return {
      fills: db.prepare('SELECT execution_id, client_order_id, symbol, side, qty FROM fills').all() as LocalFill[],
      intents: db.prepare('SELECT client_order_id, correlation_id, strategy, symbol, role, signal_ts, state FROM order_intents').all() as LocalIntent[],
    };
  } finally {
    db.close();
  }
}

/** Stop orders (the order or its legs) that are still working, per symbol and side. */
function activeStops(orders: readonly ExchangeOrder[]): Map<string, Decimal> {
  const stops = new Map<string, Decimal>();
  const visit = (order: ExchangeOrder): void => {
    const working = !['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day'].includes(order.status);
    if (working && ['stop', 'stop_limit', 'trailing_stop'].includes(order.type) && order.qty !== null) {
      const key = `${order.symbol}|${order.side}`;
      stops.set(key, (stops.get(key) ?? Decimal.ZERO).plus(Decimal.of(order.qty).minus(Decimal.of(order.filled_qty))));
    }
    for (const leg of order.legs ?? []) visit(leg);
  };
  for (const order of orders) visit(order);
  return stops;
}

function signalDuplicates(intents: readonly LocalIntent[], accepted: ReadonlySet<string>, details: string[]): number {
  const entries = intents.filter((i) => i.role === 'entry' && accepted.has(i.client_order_id));
  let bad = 0;
  for (const [key, n] of [...countBy(entries, (i) => `correlation ${i.correlation_id}`), ...countBy(entries, (i) => `signal ${i.strategy}|${i.symbol}|${String(i.signal_ts)}`)]) {
    if (n > 1) {
      bad++;
      details.push(`${key} produced ${n} accepted entry orders`);
    }
  }
  return bad;
}

function fillChecks(exchangeFills: readonly ExchangeFill[], local: readonly LocalFill[], details: string[]): { missing: number; mismatched: number } {
  const localIds = new Set(local.map((f) => f.execution_id));
  const localByOrder = sumBy(local, (f) => f.client_order_id, (f) => Decimal.of(f.qty));
  const exchangeByOrder = sumBy(exchangeFills, (f) => f.client_order_id, (f) => Decimal.of(f.qty));
  let missing = 0;
  for (const fill of exchangeFills) {
    if (localIds.has(fill.execution_id)) continue;
    const covered = localByOrder.get(fill.client_order_id)?.cmp(exchangeByOrder.get(fill.client_order_id) ?? Decimal.ZERO) === 0
      && local.some((f) => f.client_order_id === fill.client_order_id && f.execution_id.startsWith(`recon:${fill.order_id}:`));
    if (!covered) {
      missing++;
      details.push(`exchange fill ${fill.execution_id} (${fill.symbol} ${fill.side} ${fill.qty}, order ${fill.client_order_id}) is not in the local fills`);
    }
  }
  let mismatched = 0;
  for (const id of new Set([...localByOrder.keys(), ...exchangeByOrder.keys()])) {
    const ours = localByOrder.get(id) ?? Decimal.ZERO;
    const theirs = exchangeByOrder.get(id) ?? Decimal.ZERO;
    if (ours.cmp(theirs) !== 0) {
      mismatched++;
      details.push(`order ${id}: local fills total ${ours.toString()}, exchange ${theirs.toString()}`);
    }
  }
  return { missing, mismatched };
}

function positionChecks(positions: readonly ExchangePosition[], local: readonly LocalFill[], orders: readonly ExchangeOrder[], details: string[]): { mismatches: number; unprotected: number } {
  const localNet = sumBy(local, (f) => f.symbol, signedQty);
  const exchangeNet = new Map(positions.map((p) => [p.symbol, Decimal.of(p.qty)]));
  let mismatches = 0;
  for (const symbol of new Set([...localNet.keys(), ...exchangeNet.keys()])) {
    const ours = localNet.get(symbol) ?? Decimal.ZERO;
    const theirs = exchangeNet.get(symbol) ?? Decimal.ZERO;
    if (ours.cmp(theirs) !== 0) {
      mismatches++;
      details.push(`position ${symbol}: local ${ours.toString()}, exchange ${theirs.toString()}`);
    }
  }
  const stops = activeStops(orders);
  let unprotected = 0;
  for (const [symbol, qty] of exchangeNet) {
    if (qty.isZero()) continue;
    const covering = stops.get(`${symbol}|${qty.isNegative() ? 'buy' : 'sell'}`) ?? Decimal.ZERO;
    if (covering.cmp(qty.abs()) < 0) {
      unprotected++;
      details.push(`position ${symbol} ${qty.toString()} has stop orders for only ${covering.toString()} at the exchange`);
    }
  }
  return { mismatches, unprotected };
}

/** Reads both sides and counts every broken promise. */
export async function checkInvariants(simUrl: string, dbPath: string): Promise<InvariantReport> {
  const [requests, exchangeFills, positions, openOrders] = await Promise.all([
    simGet<RequestEntry[]>(simUrl, '/sim/admin/requests'),
    simGet<ExchangeFill[]>(simUrl, '/sim/admin/fills'),
    simGet<ExchangePosition[]>(simUrl, '/v2/positions'),
    simGet<ExchangeOrder[]>(simUrl, '/v2/orders?status=open&nested=true&limit=500'),
  ]);
  const local = readLocal(dbPath);
  const details: string[] = [];
  const accepted = acceptedCreates(requests);
  const perId = countBy(accepted, (id) => id);
  const duplicates = [...perId].filter(([, n]) => n > 1);
  for (const [id, n] of duplicates) details.push(`client_order_id ${id} accepted ${n} times`);
  const acceptedSet = new Set(accepted);
  const knownLocally = new Set(local.intents.map((i) => i.client_order_id));
  const unknown = [...acceptedSet].filter((id) => !knownLocally.has(id));
  for (const id of unknown) details.push(`exchange accepted ${id}, which has no local intent`);
  const fills = fillChecks(exchangeFills, local.fills, details);
  const positionsResult = positionChecks(positions, local.fills, openOrders, details);
  const unresolved = local.intents.filter((i) => i.state === 'PENDING_SUBMIT' || i.state === 'SUBMITTED');
  for (const i of unresolved) details.push(`intent ${i.client_order_id} (${i.symbol} ${i.role}) still ${i.state}`);
  return {
    orders_accepted: accepted.length,
    duplicate_client_order_ids: duplicates.length,
    signals_with_multiple_orders: signalDuplicates(local.intents, acceptedSet, details),
    orders_unknown_locally: unknown.length,
    exchange_fills: exchangeFills.length,
    local_fills: local.fills.length,
    fills_missing_locally: fills.missing,
    fill_qty_mismatches: fills.mismatched,
    open_positions: positions.filter((p) => !Decimal.of(p.qty).isZero()).length,
    position_mismatches: positionsResult.mismatches,
    positions_without_stop: positionsResult.unprotected,
    intents_unresolved: unresolved.length,
    details,
  };
}

/** True when every promise held. */
export function invariantsHold(r: InvariantReport): boolean {
  return r.duplicate_client_order_ids === 0 && r.signals_with_multiple_orders === 0 && r.orders_unknown_locally === 0
    && r.fills_missing_locally === 0 && r.fill_qty_mismatches === 0 && r.position_mismatches === 0 && r.positions_without_stop === 0
    && r.intents_unresolved === 0;
}
