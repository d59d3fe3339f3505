// Proves the SPEC §7 lifecycle: the table, the real-world edges, and (property) that random event sequences
// never reach an invalid state, never leave a terminal state, never overfill, and ignore duplicate executions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { ORDER_STATES, TERMINAL_STATES, isTerminalState, type OrderState } from '../../domain/order.js';
import { applyOrderEvent, type OrderMachineEvent, type OrderSnapshot } from './apply-order-event.js';
import { canTransition, ORDER_TRANSITIONS, OrderTransitionError } from './order-transitions.js';

const d = (v: string | number): Decimal => Decimal.of(v);
const order = (state: OrderState, filled = 0, qty = 10): OrderSnapshot => ({ state, qty: d(qty), filledQty: d(filled), avgFillPrice: filled > 0 ? d('100') : null });
const fill = (executionId: string, qty: number, price = '100'): OrderMachineEvent => ({ type: 'fill', executionId, qty: d(qty), price: d(price) });

describe('ORDER_TRANSITIONS', () => {
  it('is SPEC §7 exactly, and terminal states have no way out', () => {
    expect(ORDER_TRANSITIONS.PENDING_SUBMIT).toEqual(['SUBMITTED', 'SUBMIT_FAILED']);
    expect(ORDER_TRANSITIONS.SUBMITTED).toEqual(['ACCEPTED', 'REJECTED', 'FILLED', 'CANCELED']);
    expect(ORDER_TRANSITIONS.ACCEPTED).toEqual(['PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED']);
    expect(ORDER_TRANSITIONS.PARTIALLY_FILLED).toEqual(['PARTIALLY_FILLED', 'FILLED', 'CANCELED']);
    for (const t of TERMINAL_STATES) for (const s of ORDER_STATES) expect(canTransition(t, s)).toBe(false);
  });
});

describe('applyOrderEvent', () => {
  it('walks the happy path with exact average prices', () => {
    let o = order('PENDING_SUBMIT');
    const step = (e: OrderMachineEvent): void => {
      const r = applyOrderEvent(o, e);
      if (r.kind !== 'applied') throw new Error('expected applied');
      o = { ...o, state: r.state, filledQty: r.filledQty, avgFillPrice: r.avgFillPrice };
    };
    step({ type: 'submitted' });
    step({ type: 'accepted' });
    step(fill('x1', 4, '10.10'));
    expect(o.state).toBe('PARTIALLY_FILLED');
    step(fill('x2', 6, '10.20'));
    expect(o.state).toBe('FILLED');
    expect(o.avgFillPrice?.toString()).toBe('10.16');
  });

  it('goes through ACCEPTED implicitly when `new` was missed, and through SUBMITTED when the stream beat REST', () => {
    const r = applyOrderEvent(order('SUBMITTED'), fill('x', 3));
    expect(r).toMatchObject({ kind: 'applied', path: ['ACCEPTED', 'PARTIALLY_FILLED'] });
    const p = applyOrderEvent(order('PENDING_SUBMIT'), fill('x', 3));
    expect(p).toMatchObject({ kind: 'applied', path: ['SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED'] });
    expect(applyOrderEvent(order('PENDING_SUBMIT'), fill('x', 10))).toMatchObject({ path: ['SUBMITTED', 'FILLED'] });
  });

  it('records a fill after a cancel ack without leaving CANCELED', () => {
    const r = applyOrderEvent(order('CANCELED', 4), fill('late', 2, '100'));
    expect(r).toMatchObject({ kind: 'applied', path: [], state: 'CANCELED', lateFill: true });
    if (r.kind === 'applied') expect(r.filledQty.toString()).toBe('6');
  });

  it('turns an expiry of a partially filled day order into CANCELED', () => {
    expect(applyOrderEvent(order('PARTIALLY_FILLED', 3), { type: 'expired' })).toMatchObject({ path: ['CANCELED'] });
  });

  it('ignores duplicate executions and stale acks', () => {
    expect(applyOrderEvent({ ...order('ACCEPTED'), knownExecutionIds: new Set(['x']) }, fill('x', 1))).toEqual({ kind: 'ignored', reason: 'duplicate_execution' });
    expect(applyOrderEvent(order('FILLED', 10), { type: 'accepted' })).toEqual({ kind: 'ignored', reason: 'stale' });
    expect(applyOrderEvent(order('CANCELED'), { type: 'canceled' })).toEqual({ kind: 'ignored', reason: 'stale' });
  });

  it('throws a typed error for forbidden transitions and overfills', () => {
    expect(() => applyOrderEvent(order('FILLED', 10), { type: 'canceled' })).toThrow(OrderTransitionError);
    expect(() => applyOrderEvent(order('ACCEPTED'), { type: 'submit_failed', reason: 'x' })).toThrow(/ACCEPTED to SUBMIT_FAILED/);
    expect(() => applyOrderEvent(order('ACCEPTED', 8), fill('x', 3))).toThrow(expect.objectContaining({ code: 'OVERFILL' }) as Error);
    expect(() => applyOrderEvent(order('ACCEPTED'), fill('x', 0))).toThrow(expect.objectContaining({ code: 'INVALID_FILL' }) as Error);
  });
});

const eventArb: fc.Arbitrary<OrderMachineEvent> = fc.oneof(
  fc.constant<OrderMachineEvent>({ type: 'submitted' }),
  fc.constant<OrderMachineEvent>({ type: 'accepted' }),
  fc.constant<OrderMachineEvent>({ type: 'rejected', reason: 'r' }),
  fc.constant<OrderMachineEvent>({ type: 'submit_failed', reason: 'f' }),
  fc.constant<OrderMachineEvent>({ type: 'canceled' }),
  fc.constant<OrderMachineEvent>({ type: 'expired' }),
  fc.record({ id: fc.integer({ min: 1, max: 6 }), qty: fc.integer({ min: 1, max: 7 }), price: fc.integer({ min: 1, max: 500 }) }).map(
    ({ id, qty, price }): OrderMachineEvent => ({ type: 'fill', executionId: `e${id}`, qty: d(qty), price: d(price) }),
  ),
);

describe('state machine property', () => {
  it('random event sequences never produce an invalid state, leave a terminal state, overfill, or double count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(eventArb, { maxLength: 30 }), (qty, events) => {
        let o: OrderSnapshot = { ...order('PENDING_SUBMIT', 0, qty), knownExecutionIds: new Set() };
        let sumOfAppliedFills = d(0);
        for (const event of events) {
          let r;
          try {
            r = applyOrderEvent(o, event);
          } catch (error) {
            expect(error).toBeInstanceOf(OrderTransitionError);
            continue; // a refused event changes nothing
          }
          if (r.kind === 'ignored') continue;
          let from = o.state;
          for (const next of r.path) {
            expect(canTransition(from, next)).toBe(true);
            from = next;
          }
          if (isTerminalState(o.state)) expect(r.state).toBe(o.state);
          expect(r.filledQty.lte(o.qty)).toBe(true);
          if (r.state === 'FILLED') expect(r.filledQty.eq(o.qty)).toBe(true);
          const ids = new Set(o.knownExecutionIds);
          if (event.type === 'fill') {
            expect(ids.has(event.executionId)).toBe(false);
            ids.add(event.executionId);
            sumOfAppliedFills = sumOfAppliedFills.plus(event.qty);
          }
          o = { ...o, state: r.state, filledQty: r.filledQty, avgFillPrice: r.avgFillPrice, knownExecutionIds: ids };
          expect(ORDER_STATES).toContain(o.state);
        }
        expect(o.filledQty.eq(sumOfAppliedFills)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
