import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sessionsBetween } from '../../../domain/calendar/index.js';
import { walkForwardSplits } from './walk-forward-splits.js';

const dates = (from: string, to: string): string[] => sessionsBetween(from, to).map((s) => s.date);

describe('walkForwardSplits', () => {
  it('rolls equal windows by trading sessions, skipping weekends and holidays', () => {
    // 2024-01-02 .. 2024-01-31: 21 sessions (no holiday but MLK day 2024-01-15).
    const all = dates('2024-01-02', '2024-01-31');
    expect(all).toHaveLength(21);
    expect(all).not.toContain('2024-01-15');
    const splits = walkForwardSplits('2024-01-01', '2024-01-31', 3);
    // out-of-sample = floor(21 / (3 + 3)) = 3, in-sample = 21 − 3 × 3 = 12.
    expect(splits).toEqual([
      { index: 0, inSample: { from: all[0], to: all[11], sessions: 12 }, outOfSample: { from: all[12], to: all[14], sessions: 3 } },
      { index: 1, inSample: { from: all[3], to: all[14], sessions: 12 }, outOfSample: { from: all[15], to: all[17], sessions: 3 } },
      { index: 2, inSample: { from: all[6], to: all[17], sessions: 12 }, outOfSample: { from: all[18], to: all[20], sessions: 3 } },
    ]);
  });

  it('takes explicit lengths and leaves the oldest sessions unused', () => {
    const all = dates('2024-01-02', '2024-01-31');
    const splits = walkForwardSplits('2024-01-02', '2024-01-31', 2, { inSampleSessions: 5, outOfSampleSessions: 4 });
    expect(splits.map((s) => [s.inSample.from, s.inSample.to, s.outOfSample.from, s.outOfSample.to])).toEqual([
      [all[8], all[12], all[13], all[16]],
      [all[12], all[16], all[17], all[20]],
    ]);
    const onlyIs = walkForwardSplits('2024-01-02', '2024-01-31', 2, { inSampleSessions: 11 });
    expect(onlyIs.map((s) => s.outOfSample.sessions)).toEqual([5, 5]);
    expect(onlyIs[1]?.outOfSample.to).toBe('2024-01-31');
  });

  it('honours a ratio', () => {
    const [split] = walkForwardSplits('2024-01-02', '2024-01-31', 1, { ratio: 2 });
    expect([split?.inSample.sessions, split?.outOfSample.sessions]).toEqual([14, 7]);
  });

  it('out-of-sample windows tile the end of the range; each follows its in-sample window (property)', () => {
    const all = dates('2023-01-03', '2024-12-31');
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 40, max: 200 }), fc.integer({ min: 1, max: 8 }), fc.option(fc.integer({ min: 1, max: 6 })), (start, span, n, ratio) => {
      const range = all.slice(start, start + span);
      const splits = walkForwardSplits(range[0]!, range[range.length - 1]!, n, ratio === null ? {} : { ratio });
      expect(splits).toHaveLength(n);
      const isLen = splits[0]!.inSample.sessions;
      const oosLen = splits[0]!.outOfSample.sessions;
      expect(oosLen).toBeGreaterThanOrEqual(1);
      expect(isLen).toBeGreaterThanOrEqual(oosLen * (ratio ?? 3));
      expect(splits[n - 1]!.outOfSample.to).toBe(range[range.length - 1]);
      for (const [k, s] of splits.entries()) {
        expect([s.inSample.sessions, s.outOfSample.sessions]).toEqual([isLen, oosLen]);
        expect(range.indexOf(s.outOfSample.from)).toBe(range.indexOf(s.inSample.to) + 1);
        expect(range.indexOf(s.outOfSample.to) - range.indexOf(s.outOfSample.from) + 1).toBe(oosLen);
        if (k > 0) expect(range.indexOf(s.outOfSample.from)).toBe(range.indexOf(splits[k - 1]!.outOfSample.to) + 1);
      }
    }), { numRuns: 200 });
  });

  it.each([
    [['2024-01-02', '2024-01-31', 0, {}], /splits = 0: must be a whole number ≥ 1/],
    [['2024-01-02', '2024-01-31', 2.5, {}], /splits = 2.5/],
    [['2024-01-02', '2024-01-31', 2, { inSampleSessions: 0 }], /inSampleSessions = 0: must be a whole number ≥ 1/],
    [['2024-01-02', '2024-01-31', 2, { outOfSampleSessions: -1 }], /outOfSampleSessions = -1/],
    [['2024-01-02', '2024-01-31', 2, { ratio: 0 }], /ratio = 0: must be a number > 0/],
    [['2024-01-02', '2024-01-31', 20, {}], /21 sessions cannot hold 20 split\(s\).*use fewer splits or a longer range/],
    [['2024-01-02', '2024-01-31', 2, { inSampleSessions: 15, outOfSampleSessions: 4 }], /cannot hold 2 split\(s\) of 15 in-sample \+ 4 out-of-sample/],
    [['2024-01-31', '2024-01-02', 2, {}], /from 2024-01-31 is after to 2024-01-02/],
    [['2024-13-01', '2024-01-02', 2, {}], /invalid date "2024-13-01"/],
  ] as const)('rejects %j', (args, message) => {
    expect(() => walkForwardSplits(args[0], args[1], args[2], args[3])).toThrow(message);
  });
});
