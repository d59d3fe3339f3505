// Proves the reconnect rules: the backoff grows exponentially, never exceeds the 60 s cap even with jitter,
// the breaker count fires at 10 (and multiples), and the watchdog only calls a stream stalled in market hours.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RECONNECT_POLICY, isBreakerCount, reconnectPolicy, stallSilence } from './md-reconnect-policy.js';
import { NIGHT_T, OPEN_T } from './md-test-kit.js';

describe('backoffDelay', () => {
  const policy = DEFAULT_RECONNECT_POLICY;
  it('doubles from 1 s without jitter and stops at the 60 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => backoffDelay(a, policy, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('jitter only shortens the delay: always within [(1-j)·d, d] and never above the cap', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
      const full = backoffDelay(attempt, policy, () => 0);
      const delay = backoffDelay(attempt, policy, () => r);
      expect(delay).toBeLessThanOrEqual(60_000);
      expect(delay).toBeLessThanOrEqual(full);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(full * (1 - policy.jitter)));
    }), { numRuns: 200 });
  });

  it('spreads delays: different random draws give different delays', () => {
    expect(new Set([0.1, 0.5, 0.9].map((r) => backoffDelay(3, policy, () => r))).size).toBe(3);
  });
});

describe('reconnectPolicy', () => {
  it('keeps the SPEC defaults: 1 s base, 60 s cap, 30 s watchdog, 10 failures', () => {
    expect(reconnectPolicy()).toMatchObject({ baseDelayMs: 1000, maxDelayMs: 60000, watchdogMs: 30000, maxFailures: 10 });
  });
  it('names the bad field, the value and the range', () => {
    expect(() => reconnectPolicy({ jitter: 2 })).toThrow(/jitter must be in \[0, 1\], got 2/);
    expect(() => reconnectPolicy({ maxFailures: 0 })).toThrow(/maxFailures must be a number > 0, got 0/);
    expect(() => reconnectPolicy({ baseDelayMs: 5000, maxDelayMs: 100 })).toThrow(/baseDelayMs \(5000\) must not exceed maxDelayMs \(100\)/);
  });
});

describe('isBreakerCount', () => {
  it('fires at 10 and each multiple, not before', () => {
    const hits = Array.from({ length: 35 }, (_, i) => i + 1).filter((n) => isBreakerCount(n, 10));
    expect(hits).toEqual([10, 20, 30]);
  });
});

describe('stallSilence (watchdog)', () => {
  it('bars arrive once a minute: 60 s between messages is not a stall', () => {
    const last = OPEN_T + 1_000; // bars of 09:59 arrived at 10:00:01
    expect(stallSilence(last + 59_000, last, 30_000)).toBeUndefined();
    expect(stallSilence(OPEN_T + 60_000 + 29_000, last, 30_000)).toBeUndefined();
  });

  it('30 s past the due bar in market hours is a stall, reported as the whole silence', () => {
    const last = OPEN_T + 1_000;
    expect(stallSilence(OPEN_T + 90_000, last, 30_000)).toBe(89_000);
  });

  it('never in closed hours', () => {
    const last = NIGHT_T - 10 * 60_000;
    expect(stallSilence(NIGHT_T, last, 30_000)).toBeUndefined();
  });

  it('not at 09:30:40 after a quiet pre-market (the first regular bar is due at 09:31)', () => {
    const open = Date.parse('2024-06-12T13:30:00Z');
    expect(stallSilence(open + 40_000, open - 30 * 60_000, 30_000)).toBeUndefined();
    expect(stallSilence(open + 91_000, open - 30 * 60_000, 30_000)).toBeDefined();
  });

  it('uses the injected market-hours rule', () => {
    expect(stallSilence(NIGHT_T, NIGHT_T - 10 * 60_000, 30_000, () => true)).toBe(10 * 60_000);
  });
});

describe('stallSilence with clock skew', () => {
  it('a bar received just before its minute mark (skewed clock) is not a stall 30 s later', () => {
    const mark = Date.parse('2025-11-20T15:33:00Z'); // 10:33 ET, market open
    const received = mark - 2_000; // the bot's clock runs 2 s behind the venue
    expect(stallSilence(mark + 35_000, received, 30_000, () => true)).toBeUndefined();
    expect(stallSilence(mark + 60_000 + 31_000, received, 30_000, () => true)).toBeGreaterThan(30_000);
  });
});
