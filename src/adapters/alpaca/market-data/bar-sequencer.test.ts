// Proves the feeds' bar gate: one bar per (symbol, t), time order per symbol, and a backfill whose fetched
// bars come out before (and merge with) the live bars buffered while it ran.
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../domain/bar.js';
import { BarSequencer } from './bar-sequencer.js';
import { bar, OPEN_T } from './md-test-kit.js';

const M = 60_000;

function harness(): { seq: BarSequencer; out: Bar[] } {
  const out: Bar[] = [];
  return { seq: new BarSequencer((b) => out.push(b)), out };
}

describe('BarSequencer', () => {
  it('drops duplicates and older bars, ignores untracked symbols', () => {
    const { seq, out } = harness();
    seq.track('AAPL', undefined);
    expect(seq.live(bar('AAPL', OPEN_T))).toBe('emitted');
    expect(seq.live(bar('AAPL', OPEN_T))).toBe('duplicate');
    expect(seq.live(bar('AAPL', OPEN_T + M))).toBe('emitted');
    expect(seq.live(bar('AAPL', OPEN_T))).toBe('stale');
    expect(seq.live(bar('MSFT', OPEN_T))).toBe('unknown-symbol');
    expect(out.map((b) => b.t)).toEqual([OPEN_T, OPEN_T + M]);
    expect(seq.stats).toEqual({ emitted: 2, duplicates: 1, stale: 1 });
  });

  it('a starting watermark drops bars at or before it', () => {
    const { seq, out } = harness();
    seq.track('AAPL', OPEN_T);
    seq.live(bar('AAPL', OPEN_T));
    seq.live(bar('AAPL', OPEN_T + M));
    expect(out.map((b) => b.t)).toEqual([OPEN_T + M]);
  });

  it('backfill: fetched bars first, buffered live bars merged, each t once, in order', () => {
    const { seq, out } = harness();
    seq.track('AAPL', OPEN_T);
    seq.track('MSFT', OPEN_T);
    seq.beginBackfill();
    expect(seq.live(bar('AAPL', OPEN_T + 4 * M))).toBe('buffered');
    expect(seq.live(bar('AAPL', OPEN_T + 3 * M, 1))).toBe('buffered'); // also fetched: the fetched one wins
    expect(seq.live(bar('MSFT', OPEN_T + 2 * M))).toBe('buffered');
    expect(out).toEqual([]);
    const fetched = new Map([
      ['AAPL', [bar('AAPL', OPEN_T + M), bar('AAPL', OPEN_T + 2 * M), bar('AAPL', OPEN_T + 3 * M, 2)]],
      ['MSFT', [bar('MSFT', OPEN_T + M)]],
    ]);
    expect(seq.endBackfill(fetched)).toBe(6);
    const aapl = out.filter((b) => b.symbol === 'AAPL');
    expect(aapl.map((b) => (b.t - OPEN_T) / M)).toEqual([1, 2, 3, 4]);
    expect(aapl[2]?.close).toBe(2);
    expect(out.filter((b) => b.symbol === 'MSFT').map((b) => (b.t - OPEN_T) / M)).toEqual([1, 2]);
    expect(seq.isBackfilling).toBe(false);
    expect(seq.live(bar('AAPL', OPEN_T + 4 * M))).toBe('duplicate');
  });

  it('a failed backfill still releases the buffered live bars', () => {
    const { seq, out } = harness();
    seq.track('AAPL', OPEN_T);
    seq.beginBackfill();
    seq.live(bar('AAPL', OPEN_T + 5 * M));
    expect(seq.endBackfill(new Map())).toBe(1);
    expect(out).toHaveLength(1);
  });
});
