import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { etDateTime, position, roundTrip, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { activeLossStreakPause, checkLossStreakPause, latestLossStreakPause, nextSessionStart } from './loss-streak-pause.js';

const at = etDateTime;
const losses = (...times: number[]) => times.map((t) => roundTrip(t, -25));

describe('loss-streak pause rule', () => {
  const mon = (hhmm: string) => at('2025-01-06', hhmm);

  it('allows entries after N-1 consecutive losses', () => {
    const trips = losses(mon('09:40'), mon('09:50'));
    expect(checkLossStreakPause(testContext({ facts: { recentRoundTrips: trips } }))).toBeUndefined();
  });

  it('denies LOSS_STREAK_PAUSE after N consecutive losses, naming the count and the lift time', () => {
    const trips = losses(mon('09:40'), mon('09:45'), mon('09:50'));
    const denial = checkLossStreakPause(testContext({ facts: { recentRoundTrips: trips } }));
    expect(denial?.code).toBe('LOSS_STREAK_PAUSE');
    expect(denial?.reason).toContain('3 consecutive losing round trips (limit 3');
    expect(denial?.reason).toContain('until 2025-01-07 09:30 ET');
  });

  it('a winner or a breakeven trip breaks the streak; order of the facts does not matter', () => {
    const broken = [roundTrip(mon('09:40'), -1), roundTrip(mon('09:45'), 0), roundTrip(mon('09:48'), -1), roundTrip(mon('09:50'), -1)];
    expect(checkLossStreakPause(testContext({ facts: { recentRoundTrips: broken.reverse() } }))).toBeUndefined();
  });

  it('follows consecutive_loss_pause', () => {
    const trips = losses(mon('09:40'), mon('09:45'), mon('09:50'));
    expect(checkLossStreakPause(testContext({ limits: { consecutive_loss_pause: 4 }, facts: { recentRoundTrips: trips } }))).toBeUndefined();
  });

  it('lifts at the next session open across a weekend (Friday → Monday 09:30 ET, across the DST change), not 24 h later', () => {
    const fri = (hhmm: string) => at('2025-03-07', hhmm);
    const trips = losses(fri('15:00'), fri('15:10'), fri('15:20'));
    expect(nextSessionStart(fri('15:20'))).toBe(at('2025-03-10', '09:30'));
    const monOpen = at('2025-03-10', '09:30');
    expect(activeLossStreakPause(trips, 3, fri('15:20') + 24 * 3_600_000)).toBeDefined();
    expect(activeLossStreakPause(trips, 3, monOpen - 1)).toBeDefined();
    expect(activeLossStreakPause(trips, 3, monOpen)).toBeUndefined();
  });

  it('skips a holiday: Friday before Martin Luther King Jr. Day lifts on Tuesday 09:30 ET', () => {
    const fri = (hhmm: string) => at('2025-01-17', hhmm);
    const trips = losses(fri('10:00'), fri('11:00'), fri('12:00'));
    const tueOpen = at('2025-01-21', '09:30');
    expect(latestLossStreakPause(trips, 3)?.until).toBe(tueOpen);
    const onHoliday = evaluateRisk({ signal: testSignal(), limits: testLimits(), facts: testFacts({ now: at('2025-01-20', '10:00'), recentRoundTrips: trips }) });
    expect(onHoliday.approved ? 'approved' : onHoliday.denial.code).toBe('LOSS_STREAK_PAUSE');
    const tuesday = evaluateRisk({ signal: testSignal(), limits: testLimits(), facts: testFacts({ now: tueOpen, recentRoundTrips: trips }) });
    expect(tuesday.approved).toBe(true);
  });

  it('restarts the count after a pause: one more loss the next day does not pause again', () => {
    const trips = [...losses(mon('09:40'), mon('09:45'), mon('09:50')), roundTrip(at('2025-01-07', '10:00'), -5)];
    expect(activeLossStreakPause(trips, 3, at('2025-01-07', '10:30'))).toBeUndefined();
  });

  it('does not pause exits or stop moves', () => {
    const facts = testFacts({ recentRoundTrips: losses(mon('09:40'), mon('09:45'), mon('09:50')), openPositions: [position('AAPL', 'long', 10, 10)] });
    expect(evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts }).approved).toBe(true);
  });

  it('stays paused when the calendar cannot name the next session', () => {
    const late = at('2030-12-31', '10:00');
    const trips = losses(late - 3000, late - 2000, late - 1000);
    const pause = activeLossStreakPause(trips, 3, late);
    expect(pause?.until).toBeUndefined();
  });
});
