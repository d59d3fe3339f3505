import { describe, expect, it } from 'vitest';
import { account, d, etDateTime, roundTrip, testFacts, testLimits } from './risk-test-kit.js';
import type { RiskFacts } from './risk-facts.js';
import { tradingState } from './trading-state.js';

const stateOf = (over: Partial<RiskFacts>) => tradingState(testLimits(), testFacts(over));

describe('trading state', () => {
  it('is active with nothing holding it down', () => {
    expect(stateOf({})).toMatchObject({ state: 'active', causes: [], reason: 'entries and exits allowed', latchDrawdown: false });
  });

  it('is halted by the kill switch, the breaker or the drawdown limit, with the reason', () => {
    expect(stateOf({ killSwitch: { on: true, reason: 'file' } })).toMatchObject({ state: 'halted' });
    expect(stateOf({ breaker: { tripped: true, reason: '5 failures' } }).reason).toContain('BREAKER_TRIPPED: failure circuit breaker is tripped (5 failures)');
    const dd = stateOf({ account: account(22000) });
    expect(dd.state).toBe('halted');
    expect(dd.causes.map((c) => c.code)).toEqual(['MAX_DRAWDOWN']);
    expect(dd.latchDrawdown).toBe(true);
  });

  it('is reducing under the daily loss limit or a loss-streak pause', () => {
    expect(stateOf({ pnlToday: d(-500) }).state).toBe('reducing');
    const mon = (hhmm: string) => etDateTime('2025-01-06', hhmm);
    const trips = [roundTrip(mon('09:35'), -1), roundTrip(mon('09:40'), -1), roundTrip(mon('09:45'), -1)];
    expect(stateOf({ recentRoundTrips: trips })).toMatchObject({ state: 'reducing', causes: [expect.objectContaining({ code: 'LOSS_STREAK_PAUSE' })] });
  });

  it('halting causes come before reducing ones', () => {
    const report = stateOf({ pnlToday: d(-900), killSwitch: { on: true } });
    expect(report.state).toBe('halted');
    expect(report.causes.map((c) => c.code)).toEqual(['KILL_SWITCH_ON', 'DAILY_LOSS_LIMIT']);
  });

  it('walks through a day: active → reducing (streak) → active next session → halted (drawdown, latched) → active after a reset', () => {
    const mon = (hhmm: string) => etDateTime('2025-01-06', hhmm);
    const tue = (hhmm: string) => etDateTime('2025-01-07', hhmm);
    const trips = [roundTrip(mon('10:00'), -10), roundTrip(mon('10:30'), -10), roundTrip(mon('11:00'), -10)];
    const steps: [string, Partial<RiskFacts>][] = [
      ['active', { now: mon('09:45'), recentRoundTrips: trips.slice(0, 2) }],
      ['reducing', { now: mon('11:05'), recentRoundTrips: trips }],
      ['reducing', { now: tue('09:29'), recentRoundTrips: trips }],
      ['active', { now: tue('09:30'), recentRoundTrips: trips }],
      ['halted', { now: tue('10:00'), account: account(22400) }],
      ['halted', { now: tue('10:30'), account: account(24000), drawdownHaltedAt: tue('10:00') }],
      ['active', { now: tue('11:00'), account: account(24000), peakEquity: d(24000), drawdownHaltedAt: tue('10:00'), drawdownResetAt: tue('10:45') }],
    ];
    expect(steps.map(([, facts]) => stateOf(facts).state)).toEqual(steps.map(([state]) => state));
  });
});
