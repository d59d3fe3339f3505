// Proves the REST history against a fake StockApi: [from, to) over Alpaca's inclusive end, paging until the
// token is null, SPEC §7's "retry 3× (2 s)" then a reported (not thrown, not half-filled) failure, no retry
// on a definitive 4xx, and a WARNING per skipped symbol from fetchBars.
import { errors, type marketData } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../logging/memory-logger.js';
import { AlpacaHistoricalBars } from './historical-bars.js';
import { OPEN_T } from './md-test-kit.js';

const M = 60_000;
const raw = (t: number, c = 100): marketData.StockBar => ({ t: new Date(t), o: c, h: c + 1, l: c - 1, c, v: 10, n: 2, vw: c });

type Step = marketData.StockBarsResp | Error;

function fakeApi(steps: Step[]) {
  const requests: marketData.StockBarsRequest[] = [];
  const api = {
    stockBars: (request: marketData.StockBarsRequest): Promise<marketData.StockBarsResp> => {
      requests.push(request);
      const step = steps.shift();
      if (step === undefined) throw new Error('no more scripted responses');
      return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
    },
  };
  return { api, requests };
}

const apiError = (status: number): errors.ApiError => new errors.ApiError(new Response(null, { status }), status, status * 100000, `status ${status}`);

function history(steps: Step[]) {
  const { api, requests } = fakeApi(steps);
  const sleeps: number[] = [];
  const logger = new MemoryLogger();
  const h = new AlpacaHistoricalBars({ api, feed: 'iex', logger, sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); } });
  return { h, requests, sleeps, logger };
}

const query = { symbols: ['AAPL', 'MSFT'], timeframe: '1Min' as const, from: OPEN_T, to: OPEN_T + 3 * M };

describe('AlpacaHistoricalBars', () => {
  it('asks for [from, to) as Alpaca start..end-1ms, follows page tokens, sorts and filters', async () => {
    const { h, requests } = history([
      { bars: { AAPL: [raw(OPEN_T), raw(OPEN_T + M)] }, nextPageToken: 'p2' },
      { bars: { AAPL: [raw(OPEN_T + 2 * M)], MSFT: [raw(OPEN_T + M), raw(OPEN_T + 3 * M)] }, nextPageToken: null },
    ]);
    const report = await h.fetchBarsReport(query);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ symbols: 'AAPL,MSFT', timeframe: '1Min', feed: 'iex', adjustment: 'raw', sort: 'asc', limit: 10_000 });
    expect(requests[0]?.start?.toISOString()).toBe('2024-06-12T14:00:00.000Z');
    expect(requests[0]?.end?.toISOString()).toBe('2024-06-12T14:02:59.999Z');
    expect(requests[1]?.pageToken).toBe('p2');
    expect(report.failed).toEqual([]);
    expect(report.bars.get('AAPL')?.map((b) => (b.t - OPEN_T) / M)).toEqual([0, 1, 2]);
    expect(report.bars.get('MSFT')?.map((b) => (b.t - OPEN_T) / M)).toEqual([1]); // the bar at `to` is outside [from, to)
    expect(report.bars.get('AAPL')?.[0]).toEqual({ symbol: 'AAPL', timeframe: '1Min', t: OPEN_T, open: 100, high: 101, low: 99, close: 100, volume: 10, vwap: 100, tradeCount: 2 });
  });

  it('stops on a repeated page token', async () => {
    const { h, requests } = history([
      { bars: { AAPL: [raw(OPEN_T)] }, nextPageToken: 'same' },
      { bars: { AAPL: [raw(OPEN_T + M)] }, nextPageToken: 'same' },
    ]);
    await h.fetchBars({ ...query, symbols: ['AAPL'] });
    expect(requests).toHaveLength(2);
  });

  it('retries a page 3 times 2 s apart, then succeeds', async () => {
    const { h, requests, sleeps } = history([apiError(503), new errors.FetchError(new Error('ECONNRESET')), apiError(500), { bars: { AAPL: [raw(OPEN_T)] }, nextPageToken: null }]);
    const report = await h.fetchBarsReport({ ...query, symbols: ['AAPL'] });
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(report.bars.get('AAPL')).toHaveLength(1);
  });

  it('after 1 + 3 failed attempts the symbols are reported failed, with no partial bars', async () => {
    const { h, requests, logger } = history([{ bars: { AAPL: [raw(OPEN_T)] }, nextPageToken: 'p2' }, apiError(503), apiError(503), apiError(503), apiError(503)]);
    const report = await h.fetchBarsReport(query);
    expect(requests).toHaveLength(5);
    expect(report.bars.size).toBe(0);
    expect(report.failed).toEqual([
      { symbol: 'AAPL', reason: expect.stringContaining('HTTP 503') as string, attempts: 4 },
      { symbol: 'MSFT', reason: expect.stringContaining('HTTP 503') as string, attempts: 4 },
    ]);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(0); // the report leaves logging to the caller
  });

  it('fetchBars logs one WARNING per skipped symbol', async () => {
    const { h, logger } = history([apiError(503), apiError(503), apiError(503), apiError(503)]);
    const bars = await h.fetchBars({ ...query, symbols: ['AAPL'] });
    expect(bars.size).toBe(0);
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.fields['symbol'])).toEqual(['AAPL']);
  });

  it('a 429 waits its Retry-After when longer than 2 s', async () => {
    const limited = new errors.RateLimitError(new Response(null, { status: 429 }), 429, 42910000, 'rate limit exceeded', undefined, 7_000);
    const { h, sleeps } = history([limited, { bars: {}, nextPageToken: null }]);
    await h.fetchBarsReport(query);
    expect(sleeps).toEqual([7000]);
  });

  it('a definitive 4xx (403 SIP not permitted) is not retried', async () => {
    const { h, requests } = history([apiError(403)]);
    const report = await h.fetchBarsReport(query);
    expect(requests).toHaveLength(1);
    expect(report.failed.map((f) => [f.symbol, f.attempts])).toEqual([['AAPL', 1], ['MSFT', 1]]);
  });

  it('rejects an empty range naming both ends', async () => {
    const { h } = history([]);
    await expect(h.fetchBars({ ...query, to: query.from })).rejects.toThrow(/from \(\d+\) must be before to/);
  });
});
