// Parity of the fast venue mappers with the Alpaca adapter's zod mapper: on random runs of the venue (every
// order type, TIF and class, partial fills, cancels, replacements, closes, costs and both fill models) every
// trade update, order (nested and flat), position and account maps to exactly what mapTradeUpdate, mapOrder,
// mapPosition and mapAccount produce; plus the same failures for an unknown status or a malformed amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapAccount, mapOrder, mapPosition, mapTradeUpdate } from '../alpaca/execution/execution-mapper.js';
import { MalformedPayloadError, UnknownOrderStatusError } from '../alpaca/execution/execution-errors.js';
import type { AlpacaTradeUpdate } from '../../exchange/contracts.js';
import { et, MINUTE } from '../../exchange/matching/sim-harness.js';
import { SimExchange, type SimExchangeOptions } from '../../exchange/trading-venue.js';
import { mapVenueAccount, mapVenueOrder, mapVenuePosition, mapVenueTradeUpdate } from './venue-mapper.js';

const TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
const TIFS = ['day', 'gtc', 'ioc', 'fok'] as const;
const CLASSES = ['', 'bracket', 'oto', 'oco'] as const;

type Step =
  | { kind: 'bar'; move: number; range: number; v: number }
  | { kind: 'order'; side: 'buy' | 'sell'; type: (typeof TYPES)[number]; tif: (typeof TIFS)[number]; cls: (typeof CLASSES)[number]; qty: number; off: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'replace'; pick: number; off: number }
  | { kind: 'close'; pct: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('bar' as const), move: fc.integer({ min: -200, max: 200 }), range: fc.nat(300), v: fc.integer({ min: 0, max: 5000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('order' as const), side: fc.constantFrom('buy' as const, 'sell' as const), type: fc.constantFrom(...TYPES), tif: fc.constantFrom(...TIFS), cls: fc.constantFrom(...CLASSES), qty: fc.integer({ min: 1, max: 300 }), off: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), off: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pct: fc.integer({ min: 1, max: 100 }) }) },
);

const px = (cents: number): string => (Math.max(cents, 100) / 100).toFixed(2);

/** Runs the steps on one venue (bars end before orders are placed, so 'close' fills happen too). */
function run(steps: readonly Step[], options: Partial<SimExchangeOptions>): { ex: SimExchange; updates: AlpacaTradeUpdate[] } {
  let t = et('2025-03-03', '10:00');
  let last = 10_000;
  const ex = new SimExchange({ now: () => t, ...options });
  const updates: AlpacaTradeUpdate[] = [];
  const ids: string[] = [];
  ex.onTradeUpdate((u) => updates.push(u));
  for (const s of steps) {
    if (s.kind === 'bar') {
      const o = Math.max(100, last + s.move);
      last = Math.max(100, o - s.move / 2);
      ex.processBar({ symbol: 'AAPL', t, o: o / 100, h: (Math.max(o, last) + s.range) / 100, l: Math.max(50, Math.min(o, last) - s.range) / 100, c: last / 100, v: s.v, vw: o / 100, n: 1 });
      t += MINUTE;
      ex.processTime(t);
    } else if (s.kind === 'order') {
      const away = s.side === 'buy' ? -1 : 1;
      const body: Record<string, unknown> = { symbol: 'AAPL', qty: String(s.qty), side: s.side, type: s.cls === 'oco' ? 'limit' : s.type, time_in_force: s.cls === '' ? s.tif : 'gtc' };
      if (body['type'] === 'limit' || body['type'] === 'stop_limit') body['limit_price'] = px(last + away * s.off);
      if (body['type'] === 'stop' || body['type'] === 'stop_limit') body['stop_price'] = px(last - away * s.off);
      if (body['type'] === 'trailing_stop') body['trail_percent'] = String((s.off % 9) + 1);
      if (s.cls !== '') {
        body['order_class'] = s.cls;
        body['take_profit'] = { limit_price: px(last - away * (s.off + 50)) };
        if (s.cls !== 'oto') body['stop_loss'] = { stop_price: px(last + away * (s.off + 50)) };
      }
      const result = ex.createOrder(body);
      if (result.ok) ids.push(result.value.id);
    } else if (s.kind === 'cancel' && ids.length > 0) ex.cancelOrder(ids[s.pick % ids.length] ?? '');
    else if (s.kind === 'replace' && ids.length > 0) ex.replaceOrder(ids[s.pick % ids.length] ?? '', { limit_price: px(last - s.off) });
    else if (s.kind === 'close') ex.closePosition('AAPL', { percentage: String(s.pct) });
  }
  return { ex, updates };
}

describe('venue mappers equal the Alpaca mapper', () => {
  it('on every trade update, order, position and account of random runs', () => {
    let events = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 4, maxLength: 50 }), fc.constantFrom<Partial<SimExchangeOptions>>({}, { fillModel: 'close', slippagePerShare: '0.01', commissionPerShare: '0.005', commissionPerOrder: '1' }), (steps, options) => {
        const { ex, updates } = run(steps, options);
        for (const u of updates) {
          const { commission, ...rest } = mapVenueTradeUpdate(u, 7);
          expect(rest).toEqual(mapTradeUpdate(u, 7));
          expect(commission?.toString()).toBe(u.commission); // the one field the Alpaca mapper does not read
        }
        events += updates.length;
        for (const nested of ['true', 'false']) {
          const list = ex.listOrders({ status: 'all', nested, limit: '500' });
          if (!list.ok) throw new Error(list.error.message);
          for (const o of list.value) expect(mapVenueOrder(o)).toEqual(mapOrder(o));
        }
        for (const p of ex.listPositions()) expect(mapVenuePosition(p)).toEqual(mapPosition(p));
        expect(mapVenueAccount(ex.getAccount())).toEqual(mapAccount(ex.getAccount()));
      }),
      { numRuns: 60, seed: 6 },
    );
    expect(events).toBeGreaterThan(100);
  });
});

describe('venue mappers fail like the Alpaca mapper', () => {
  const order = (): Record<string, unknown> => {
    const { updates } = run([{ kind: 'bar', move: 0, range: 0, v: 1000 }, { kind: 'order', side: 'buy', type: 'market', tif: 'day', cls: '', qty: 1, off: 1 }], {});
    return { ...(updates[0]?.order ?? {}) };
  };

  it('an unknown order status is an UnknownOrderStatusError naming it', () => {
    const o = { ...order(), status: 'teleported' };
    expect(() => mapOrder(o)).toThrow(UnknownOrderStatusError);
    expect(() => mapVenueOrder(o)).toThrow(UnknownOrderStatusError);
    expect(() => mapVenueOrder(o)).toThrow(/teleported/);
  });

  it('a malformed amount or side is a MalformedPayloadError naming the field', () => {
    for (const bad of [{ filled_qty: 'lots' }, { limit_price: 12 }, { side: 'sideways' }, { time_in_force: 'forever' }]) {
      const o = { ...order(), ...bad };
      expect(() => mapOrder(o)).toThrow(MalformedPayloadError);
      expect(() => mapVenueOrder(o)).toThrow(MalformedPayloadError);
      expect(() => mapVenueOrder(o)).toThrow(new RegExp(Object.keys(bad)[0] ?? ''));
    }
  });

  it('an unknown event is `other`, its order still mapped', () => {
    const o = order();
    const u = { event: 'calculated_later', timestamp: '2025-03-03T15:00:00.000Z', order: o };
    expect(mapVenueTradeUpdate(u, 0)).toEqual(mapTradeUpdate(u, 0));
    expect(mapVenueTradeUpdate(u, 0).event).toBe('other');
  });
});
