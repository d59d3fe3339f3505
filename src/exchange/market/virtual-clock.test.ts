import { describe, expect, it } from 'vitest';

import { etDateTime } from '../../domain/calendar/index.js';
import { VirtualClock } from './virtual-clock.js';

const MIN = 60_000;

function fakeClock(start: number, speed: number | 'max', extendedHours = false): { clock: VirtualClock; tick: (ms: number) => void } {
  let real = 1_000;
  const clock = new VirtualClock({ start, speed, extendedHours, realNow: () => real });
  return { clock, tick: (ms) => { real += ms; } };
}

describe('VirtualClock', () => {
  it('runs at speed× real time inside a session', () => {
    const { clock, tick } = fakeClock(etDateTime('2025-03-05', '10:00'), 60);
    tick(1_000);
    expect(clock.now()).toBe(etDateTime('2025-03-05', '10:01'));
    tick(30_000);
    expect(clock.now()).toBe(etDateTime('2025-03-05', '10:31'));
  });

  it('jumps over a weekend to one minute before Monday open', () => {
    const { clock, tick } = fakeClock(etDateTime('2025-03-07', '15:59'), 60);
    tick(1_000);
    expect(clock.now()).toBe(etDateTime('2025-03-07', '16:00'));
    tick(500); // 30 virtual seconds past the close: they are spent after Monday's pre-open
    expect(clock.now()).toBe(etDateTime('2025-03-10', '09:29') + 30_000);
    expect(clock.nextBoundary(etDateTime('2025-03-07', '16:00'))).toBe(etDateTime('2025-03-10', '09:29'));
  });

  it('honours an early close and jumps over a holiday and the weekend after it', () => {
    // 2025-07-03 closes at 13:00; 2025-07-04 is Independence Day; next session Monday 2025-07-07.
    const { clock, tick } = fakeClock(etDateTime('2025-07-03', '12:58'), 60);
    tick(120_000); // two virtual hours of trading
    expect(clock.now()).toBe(etDateTime('2025-07-07', '09:29') + 118 * MIN);
    expect(clock.window('2025-07-03')).toEqual({ date: '2025-07-03', start: etDateTime('2025-07-03', '09:29'), end: etDateTime('2025-07-03', '13:00') });
    expect(clock.window('2025-07-04')).toBeUndefined();
    expect(clock.nextBoundary(etDateTime('2025-07-03', '12:59'))).toBe(etDateTime('2025-07-03', '13:00'));
    expect(clock.nextBoundary(etDateTime('2025-07-03', '13:00'))).toBe(etDateTime('2025-07-07', '09:29'));
    expect(clock.tradingTimeBetween(etDateTime('2025-07-03', '12:00'), etDateTime('2025-07-07', '09:35'))).toBe(66 * MIN);
  });

  it('jumps over Good Friday', () => {
    const { clock, tick } = fakeClock(etDateTime('2025-04-17', '16:00'), 1);
    tick(5_000);
    expect(clock.now()).toBe(etDateTime('2025-04-21', '09:29') + 5_000);
  });

  it('starting on a Saturday, time begins at the next pre-open', () => {
    const saturday = Date.parse('2025-03-08T15:00:00Z');
    const { clock, tick } = fakeClock(saturday, 10);
    expect(clock.now()).toBe(saturday);
    expect(clock.realDelayUntil(etDateTime('2025-03-10', '09:29'))).toBe(0);
    tick(6_000);
    expect(clock.now()).toBe(etDateTime('2025-03-10', '09:30'));
  });

  it('runs through pre-market and after-hours when extendedHours is set', () => {
    const { clock, tick } = fakeClock(etDateTime('2025-03-07', '19:59'), 60, true);
    tick(2_000);
    expect(clock.now()).toBe(etDateTime('2025-03-10', '03:59') + MIN);
    expect(clock.window('2025-03-10')).toMatchObject({ start: etDateTime('2025-03-10', '03:59'), end: etDateTime('2025-03-10', '20:00') });
  });

  it('stands still while paused and at speed max; advances manually; never goes back', () => {
    const start = etDateTime('2025-03-05', '10:00');
    const { clock, tick } = fakeClock(start, 60);
    const changes: string[] = [];
    clock.onChange(() => changes.push(clock.isPaused ? 'paused' : String(clock.speed)));
    clock.pause();
    tick(60_000);
    expect(clock.now()).toBe(start);
    expect(clock.realDelayUntil(start + MIN)).toBe(Infinity);
    clock.resume();
    tick(1_000);
    expect(clock.now()).toBe(start + MIN);
    expect(clock.realDelayUntil(start + 2 * MIN)).toBe(1_000);
    clock.setSpeed('max');
    tick(10_000);
    expect(clock.now()).toBe(start + MIN);
    clock.advanceTo(start + 5 * MIN);
    expect(clock.now()).toBe(start + 5 * MIN);
    expect(() => { clock.advanceTo(start); }).toThrow(/cannot go backwards/);
    clock.catchUpTo(start); // already past: no-op, no throw
    clock.catchUpTo(start + 6 * MIN);
    expect(clock.now()).toBe(start + 6 * MIN);
    expect(changes).toEqual(['paused', '60', 'max', 'max', 'max']);
  });

  it('rejects bad options naming the value and the allowed range', () => {
    expect(() => new VirtualClock({ start: 0, speed: 0 })).toThrow(/clock speed must be a number in \(0, 100000\] or 'max', got 0/);
    expect(() => new VirtualClock({ start: 0, speed: 'fast' as unknown as number })).toThrow(/got "fast"/);
    expect(() => new VirtualClock({ start: Number.NaN, speed: 1 })).toThrow(/clock start/);
    expect(() => new VirtualClock({ start: 0, speed: 1, preOpenMs: 30_000 })).toThrow(/preOpenMs/);
  });
});
