import { describe, expect, it } from 'vitest';

import { etDateTime } from '../../domain/calendar/index.js';
import type { ApiResult, ExchangeBar } from '../contracts.js';
import type { MultiBarsBody } from './bars-endpoint.js';
import { MarketData } from './market-data.js';
import type { QueryInput } from './market-query.js';
import { SyntheticMarket } from './synthetic-market.js';
import { parseTimeframe } from './timeframe.js';
import type { WireBar } from './wire.js';

const DAY = '2025-03-05'; // EST (DST starts 2025-03-09)
const et = (hhmm: string, date = DAY): number => etDateTime(date, hhmm);
const iso = (t: number): string => new Date(t).toISOString();
const source = new SyntheticMarket({ seed: 42, symbols: ['AAA', 'BBB', 'CCC'] });

function market(now: number, sipRecentRestricted = false): MarketData {
  return new MarketData({ source, now: () => now, sipRecentRestricted });
}

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.status} ${result.error.message}`);
  return result.value;
}

function error<T>(result: ApiResult<T>): { status: number; code: number; message: string } {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const wire = (b: ExchangeBar): WireBar => ({ t: iso(b.t).replace('.000Z', 'Z'), o: b.o, h: b.h, l: b.l, c: b.c, v: b.v, n: b.n, vw: b.vw });

function allPages(md: MarketData, query: QueryInput): { pages: MultiBarsBody[]; tokens: (string | null)[] } {
  const pages: MultiBarsBody[] = [];
  const tokens: (string | null)[] = [];
  let token: string | null = null;
  do {
    const page: MultiBarsBody = value(md.getBars(token === null ? query : { ...query, page_token: token }));
    pages.push(page);
    tokens.push(page.next_page_token);
    token = page.next_page_token;
  } while (token !== null && pages.length < 50);
  return { pages, tokens };
}

describe('MarketData.getBars paging', () => {
  const md = market(et('12:00') + 30_000);
  const query = { symbols: 'CCC,AAA,BBB', timeframe: '1Min', start: iso(et('09:30')), end: iso(et('10:00')), limit: '40' };

  it('counts limit across symbols, sorts by symbol then time, and ends with a null token that never repeats', () => {
    const { pages, tokens } = allPages(md, query);
    expect(pages.map((p) => Object.fromEntries(Object.entries(p.bars).map(([s, bars]) => [s, bars.length])))).toEqual([
      { AAA: 31, BBB: 9 }, { BBB: 22, CCC: 18 }, { CCC: 13 },
    ]);
    expect(tokens[2]).toBeNull();
    expect(new Set(tokens.slice(0, 2)).size).toBe(2);
    expect(Buffer.from(tokens[0] ?? '', 'base64').toString()).toBe(`BBB|M|${iso(et('09:38')).slice(0, -1)}000000Z`);
    for (const symbol of ['AAA', 'BBB', 'CCC']) {
      const got = pages.flatMap((p) => p.bars[symbol] ?? []);
      expect(got).toEqual(source.barsBetween(symbol, et('09:30'), et('10:00')).map(wire));
    }
    expect(Object.keys(pages[0]!.bars.AAA![0]!)).toEqual(['t', 'o', 'h', 'l', 'c', 'v', 'n', 'vw']);
  });

  it('returns a null token when the page is exactly the last bars', () => {
    const page = value(md.getBars({ ...query, limit: '93' }));
    expect(Object.values(page.bars).flat()).toHaveLength(93);
    expect(page.next_page_token).toBeNull();
  });

  it('pages in descending time order with sort=desc', () => {
    const { pages } = allPages(md, { ...query, sort: 'desc', limit: '25' });
    expect(pages).toHaveLength(4);
    const aaa = pages.flatMap((p) => p.bars.AAA ?? []);
    expect(aaa.map((b) => b.t)).toEqual(source.barsBetween('AAA', et('09:30'), et('10:00')).map((b) => wire(b).t).reverse());
  });

  it('serves the single-symbol form with its own paging', () => {
    const first = value(md.getSymbolBars('BBB', { timeframe: '1T', start: iso(et('09:30')), end: iso(et('09:39')), limit: '6' }));
    expect(Object.keys(first)).toEqual(['bars', 'symbol', 'next_page_token']);
    expect(first.symbol).toBe('BBB');
    expect(first.bars).toHaveLength(6);
    const second = value(md.getSymbolBars('BBB', { timeframe: '1T', start: iso(et('09:30')), end: iso(et('09:39')), limit: '6', page_token: first.next_page_token ?? '' }));
    expect(second.bars.map((b) => b.t)).toEqual([et('09:36'), et('09:37'), et('09:38'), et('09:39')].map((t) => iso(t).replace('.000Z', 'Z')));
    expect(second.next_page_token).toBeNull();
    expect(value(md.getSymbolBars('ZZZ', { timeframe: '1Min' }))).toEqual({ bars: [], symbol: 'ZZZ', next_page_token: null });
  });
});

describe('MarketData.getBars time handling', () => {
  it('never returns a minute that has not ended at now (minute and aggregated bars)', () => {
    const md = market(et('11:58') + 30_000);
    const future = { timeframe: '1Min', start: DAY, end: '2025-03-07' };
    const bars = value(md.getSymbolBars('AAA', future)).bars;
    expect(bars[bars.length - 1]!.t).toBe(iso(et('11:57')).replace('.000Z', 'Z'));
    const fiveMin = value(md.getSymbolBars('AAA', { ...future, timeframe: '5Min' })).bars;
    const last = fiveMin[fiveMin.length - 1]!;
    const partial = source.barsBetween('AAA', et('11:55'), et('11:57'));
    expect(last).toMatchObject({ t: iso(et('11:55')).replace('.000Z', 'Z'), v: partial.reduce((s, b) => s + b.v, 0), c: partial[2]!.c });
    const daily = value(md.getSymbolBars('AAA', { ...future, timeframe: '1Day' })).bars;
    expect(daily).toHaveLength(1);
    expect(daily[0]!.v).toBe(source.barsBetween('AAA', et('09:30'), et('11:57')).reduce((s, b) => s + b.v, 0));
    expect(value(market(et('12:00')).getSymbolBars('AAA', future)).bars.at(-1)!.t).toBe(iso(et('11:59')).replace('.000Z', 'Z'));
    expect(value(market(et('12:00') - 1).getSymbolBars('AAA', future)).bars.at(-1)!.t).toBe(iso(et('11:58')).replace('.000Z', 'Z'));
  });

  it('aggregates 5Min aligned to the clock, 1Hour aligned to the hour, 1Day stamped at midnight New York', () => {
    const md = market(et('09:00', '2025-03-07'));
    const minutes = source.barsForSession('BBB', DAY);
    const five = value(md.getSymbolBars('BBB', { timeframe: '5Min', start: DAY, end: DAY })).bars;
    expect(five).toHaveLength(78);
    const second = minutes.slice(5, 10);
    expect(five[1]).toEqual({
      t: '2025-03-05T14:35:00Z', o: second[0]!.o, h: Math.max(...second.map((b) => b.h)), l: Math.min(...second.map((b) => b.l)),
      c: second[4]!.c, v: second.reduce((s, b) => s + b.v, 0), n: second.reduce((s, b) => s + b.n, 0),
      vw: Math.round((second.reduce((s, b) => s + b.vw * b.v, 0) / second.reduce((s, b) => s + b.v, 0)) * 10_000) / 10_000,
    });
    const hours = value(md.getSymbolBars('BBB', { timeframe: '1Hour', start: DAY, end: DAY })).bars;
    expect(hours.map((b) => b.t)).toEqual(['14', '15', '16', '17', '18', '19', '20'].map((h) => `2025-03-05T${h}:00:00Z`));
    expect(hours[0]!.v).toBe(minutes.slice(0, 30).reduce((s, b) => s + b.v, 0));
    const days = value(md.getBars({ symbols: 'BBB', timeframe: '1Day', start: '2025-03-05', end: '2025-03-06' })).bars.BBB!;
    expect(days.map((b) => b.t)).toEqual(['2025-03-05T05:00:00Z', '2025-03-06T05:00:00Z']);
    expect(days[0]).toMatchObject({ o: minutes[0]!.o, c: minutes[389]!.c, v: minutes.reduce((s, b) => s + b.v, 0) });
    const summer = value(market(et('09:00', '2025-07-09')).getSymbolBars('BBB', { timeframe: '1D', start: '2025-07-07', end: '2025-07-08' })).bars;
    expect(summer.map((b) => b.t)).toEqual(['2025-07-07T04:00:00Z', '2025-07-08T04:00:00Z']);
    const weeks = value(md.getSymbolBars('BBB', { timeframe: '1Week', start: '2025-02-24', end: '2025-03-06' })).bars;
    expect(weeks.map((b) => b.t)).toEqual(['2025-02-24T05:00:00Z', '2025-03-03T05:00:00Z']);
    const months = value(md.getSymbolBars('BBB', { timeframe: '3Month', start: '2025-01-01', end: '2025-03-06' })).bars;
    expect(months.map((b) => b.t)).toEqual(['2025-01-01T05:00:00Z']);
  });

  it('reads start/end as RFC-3339 with milliseconds or nanoseconds, offsets, or New York dates', () => {
    const md = market(et('16:00'));
    const count = (q: QueryInput): number => value(md.getSymbolBars('AAA', { timeframe: '1Min', ...q })).bars.length;
    expect(count({ start: '2025-03-05T14:30:00.000Z', end: '2025-03-05T14:34:00.000Z' })).toBe(5);
    expect(count({ start: '2025-03-05T14:30:00.000000001Z', end: '2025-03-05T14:34:00.999999999Z' })).toBe(4);
    expect(count({ start: '2025-03-05T09:30:00-05:00', end: '2025-03-05T09:31:00-05:00' })).toBe(2);
    expect(count({ start: '2025-03-05', end: '2025-03-05' })).toBe(390);
    expect(count({})).toBe(390); // default: start of today (New York) to now
  });

  it('rejects bad parameters with Alpaca-like errors naming the parameter', () => {
    const md = market(et('16:00'));
    const base = { symbols: 'AAA', timeframe: '1Min' };
    for (const timeframe of ['60Min', '24Hour', '2Day', '2Week', '5Month', '1min', '0T']) {
      expect(error(md.getBars({ ...base, timeframe }))).toMatchObject({ status: 422, code: 42210000, message: expect.stringContaining(`invalid timeframe: "${timeframe}"`) as string });
    }
    expect(error(md.getBars({ symbols: 'AAA' })).message).toMatch(/invalid timeframe: missing/);
    for (const limit of ['0', '10001', 'ten', '-1']) expect(error(md.getBars({ ...base, limit }))).toMatchObject({ status: 422, message: expect.stringContaining('invalid limit') as string });
    expect(error(md.getBars({ ...base, start: 'yesterday' }))).toMatchObject({ status: 422, code: 42210000, message: expect.stringContaining('invalid start: "yesterday"') as string });
    expect(error(md.getBars({ ...base, end: '2025-02-30' })).message).toContain('invalid end');
    expect(error(md.getBars({ ...base, start: '2025-03-05T14:30:00Z', end: '2025-03-05T14:00:00Z' })).message).toContain('end should not be before start');
    expect(error(md.getBars({ timeframe: '1Min' }))).toMatchObject({ status: 400, message: expect.stringContaining('missing symbols') as string });
    expect(error(md.getBars({ ...base, symbols: 'AAA,B B' })).message).toContain('invalid symbol: "B B"');
    expect(error(md.getBars({ ...base, page_token: 'bm9wZQ==' }))).toMatchObject({ status: 400, message: expect.stringContaining('invalid page_token') as string });
    expect(error(md.getBars({ ...base, sort: 'up' })).message).toContain('invalid sort: "up"');
    expect(error(md.getBars({ ...base, feed: 'nasdaq' })).message).toContain('invalid feed: "nasdaq"');
    expect(error(md.getBars({ ...base, adjustment: 'raw,bogus' })).message).toContain('invalid adjustment: "bogus"');
  });

  it('refuses recent SIP data only when configured to imitate a free plan', () => {
    const now = et('12:00');
    const recent = { symbols: 'AAA', timeframe: '1Min', start: iso(et('11:30')), end: iso(et('11:55')) };
    expect(value(market(now).getBars({ ...recent, feed: 'sip' })).bars.AAA).toHaveLength(26);
    const restricted = market(now, true);
    expect(error(restricted.getBars({ ...recent, feed: 'sip' }))).toMatchObject({ status: 403, message: 'subscription does not permit querying recent SIP data' });
    expect(value(restricted.getBars({ ...recent, feed: 'iex' })).bars.AAA).toHaveLength(26);
    expect(value(restricted.getBars({ ...recent })).bars.AAA).toHaveLength(26); // default feed is iex
    expect(value(restricted.getBars({ ...recent, feed: 'sip', end: iso(et('11:44')) })).bars.AAA).toHaveLength(15);
    expect(value(restricted.getBars({ symbols: 'AAA', timeframe: '1Min', start: iso(et('11:30')), feed: 'sip' })).bars.AAA!.at(-1)!.t).toBe(iso(et('11:45')).replace('.000Z', 'Z'));
  });
});

describe('parseTimeframe', () => {
  it('accepts exactly the forms of PROTOCOL §4.1', () => {
    expect(['1Min', '59T', '1Hour', '23H', '1Day', '1D', '1Week', '1W', '1Month', '12M', '3Month', '6M'].map(parseTimeframe)).not.toContain(undefined);
    expect(parseTimeframe('15Min')).toEqual({ amount: 15, unit: 'Min' });
    expect(['60Min', '24H', '2D', '2W', '5M', '7Month', '01Min', '1Sec', '', '1 Min'].map(parseTimeframe)).toEqual(Array.from({ length: 10 }, () => undefined));
  });
});
