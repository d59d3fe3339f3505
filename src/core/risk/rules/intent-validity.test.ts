import { describe, expect, it } from 'vitest';
import { position, testContext, testSignal } from '../risk-test-kit.js';
import { checkIntentValidity } from './intent-validity.js';

const check = (signal = testSignal(), facts = {}) => checkIntentValidity(testContext({ signal, facts }));

describe('intent validity rule', () => {
  it('passes a plain market entry', () => {
    expect(check()).toBeUndefined();
  });

  it('denies INVALID_INTENT when the intent names another symbol than its signal', () => {
    const denial = check(testSignal('enter_long', { symbol: 'MSFT' }));
    expect(denial?.code).toBe('INVALID_INTENT');
    expect(denial?.reason).toContain('MSFT');
  });

  it('accepts a size fraction of 0 and 1, denies 1.01 and NaN', () => {
    expect(check(testSignal('enter_long', { sizeFraction: 0 }))).toBeUndefined();
    expect(check(testSignal('enter_long', { sizeFraction: 1 }))).toBeUndefined();
    expect(check(testSignal('enter_long', { sizeFraction: 1.01 }))?.reason).toContain('sizeFraction 1.01 is outside 0..1');
    expect(check(testSignal('enter_long', { sizeFraction: Number.NaN }))?.code).toBe('INVALID_INTENT');
  });

  it('allows a long stop one tick below the entry, denies INVALID_STOP at the entry', () => {
    expect(check(testSignal('enter_long', { stop: 9.99 }))).toBeUndefined();
    const denial = check(testSignal('enter_long', { stop: 10 }));
    expect(denial?.code).toBe('INVALID_STOP');
    expect(denial?.reason).toContain('below the long entry $10.00');
  });

  it('requires a short stop above the entry', () => {
    expect(check(testSignal('enter_short', { stop: 10.01 }))).toBeUndefined();
    expect(check(testSignal('enter_short', { stop: 9.99 }))?.code).toBe('INVALID_STOP');
  });

  it('checks the stop against a limit or stop entry price, not the signal close', () => {
    const buyStop = testSignal('enter_long', { entry: { type: 'stop', price: 10.5 }, stop: 10.2 });
    expect(check(buyStop)).toBeUndefined();
  });

  it('denies a take-profit on the wrong side and a non-positive price', () => {
    expect(check(testSignal('enter_long', { takeProfit: 9.5 }))?.reason).toContain('take-profit 9.5');
    const bad = check(testSignal('enter_long', {}, { price: 0 }));
    expect(bad?.code).toBe('INVALID_INTENT');
    expect(bad?.reason).toContain('price 0');
  });

  it('denies NO_POSITION for an exit or stop move with nothing held', () => {
    const denial = check(testSignal('exit'));
    expect(denial?.code).toBe('NO_POSITION');
    expect(denial?.reason).toContain('no open position or working entry in AAPL');
  });

  it('checks a stop move against the current price and the position side', () => {
    const held = { openPositions: [position('AAPL', 'long', 10, 10)] };
    expect(check(testSignal('move_stop', { stop: 9.99 }), held)).toBeUndefined();
    expect(check(testSignal('move_stop', { stop: 10 }), held)?.code).toBe('INVALID_STOP');
    expect(check(testSignal('move_stop'), held)?.code).toBe('INVALID_STOP');
  });
});
