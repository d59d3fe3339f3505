import { describe, expect, it } from 'vitest';
import { stepCross, type CrossSign } from './cross-tracker.js';

/** Runs the rule over a sequence of exact signs; returns the cross (or '-') per bar. */
function run(signs: readonly (-1 | 0 | 1 | undefined)[]): string[] {
  let last: CrossSign = 0;
  return signs.map((sign) => {
    const step = stepCross(last, sign);
    last = step.lastSign;
    return step.cross ?? '-';
  });
}

describe('stepCross: a cross is judged against the last non-zero difference', () => {
  it('the first non-zero sign only establishes the side; staying on it is no cross', () => {
    expect(run([undefined, 1, 1, 1])).toEqual(['-', '-', '-', '-']);
    expect(run([-1, -1])).toEqual(['-', '-']);
  });
  it('a direct change of side is a cross on that bar', () => {
    expect(run([-1, 1, 1, -1])).toEqual(['-', 'up', '-', 'down']);
  });
  it('an exact tie is not a cross; the bar leaving the tie in the new direction completes it', () => {
    expect(run([-1, 0, 0, 1, 1])).toEqual(['-', '-', '-', 'up', '-']);
    expect(run([1, 0, -1])).toEqual(['-', '-', 'down']);
  });
  it('a tie followed by a return to the old side is no cross', () => {
    expect(run([1, 0, 1, 0, 0, 1])).toEqual(['-', '-', '-', '-', '-', '-']);
  });
  it('ties before any side is known establish nothing', () => {
    expect(run([0, 0, 1, 0, -1])).toEqual(['-', '-', '-', '-', 'down']);
  });
});
