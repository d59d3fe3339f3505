// When an order may trade and when it dies (PROTOCOL §3.3 TIF windows, issue #3): queued until the next
// session for orders placed outside their hours, day orders expire at the session close (the extended close
// for extended_hours orders), opg/cls target the next auction they can still reach.
// Must never: let a regular-hours order work outside regular hours, or give a day order no expiry.
import type { SimOrder } from '../orders/order-record.js';
import type { MarketHours } from './market-hours.js';

const MINUTE = 60_000;

/** Why an opg/cls order cannot be placed at `t`, or undefined (PROTOCOL: opg 09:28–19:00, cls 15:50–19:00 ET). */
export function auctionWindowError(hours: MarketHours, tif: string, t: number): string | undefined {
  if (tif !== 'opg' && tif !== 'cls') return undefined;
  const day = hours.day(t);
  const s = day.session;
  if (s === undefined || t >= day.evening) return undefined;
  if (tif === 'opg' && t >= s.open - 2 * MINUTE) {
    return 'opg orders are not accepted between 09:28 and 19:00 ET (they are queued for the next open when placed after 19:00)';
  }
  if (tif === 'cls' && t >= s.close - 10 * MINUTE) {
    return 'cls orders are not accepted from 10 minutes before the close (15:50 ET) until 19:00 ET';
  }
  return undefined;
}

/**
 * Sets `activateAt`, `expireAt` and `auctionAt` for an order placed (or activated) at `t`.
 * Orders that may trade now get activateAt = -Infinity.
 */
export function scheduleOrder(hours: MarketHours, order: SimOrder, t: number): void {
  order.activateAt = Number.NEGATIVE_INFINITY;
  order.expireAt = Number.POSITIVE_INFINITY;
  order.auctionAt = Number.NaN;
  if (order.tif === 'opg') {
    const s = hours.nextSession(t, (x) => x.open);
    order.auctionAt = s.open;
    order.expireAt = s.close;
    return;
  }
  if (order.tif === 'cls') {
    const s = hours.nextSession(t, (x) => x.close);
    order.auctionAt = s.close;
    order.expireAt = s.close;
    return;
  }
  const phase = hours.phase(t);
  if (order.extendedHours) {
    if (phase === 'closed') order.activateAt = hours.nextSession(t, (x) => x.extendedOpen).extendedOpen;
    if (order.tif === 'day') order.expireAt = hours.nextSession(t, (x) => x.extendedClose).extendedClose;
    return;
  }
  if (phase !== 'regular') order.activateAt = hours.nextSession(t, (x) => x.open).open;
  if (order.tif === 'day') order.expireAt = hours.nextSession(t, (x) => x.close).close;
}
