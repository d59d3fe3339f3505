// Proves the bar cache: a miss fetches and stores (bars + coverage in one transaction), a repeat is served
// from SQLite without a request, only the missing part of a wider range is fetched, the newest minutes are
// never marked covered, and a failed symbol is reported and not cached.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../sqlite/open-store.js';
import { addInterval, CachedHistoricalBars, missingRanges } from './bar-cache.js';
import { bar, FakeClock, FakeHistory, OPEN_T } from './md-test-kit.js';

const M = 60_000;
const series = (symbol: string, from: number, n: number) => Array.from({ length: n }, (_, i) => bar(symbol, from + i * M, 100 + i));

function setup(now = OPEN_T + 24 * 60 * M) {
  const store = openStore(':memory:');
  const inner = new FakeHistory([...series('AAPL', OPEN_T, 60), ...series('MSFT', OPEN_T, 60)]);
  const cache = new CachedHistoricalBars({ inner, store, clock: new FakeClock(now) });
  return { store, inner, cache };
}

describe('interval helpers', () => {
  it('missingRanges subtracts covered intervals', () => {
    expect(missingRanges(0, 100, [])).toEqual([[0, 100]]);
    expect(missingRanges(0, 100, [[10, 20], [50, 60]])).toEqual([[0, 10], [20, 50], [60, 100]]);
    expect(missingRanges(0, 100, [[0, 100]])).toEqual([]);
    expect(missingRanges(30, 40, [[0, 35]])).toEqual([[35, 40]]);
  });
  it('addInterval merges overlapping and touching intervals', () => {
    expect(addInterval([[0, 10], [20, 30]], 10, 20)).toEqual([[0, 30]]);
    expect(addInterval([[0, 10]], 15, 20)).toEqual([[0, 10], [15, 20]]);
  });
});

describe('CachedHistoricalBars', () => {
  it('a miss fetches and stores; a repeat is served from the bars table without a request', async () => {
    const { store, inner, cache } = setup();
    const q = { symbols: ['AAPL', 'MSFT'], timeframe: '1Min' as const, from: OPEN_T, to: OPEN_T + 30 * M };
    const first = await cache.fetchBars(q);
    expect(inner.queries).toHaveLength(1);
    expect(first.get('AAPL')).toHaveLength(30);
    expect(store.bars.summary().map((s) => [s.symbol, s.count])).toEqual([['AAPL', 30], ['MSFT', 30]]);
    const second = await cache.fetchBars(q);
    expect(inner.queries).toHaveLength(1);
    expect(second.get('MSFT')).toEqual(first.get('MSFT'));
    store.close();
  });

  it('fetches only the missing tail of a wider range', async () => {
    const { inner, cache, store } = setup();
    await cache.fetchBars({ symbols: ['AAPL'], timeframe: '1Min', from: OPEN_T, to: OPEN_T + 30 * M });
    const wider = await cache.fetchBars({ symbols: ['AAPL'], timeframe: '1Min', from: OPEN_T, to: OPEN_T + 60 * M });
    expect(inner.queries[1]).toMatchObject({ from: OPEN_T + 30 * M, to: OPEN_T + 60 * M });
    expect(wider.get('AAPL')?.map((b) => b.close)).toEqual(series('AAPL', OPEN_T, 60).map((b) => b.close));
    store.close();
  });

  it('never marks the newest (unsettled) minutes as covered', async () => {
    const { inner, cache, store } = setup(OPEN_T + 20 * M);
    await cache.fetchBars({ symbols: ['AAPL'], timeframe: '1Min', from: OPEN_T, to: OPEN_T + 20 * M });
    expect(cache.coverage('AAPL', '1Min')).toEqual([[OPEN_T, OPEN_T + 15 * M]]);
    await cache.fetchBars({ symbols: ['AAPL'], timeframe: '1Min', from: OPEN_T, to: OPEN_T + 20 * M });
    expect(inner.queries[1]).toMatchObject({ from: OPEN_T + 15 * M, to: OPEN_T + 20 * M });
    store.close();
  });

  it('reports a failed symbol, serves the others, and caches nothing for the failed one', async () => {
    const { inner, cache, store } = setup();
    inner.failing = ['MSFT'];
    const report = await cache.fetchBarsReport({ symbols: ['AAPL', 'MSFT'], timeframe: '1Min', from: OPEN_T, to: OPEN_T + 10 * M });
    expect(report.failed.map((f) => f.symbol)).toEqual(['MSFT']);
    expect([...report.bars.keys()]).toEqual(['AAPL']);
    expect(cache.coverage('MSFT', '1Min')).toEqual([]);
    expect(store.bars.summary().map((s) => s.symbol)).toEqual(['AAPL']);
    store.close();
  });
});
