import { describe, expect, it } from 'vitest';
import { SimTimeTracker } from './remote-sim-clock.js';

const T = Date.parse('2025-03-04T15:00:00Z');
const iso = (t: number): string => new Date(t).toISOString();

describe('SimTimeTracker (the clock of a bot on a sim in another process)', () => {
  it('at speed max the polled time stands still, but a bar that was published moves it to the bar\'s end at once', () => {
    let wall = 0;
    const tracker = new SimTimeTracker({ time: iso(T), speed: 'max', paused: false }, () => wall);
    wall = 150;
    expect(tracker.now()).toBe(T);
    tracker.observe(T + 7 * 60_000);
    expect(tracker.now()).toBe(T + 7 * 60_000);
  });

  it('never goes back: an older poll answer or an older observation does not move it', () => {
    let wall = 0;
    const tracker = new SimTimeTracker({ time: iso(T), speed: 'max', paused: false }, () => wall);
    tracker.observe(T + 5 * 60_000);
    tracker.update({ time: iso(T + 2 * 60_000), speed: 'max', paused: false });
    tracker.observe(T + 60_000);
    expect(tracker.now()).toBe(T + 5 * 60_000);
    tracker.update({ time: iso(T + 9 * 60_000), speed: 60, paused: false });
    wall = 1_000; // one wall second at 60x = one virtual minute
    expect(tracker.now()).toBe(T + 10 * 60_000);
  });

  it('after close() time runs on fast from where it was, so a pending minute-long virtual sleep ends within a wall second', () => {
    let wall = 0;
    const tracker = new SimTimeTracker({ time: iso(T), speed: 'max', paused: true }, () => wall);
    tracker.observe(T + 60_000);
    tracker.close();
    expect(tracker.now()).toBe(T + 60_000);
    expect(tracker.realDelayUntil(T + 2 * 60_000)).toBeLessThan(1_000);
    wall = 1_000;
    expect(tracker.now()).toBeGreaterThanOrEqual(T + 2 * 60_000);
  });
});
