import { describe, expect, it } from 'vitest';
import { sessionClose, sessionOpen } from '../../../domain/calendar/index.js';
import { loadTimeline } from '../backtest-bars.js';
import { dataDateRange, sliceTimeline, windowBounds } from './data-window.js';
import { sessionBars } from './testing/sweep-test-kit.js';

describe('data windows', () => {
  it('bounds a window at ET midnights, DST-correct', () => {
    // 2024-03-08 is a Friday in EST; 2024-03-11 a Monday in EDT (the clocks changed on Sunday the 10th).
    expect(windowBounds({ from: '2024-03-08', to: '2024-03-11' })).toEqual({ from: Date.parse('2024-03-08T05:00:00Z'), to: Date.parse('2024-03-12T04:00:00Z') });
  });

  it('slices whole sessions out of a loaded timeline', () => {
    const bars = [...sessionBars('AAA', '2024-03-04', '2024-03-15', 1), ...sessionBars('BBB', '2024-03-11', '2024-03-15', 2)];
    const full = loadTimeline({ kind: 'bars', bars: { X: bars } });
    const cut = sliceTimeline(full, { from: '2024-03-08', to: '2024-03-11' });
    expect(cut.starts[0]).toBe(sessionOpen('2024-03-08'));
    expect(cut.starts[cut.starts.length - 1]).toBe(sessionClose('2024-03-11') - 60_000);
    expect(cut.starts).toHaveLength(2 * 390);
    expect(cut.bars).toBe(2 * 390 + 390); // AAA on both dates, BBB from the 11th
    expect(cut.symbols).toEqual(['AAA', 'BBB']);
    expect(sliceTimeline(full, { from: '2024-03-04', to: '2024-03-05' }).symbols).toEqual(['AAA']);
    expect(cut.minutes.flat().every((b) => b.t >= windowBounds({ from: '2024-03-08', to: '2024-03-11' }).from)).toBe(true);
  });

  it('refuses an empty window, naming it and the data span', () => {
    const full = loadTimeline({ kind: 'bars', bars: { X: sessionBars('AAA', '2024-03-04', '2024-03-05', 1) } });
    expect(() => sliceTimeline(full, { from: '2024-03-06', to: '2024-03-08' })).toThrow('no bars in the window 2024-03-06 to 2024-03-08 (the data spans 2024-03-04 to 2024-03-05)');
  });

  it('finds the dates a data source spans', () => {
    expect(dataDateRange({ kind: 'bars', bars: { A: sessionBars('AAA', '2024-03-04', '2024-03-06', 1) } })).toEqual({ from: '2024-03-04', to: '2024-03-06' });
    expect(dataDateRange({ kind: 'cache', dbPath: '/nowhere.db', symbols: ['A'], from: '2024-01-02', to: '2024-02-01' })).toEqual({ from: '2024-01-02', to: '2024-02-01' });
  });
});
