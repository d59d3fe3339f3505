import { describe, expect, it } from 'vitest';
import { etDateTime, roundTrip, testContext } from '../risk-test-kit.js';
import { checkDayTradeBudget, countDayTrades, dayTradeWindow } from './day-trade-budget.js';

const at = etDateTime;
const dayTrade = (date: string) => roundTrip(at(date, '11:00'), 5, at(date, '10:00'));

describe('day-trade budget rule (optional)', () => {
  const many = ['2025-01-02', '2025-01-03', '2025-01-06', '2025-01-06'].map(dayTrade);

  it('is off by default', () => {
    expect(checkDayTradeBudget(testContext({ facts: { recentRoundTrips: many } }))).toBeUndefined();
  });

  it('counts same-day round trips in the rolling 5 sessions (weekends and holidays skipped)', () => {
    // Monday 2025-01-06 looks back over 2024-12-30, 12-31, 01-02, 01-03, 01-06 (01-01 is a holiday).
    expect(dayTradeWindow(at('2025-01-06', '10:00'))).toEqual({ from: '2024-12-30', to: '2025-01-06' });
    const outside = dayTrade('2024-12-27');
    const overnight = roundTrip(at('2025-01-06', '10:00'), 5, at('2025-01-03', '15:00'));
    expect(countDayTrades([...many, outside, overnight], dayTradeWindow(at('2025-01-06', '10:00')))).toBe(4);
  });

  it('allows an entry below the budget and denies DAY_TRADE_BUDGET when it is used up', () => {
    expect(checkDayTradeBudget(testContext({ limits: { day_trade_budget: 5 }, facts: { recentRoundTrips: many } }))).toBeUndefined();
    const denial = checkDayTradeBudget(testContext({ limits: { day_trade_budget: 4 }, facts: { recentRoundTrips: many } }));
    expect(denial?.code).toBe('DAY_TRADE_BUDGET');
    expect(denial?.reason).toContain('4 day trades');
    expect(denial?.reason).toContain('budget of 4');
    expect(denial?.reason).toContain('2024-12-30..2025-01-06');
  });
});
