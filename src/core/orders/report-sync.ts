// Brings a local intent in line with a broker's report of the same order (lookup after an ambiguous submit, a
// 422 duplicate, a cancel confirmation, reconciliation). Fills the broker knows and we do not are recorded as
// one synthetic fill per gap, idempotent by the order's filled total (`recon:<broker id>:<filled_qty>`).
// Must never: record a fill the local totals already include, or invent a price (the gap's price is derived
// from the broker's average and ours; no average → no fill is invented and the gap is reported).
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import type { BrokerOrderStatus, OrderReport } from '../../ports/execution-client.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import type { OrderMachineEvent } from './apply-order-event.js';
import { OrderLedger, syntheticExecutionId, type LedgerEventMeta } from './order-ledger.js';
import { OrderTransitionError } from './order-transitions.js';

/** A fill recorded while syncing (always synthetic). */
export interface SyncedFill {
  readonly executionId: string;
  readonly qty: Decimal;
  readonly price: Decimal;
}

export interface SyncOutcome {
  readonly record: OrderIntentRecord;
  readonly fill?: SyncedFill;
  /** Set when the table refused and reconciliation forced the state. */
  readonly forced?: string;
  /** A fill gap that could not be recorded (no average price in the report). */
  readonly unpricedGap?: Decimal;
}

type StatusEvent = Exclude<OrderMachineEvent['type'], 'fill' | 'submit_failed'> | 'none';

const STATUS_EVENTS: Record<BrokerOrderStatus, StatusEvent> = {
  accepted: 'submitted',
  pending_new: 'submitted',
  accepted_for_bidding: 'submitted',
  new: 'accepted',
  partially_filled: 'accepted',
  done_for_day: 'accepted',
  held: 'accepted',
  suspended: 'accepted',
  calculated: 'accepted',
  pending_cancel: 'accepted',
  pending_replace: 'accepted',
  stopped: 'accepted',
  filled: 'none',
  canceled: 'canceled',
  replaced: 'canceled',
  expired: 'expired',
  rejected: 'rejected',
};

/**
 * Applies `report` to the intent `clientOrderId`. With `force` (reconciliation), a transition the table refuses
 * is forced to the broker's state with a `state_forced` event.
 * @throws OrderTransitionError when not forcing and the report contradicts the local state.
 */
export function syncFromReport(ledger: OrderLedger, clientOrderId: ClientOrderId, report: OrderReport, meta: LedgerEventMeta & { readonly force?: boolean }): SyncOutcome {
  let record = ledger.linkBrokerId(clientOrderId, report.brokerOrderId, meta.at);
  let fill: SyncedFill | undefined;
  let unpricedGap: Decimal | undefined;
  const gap = report.filledQty.minus(record.filledQty);
  if (gap.isPositive()) {
    const price = gapPrice(record, report, gap);
    if (price === undefined) unpricedGap = gap;
    else {
      const event = { type: 'fill', executionId: syntheticExecutionId(report.brokerOrderId, report.filledQty), qty: gap, price } as const;
      const applied = ledger.apply(clientOrderId, event, meta);
      record = applied.record;
      if (applied.result.kind === 'applied') fill = { executionId: event.executionId, qty: gap, price };
    }
  }
  const statusEvent = STATUS_EVENTS[report.status];
  if (statusEvent === 'none' && !(report.status === 'filled' && record.state !== 'FILLED' && unpricedGap === undefined)) {
    return { record, ...(fill ? { fill } : {}), ...(unpricedGap ? { unpricedGap } : {}) };
  }
  const event: OrderMachineEvent = statusEvent === 'rejected' ? { type: 'rejected', reason: `broker status ${report.status}` } : { type: statusEvent === 'none' ? 'canceled' : statusEvent };
  try {
    record = ledger.apply(clientOrderId, event, meta).record;
    return { record, ...(fill ? { fill } : {}), ...(unpricedGap ? { unpricedGap } : {}) };
  } catch (error) {
    if (!(error instanceof OrderTransitionError) || meta.force !== true) throw error;
    const target = forcedState(report.status, record);
    record = ledger.forceState(clientOrderId, target, `broker reports ${report.status} (filled ${report.filledQty.toString()}) while local is ${record.state}`);
    return { record, forced: target, ...(fill ? { fill } : {}), ...(unpricedGap ? { unpricedGap } : {}) };
  }
}

function forcedState(status: BrokerOrderStatus, record: OrderIntentRecord): OrderIntentRecord['state'] {
  if (status === 'filled') return 'FILLED';
  if (status === 'expired') return 'EXPIRED';
  if (status === 'rejected') return 'REJECTED';
  if (status === 'canceled' || status === 'replaced') return 'CANCELED';
  return record.filledQty.isPositive() ? 'PARTIALLY_FILLED' : 'ACCEPTED';
}

/** The price of the fills in the gap: (their total − ours) / gap. */
function gapPrice(record: OrderIntentRecord, report: OrderReport, gap: Decimal): Decimal | undefined {
  if (report.filledAvgPrice === null) return undefined;
  const theirs = report.filledAvgPrice.times(report.filledQty);
  const ours = (record.avgFillPrice ?? Decimal.ZERO).times(record.filledQty);
  const price = theirs.minus(ours).div(gap);
  return price.isPositive() ? price : report.filledAvgPrice;
}
