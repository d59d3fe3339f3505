// Builds venue order records with every field initialised (ids, timestamps, numeric price mirrors).
// Exists so intake, replace and the close-position path create orders the same way.
// Must never: store the order (the caller decides when it is accepted), or leave a numeric mirror stale.
import { Decimal } from '../../domain/decimal.js';
import type { Side, SimOrder, SimOrderStatus, SimOrderType, SimTimeInForce, WireOrderClass } from './order-record.js';
import type { VenueCore } from './venue-core.js';

export interface OrderSpec {
  readonly symbol: string;
  readonly assetId: string;
  readonly side: Side;
  readonly type: SimOrderType;
  readonly tif: SimTimeInForce;
  readonly orderClass: WireOrderClass;
  readonly qty?: Decimal | undefined;
  readonly notional?: Decimal | undefined;
  readonly limitPrice?: Decimal | undefined;
  readonly stopPrice?: Decimal | undefined;
  readonly trailPrice?: Decimal | undefined;
  readonly trailPercent?: Decimal | undefined;
  readonly extendedHours?: boolean;
  readonly clientOrderId?: string | undefined;
  readonly positionIntent?: string | undefined;
  readonly status: SimOrderStatus;
}

const num = (d: Decimal | null): number => (d === null ? Number.NaN : d.toNumber());

/** A new order record (not yet stored). Held legs get no submitted_at until they activate. */
export function buildOrder(core: VenueCore, spec: OrderSpec): SimOrder {
  const now = core.now();
  const limitPrice = spec.limitPrice ?? null;
  const stopPrice = spec.stopPrice ?? null;
  const trailPrice = spec.trailPrice ?? null;
  const trailPercent = spec.trailPercent ?? null;
  return {
    seq: core.nextSeq(),
    id: core.newId(),
    clientOrderId: spec.clientOrderId ?? core.newId(),
    symbol: spec.symbol,
    assetId: spec.assetId,
    side: spec.side,
    type: spec.type,
    tif: spec.tif,
    orderClass: spec.orderClass,
    extendedHours: spec.extendedHours ?? false,
    positionIntent: spec.positionIntent ?? null,
    qty: spec.qty ?? null,
    notional: spec.notional ?? null,
    filledQty: Decimal.ZERO,
    filledValue: Decimal.ZERO,
    limitPrice,
    stopPrice,
    trailPrice,
    trailPercent,
    hwm: null,
    limitNum: num(limitPrice),
    stopNum: num(stopPrice),
    hwmNum: Number.NaN,
    trailNum: num(trailPrice ?? trailPercent),
    status: spec.status,
    createdAt: now,
    updatedAt: now,
    submittedAt: spec.status === 'held' ? null : now,
    filledAt: null,
    canceledAt: null,
    cancelRequestedAt: null,
    expiredAt: null,
    failedAt: null,
    replacedAt: null,
    replacedBy: null,
    replaces: null,
    group: null,
    working: false,
    workingSinceBar: 0,
    triggered: false,
    activateAt: Number.NEGATIVE_INFINITY,
    expireAt: Number.POSITIVE_INFINITY,
    auctionAt: Number.NaN,
    opening: false,
    reserveUnit: Decimal.ZERO,
    reserved: Decimal.ZERO,
    sawEligibleBar: false,
  };
}
