// Builds Alpaca's Order JSON (PROTOCOL §3.3) from the venue's order record: every key the real API sends,
// null for unset, decimals as strings, timestamps RFC-3339, keys in Alpaca's alphabetical order.
// Must never: omit a key of rest/order_limit_simple.json, or emit a number where Alpaca sends a string.
import type { AlpacaOrder } from '../contracts.js';
import { groupLegs, groupParent, type SimOrder } from './order-record.js';

let lastInstant = Number.NaN;
let lastText = '';

/** RFC-3339 UTC timestamp (millisecond precision) of an epoch-ms instant (the last one is cached: most calls share `now`). */
export function rfc3339(t: number): string {
  if (t !== lastInstant) {
    lastText = new Date(t).toISOString();
    lastInstant = t;
  }
  return lastText;
}

const iso = (t: number | null): string | null => (t === null ? null : rfc3339(t));

/** Average fill price of an order, or null before the first fill. */
export function filledAvgPrice(order: SimOrder): string | null {
  return order.filledQty.isZero() ? null : order.filledValue.div(order.filledQty).toString();
}

/**
 * The wire object of an order.
 * @param nested when true and the order is the parent of a bracket/oco/oto, `legs` holds its legs
 */
export function orderJson(order: SimOrder, nested: boolean): AlpacaOrder {
  const group = order.group;
  const withLegs = nested && group !== null && groupParent(group) === order;
  const json: Record<string, unknown> = {
    asset_class: 'us_equity',
    asset_id: order.assetId,
    cancel_requested_at: iso(order.cancelRequestedAt),
    canceled_at: iso(order.canceledAt),
    client_order_id: order.clientOrderId,
    created_at: rfc3339(order.createdAt),
    expired_at: iso(order.expiredAt),
    extended_hours: order.extendedHours,
    failed_at: iso(order.failedAt),
    filled_at: iso(order.filledAt),
    filled_avg_price: filledAvgPrice(order),
    filled_qty: order.filledQty.toString(),
    hwm: order.hwm?.toString() ?? null,
    id: order.id,
    legs: withLegs ? groupLegs(group).map((leg) => orderJson(leg, false)) : null,
    limit_price: order.limitPrice?.toString() ?? null,
    notional: order.notional?.toString() ?? null,
    order_class: order.orderClass,
    order_type: order.type,
  };
  if (order.positionIntent !== null) json['position_intent'] = order.positionIntent;
  Object.assign(json, {
    qty: order.qty?.toString() ?? null,
    replaced_at: iso(order.replacedAt),
    replaced_by: order.replacedBy,
    replaces: order.replaces,
    side: order.side,
    source: null,
    status: order.status,
    stop_price: order.stopPrice?.toString() ?? null,
    submitted_at: iso(order.submittedAt),
    subtag: null,
    symbol: order.symbol,
    time_in_force: order.tif,
    trail_percent: order.trailPercent?.toString() ?? null,
    trail_price: order.trailPrice?.toString() ?? null,
    type: order.type,
    updated_at: rfc3339(order.updatedAt),
  });
  return json as AlpacaOrder;
}
