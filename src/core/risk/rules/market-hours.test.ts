import { describe, expect, it } from 'vitest';
import { etDateTime, position, testContext, testSignal } from '../risk-test-kit.js';
import { checkMarketHours } from './market-hours.js';

const at = etDateTime;
const check = (now: number, extended = false, signal = testSignal()) =>
  checkMarketHours(testContext({ signal, limits: { allow_extended_hours: extended }, facts: { now, openPositions: [position('AAPL', 'long', 1, 10)] } }));

describe('market hours rule', () => {
  it('allows 09:30:00.000 and 15:59:59.999 ET on a trading day', () => {
    expect(check(at('2025-01-06', '09:30'))).toBeUndefined();
    expect(check(at('2025-01-06', '16:00') - 1)).toBeUndefined();
  });

  it('denies MARKET_CLOSED one millisecond before the open and at the close, with the ET time', () => {
    const early = check(at('2025-01-06', '09:30') - 1);
    expect(early?.code).toBe('MARKET_CLOSED');
    expect(early?.reason).toContain('2025-01-06 09:29 ET');
    expect(early?.reason).toContain('09:30–16:00 ET');
    expect(check(at('2025-01-06', '16:00'))?.code).toBe('MARKET_CLOSED');
  });

  it('denies on weekends, holidays and after an early close', () => {
    expect(check(at('2025-01-04', '11:00'))?.code).toBe('MARKET_CLOSED'); // Saturday
    expect(check(at('2025-01-20', '11:00'))?.code).toBe('MARKET_CLOSED'); // MLK day
    expect(check(at('2025-11-28', '12:59'))).toBeUndefined(); // day after Thanksgiving closes 13:00
    expect(check(at('2025-11-28', '13:00'))?.code).toBe('MARKET_CLOSED');
  });

  it('applies to exits too (no orders outside the hours, SPEC S6)', () => {
    expect(check(at('2025-01-06', '16:05'), false, testSignal('exit'))?.code).toBe('MARKET_CLOSED');
  });

  it('with allow_extended_hours allows 04:00–20:00 ET, limit entries only outside the regular session', () => {
    const limitEntry = testSignal('enter_long', { entry: { type: 'limit', price: 10 } });
    expect(check(at('2025-01-06', '08:00'), true, limitEntry)).toBeUndefined();
    expect(check(at('2025-01-06', '04:00') - 1, true, limitEntry)?.code).toBe('MARKET_CLOSED');
    expect(check(at('2025-01-06', '20:00'), true, limitEntry)?.code).toBe('MARKET_CLOSED');
    const market = check(at('2025-01-06', '08:00'), true);
    expect(market?.code).toBe('MARKET_CLOSED');
    expect(market?.reason).toContain('must be a limit order');
    expect(check(at('2025-01-06', '10:00'), true)).toBeUndefined();
    expect(check(at('2025-01-06', '08:00'), true, testSignal('exit'))).toBeUndefined();
  });

  it('denies (never guesses) outside the calendar range', () => {
    const denial = check(Date.UTC(2031, 0, 6, 15));
    expect(denial?.code).toBe('MARKET_CLOSED');
    expect(denial?.reason).toContain('2031');
  });
});
