import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../domain/decimal.js';
import type { AlpacaTradeUpdate } from './contracts.js';
import { et, MINUTE } from './matching/sim-harness.js';
import { SimExchange, type SimExchangeOptions } from './trading-venue.js';

const SYMBOLS = ['AAA', 'BBB'] as const;
const TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'] as const;
const TIFS = ['day', 'gtc', 'ioc', 'fok'] as const;

type Action =
  | { kind: 'bars'; moves: [number, number, number, number][]; v: number }
  | { kind: 'order'; s: number; side: 'buy' | 'sell'; type: (typeof TYPES)[number]; tif: (typeof TIFS)[number]; qty: number; off: number; off2: number; bracket: boolean }
  | { kind: 'cancel'; pick: number }
  | { kind: 'replace'; pick: number; off: number }
  | { kind: 'close'; s: number; pct: number }
  | { kind: 'nextDay' };

const cents = fc.integer({ min: -150, max: 150 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('bars' as const), moves: fc.array(fc.tuple(cents, fc.nat(200), fc.nat(200), cents), { minLength: 2, maxLength: 2 }), v: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('order' as const), s: fc.nat(1), side: fc.constantFrom('buy' as const, 'sell' as const), type: fc.constantFrom(...TYPES), tif: fc.constantFrom(...TIFS), qty: fc.integer({ min: 1, max: 400 }), off: cents, off2: fc.nat(100), bracket: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), off: cents }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), s: fc.nat(1), pct: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

const px = (c: number): string => (c / 100).toFixed(2);

class Model {
  t = et('2025-03-03', '09:30');
  day = 0;
  readonly last = [10_000, 5_000]; // cents
  readonly ids: string[] = [];
  readonly updates: AlpacaTradeUpdate[] = [];
  readonly ex: SimExchange;

  /** Move the clock to the bars' end after processing them (so 'close' fills on submission can happen). */
  readonly #endOfBar: boolean;

  constructor(costs: Partial<SimExchangeOptions> = {}) {
    this.#endOfBar = costs.fillModel === 'close';
    this.ex = new SimExchange({ now: () => this.t, startingCash: '100000', ...costs });
    this.ex.onTradeUpdate((u) => this.updates.push(u));
  }

  apply(a: Action): void {
    if (a.kind === 'bars') this.#bars(a);
    else if (a.kind === 'order') this.#order(a);
    else if (a.kind === 'cancel' && this.ids.length > 0) this.ex.cancelOrder(this.ids[a.pick % this.ids.length]!);
    else if (a.kind === 'replace' && this.ids.length > 0) this.ex.replaceOrder(this.ids[a.pick % this.ids.length]!, { limit_price: px(Math.max(100, this.last[0]! + a.off)) });
    else if (a.kind === 'close') this.ex.closePosition(SYMBOLS[a.s]!, { percentage: String(a.pct) });
    else if (a.kind === 'nextDay' && this.day < 3) {
      this.day++;
      this.t = et(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06'][this.day]!, '09:30');
      this.ex.processTime(this.t);
    }
  }

  #bars(a: Extract<Action, { kind: 'bars' }>): void {
    if (!this.#endOfBar) this.t += MINUTE;
    a.moves.forEach(([dOpen, up, down, dClose], i) => {
      const o = Math.max(100, this.last[i]! + dOpen);
      const c = Math.max(100, o + dClose);
      const h = Math.max(o, c) + up;
      const l = Math.max(50, Math.min(o, c) - down);
      this.last[i] = c;
      this.ex.processBar({ symbol: SYMBOLS[i]!, t: this.t, o: o / 100, h: h / 100, l: l / 100, c: c / 100, v: a.v, vw: o / 100, n: 1 });
    });
    if (this.#endOfBar) {
      this.t += MINUTE;
      this.ex.processTime(this.t);
    }
  }

  #order(a: Extract<Action, { kind: 'order' }>): void {
    const ref = this.last[a.s]!;
    const body: Record<string, unknown> = { symbol: SYMBOLS[a.s], qty: String(a.qty), side: a.side, type: a.type, time_in_force: a.tif };
    const away = a.side === 'buy' ? -1 : 1;
    if (a.type === 'limit' || a.type === 'stop_limit') body['limit_price'] = px(Math.max(100, ref + a.off));
    if (a.type === 'stop' || a.type === 'stop_limit') body['stop_price'] = px(Math.max(100, ref - away * (a.off2 + 1)));
    if (a.type === 'trailing_stop') body['trail_price'] = px(a.off2 + 1);
    if (a.bracket && (a.type === 'market' || a.type === 'limit') && (a.tif === 'day' || a.tif === 'gtc')) {
      const base = a.type === 'limit' ? Math.max(100, ref + a.off) : ref;
      Object.assign(body, { order_class: 'bracket', take_profit: { limit_price: px(base - away * (a.off2 + 5)) }, stop_loss: { stop_price: px(Math.max(60, base + away * (a.off2 + 5))) } });
    }
    const result = this.ex.createOrder(body);
    if (result.ok) this.ids.push(result.value.id);
  }
}

