// Proves the runner's columnar candle history gives back exactly what was pushed (absent optional fields stay
// absent, partial flags kept), oldest first, and drops the oldest past its capacity; and that the frozen candle
// copy keeps every field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandleHistory } from './candle-history.js';
import { freezeCandle, type FrozenCandle } from './frozen-candle.js';

const candleArb = fc.record({
  t: fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
  end: fc.option(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), { nil: undefined }),
  open: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  high: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  low: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  close: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  volume: fc.integer({ min: 0, max: 1e9 }),
  vwap: fc.option(fc.double({ min: 0.01, max: 1e5, noNaN: true }), { nil: undefined }),
  tradeCount: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
  partial: fc.option(fc.boolean(), { nil: undefined }),
  barCount: fc.option(fc.integer({ min: 1, max: 390 }), { nil: undefined }),
});

const plain = (c: FrozenCandle): Record<string, unknown> => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));

describe('CandleHistory', () => {
  it('returns the last `capacity` candles pushed, field for field, oldest first', () => {
    fc.assert(
      fc.property(fc.array(candleArb, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (raw, capacity) => {
        const history = new CandleHistory('AAPL', '5Min', capacity);
        const pushed = raw.map((c) => freezeCandle({ symbol: 'AAPL', timeframe: '5Min', ...c }));
        for (const c of pushed) history.push(c);
        const back = history.all();
        expect(back.map(plain)).toEqual(pushed.slice(-capacity).map(plain));
        expect(history.newestT).toBe(pushed.at(-1)?.t);
        expect(back.every((c) => Object.isFrozen(c))).toBe(true);
      }),
    );
  });

  it('freezeCandle keeps every field, returns a frozen candle as is, and never touches the original', () => {
    const original = { symbol: 'MSFT', timeframe: '1Min' as const, t: 1, end: 60_001, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, vwap: 1.2, tradeCount: 3, partial: true, barCount: 1 };
    const frozen = freezeCandle(original);
    expect(frozen).toEqual(original);
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(original)).toBe(false);
    expect(freezeCandle(frozen)).toBe(frozen);
  });
});
