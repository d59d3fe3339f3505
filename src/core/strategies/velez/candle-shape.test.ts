// Candle colours with exact boundaries: body exactly 10 % of the range is not a doji, exactly 50 % is strong.
import { describe, expect, it } from 'vitest';

import type { Bar } from '../../../domain/bar.js';
import { candleShape, greenRun } from './candle-shape.js';

const c = (open: number, high: number, low: number, close: number): Bar => ({
  symbol: 'X',
  timeframe: '2Min',
  t: 0,
  open,
  high,
  low,
  close,
  volume: 1,
});

describe('candleShape', () => {
  it('classifies green, red and doji by body vs range, exactly at the boundaries', () => {
    expect(candleShape(c(10, 10.3, 10, 10.03), 0.1, 0.5)).toMatchObject({ colour: 'green', strongBody: false }); // 10 % exactly
    expect(candleShape(c(10, 10.3, 10, 10.0299), 0.1, 0.5).colour).toBe('doji'); // just below 10 %
    expect(candleShape(c(10.15, 10.3, 10, 10), 0.1, 0.5)).toMatchObject({ colour: 'red', strongBody: true, bodyRatio: 0.5 });
    expect(candleShape(c(10, 10.3, 10, 10.15), 0.1, 0.5).strongBody).toBe(true); // 50 % exactly is strong
    expect(candleShape(c(10, 10.3, 10, 10.1499), 0.1, 0.5).strongBody).toBe(false);
    expect(candleShape(c(0.1, 0.7, 0.1, 0.7), 0.1, 0.5)).toMatchObject({ colour: 'green', strongBody: true, bodyRatio: 1 });
  });

  it('a zero-range or zero-body candle is a doji', () => {
    expect(candleShape(c(10, 10, 10, 10), 0.1, 0.5)).toEqual({ colour: 'doji', bodyRatio: 0, strongBody: false });
    expect(candleShape(c(10, 10.2, 9.9, 10), 0, 0.5).colour).toBe('doji');
  });
});

describe('greenRun', () => {
  const green = c(10, 10.2, 9.95, 10.15);
  const red = c(10.15, 10.2, 9.95, 10);
  const doji = c(10, 10.2, 9.9, 10.01);
  it('counts the greens ending at the last candle, stopping at a red', () => {
    expect(greenRun([green, red, green, green], 0.1)).toBe(2);
    expect(greenRun([green, green, green], 0.1)).toBe(3);
    expect(greenRun([green, red], 0.1)).toBe(0);
    expect(greenRun([], 0.1)).toBe(0);
  });
  it('skips dojis: they neither extend nor break a run', () => {
    expect(greenRun([red, green, doji, green, doji, green], 0.1)).toBe(3);
  });
});