function checkInvariants(m: Model): void {
  const fills = m.ex.allFills();
  let cash = Decimal.of('100000');
  const qty = new Map<string, Decimal>();
  const byOrder = new Map<string, Decimal>();
  for (const f of fills) {
    const signed = f.side === 'buy' ? Decimal.of(f.qty) : Decimal.of(f.qty).neg();
    cash = cash.minus(signed.times(f.price)).minus(f.commission);
    qty.set(f.symbol, (qty.get(f.symbol) ?? Decimal.ZERO).plus(signed));
    byOrder.set(f.order_id, (byOrder.get(f.order_id) ?? Decimal.ZERO).plus(f.qty));
    expect(Decimal.of(f.position_qty).eq(qty.get(f.symbol)!)).toBe(true);
  }
  const account = m.ex.getAccount();
  expect(account.cash).toBe(cash.toString());
  let value = Decimal.ZERO;
  for (const p of m.ex.listPositions()) {
    expect(p.qty).toBe(qty.get(p.symbol)?.toString());
    const mv = Decimal.of(p['market_value'] as string);
    const basis = Decimal.of(p['cost_basis'] as string);
    expect(Decimal.of(p['unrealized_pl'] as string).eq(mv.minus(basis))).toBe(true);
    expect(Decimal.of(p['avg_entry_price'] as string).times(Decimal.of(p.qty).abs()).minus(basis.abs()).abs().lt('0.000001')).toBe(true);
    value = value.plus(mv);
  }
  for (const [symbol, q] of qty) if (!q.isZero()) expect(m.ex.getPosition(symbol).ok).toBe(true);
  expect(Decimal.of(account.equity).eq(cash.plus(value))).toBe(true);
  expect(Decimal.of(account.buying_power).isNegative()).toBe(false);
  for (const o of m.ex.allOrders()) {
    const filled = Decimal.of(o['filled_qty'] as string);
    expect(filled.eq(byOrder.get(o.id) ?? Decimal.ZERO)).toBe(true);
    if (o['qty'] !== null) expect(filled.lte(Decimal.of(o['qty'] as string))).toBe(true);
    if (o.status === 'filled' && o['qty'] !== null) expect(filled.eq(Decimal.of(o['qty'] as string))).toBe(true);
  }
}

/** Slippage never pushes a fill past its order's limit price. */
function checkLimitsHeld(m: Model): void {
  const limits = new Map(m.ex.allOrders().map((o) => [o.id, o['limit_price'] as string | null]));
  for (const f of m.ex.allFills()) {
    const limit = limits.get(f.order_id);
    if (limit === null || limit === undefined) continue;
    expect(f.side === 'buy' ? Decimal.of(f.price).lte(limit) : Decimal.of(f.price).gte(limit), `${f.side} ${f.price} vs limit ${limit}`).toBe(true);
  }
}

function checkNoFillAfterEnd(updates: readonly AlpacaTradeUpdate[]): void {
  const ended = new Set<string>();
  for (const u of updates) {
    if (u.event === 'fill' || u.event === 'partial_fill') expect(ended.has(u.order.id), `${u.event} after the end of ${u.order.id}`).toBe(false);
    if (['canceled', 'expired', 'replaced', 'rejected', 'fill'].includes(u.event)) ended.add(u.order.id);
  }
}

/** Once every order is canceled, no buying power stays reserved: bp = max(0, (equity − gross/2) × 2). */
function checkReservationsReleased(m: Model): void {
  m.ex.cancelAllOrders();
  const a = m.ex.getAccount();
  const gross = Decimal.of(a['long_market_value'] as string).plus(Decimal.of(a['short_market_value'] as string).abs());
  const capacity = Decimal.of(a.equity).minus(gross.div(2)).times(2);
  const expected = capacity.isNegative() ? Decimal.ZERO : capacity;
  expect(a.buying_power).toBe(expected.toString());
}

describe('matching core properties', () => {
  it('creates no money, never overfills, and never fills an order after it ended', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 5, maxLength: 80 }), (actions) => {
        const m = new Model();
        for (const a of actions) m.apply(a);
        checkInvariants(m);
        checkNoFillAfterEnd(m.updates);
        checkReservationsReleased(m);
      }),
      { numRuns: 100, seed: 20250303 },
    );
  });

  it('with slippage, commissions and either fill model: cash still balances to the cent and limits hold', () => {
    let submitFills = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 5, maxLength: 80 }), fc.constantFrom('next_open' as const, 'close' as const), (actions, fillModel) => {
        const m = new Model({ slippagePerShare: '0.03', commissionPerShare: '0.005', commissionPerOrder: '1', fillModel });
        for (const a of actions) m.apply(a);
        checkInvariants(m);
        checkLimitsHeld(m);
        if (fillModel === 'close') submitFills += m.ex.allFills().filter((f) => m.updates.some((u) => u.order.id === f.order_id && u.event === 'new' && u.timestamp === f.timestamp && u.order['order_type'] === 'market')).length;
        checkNoFillAfterEnd(m.updates);
      }),
      { numRuns: 60, seed: 20260106 },
    );
    expect(submitFills, "market fills on submission under 'close'").toBeGreaterThan(0);
  });
});
