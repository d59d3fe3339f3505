// Replays real 1-minute bars from ../shared/data (never copied into the repo); skips when it is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { etDateTime } from '../../domain/calendar/index.js';
import type { ApiResult } from '../contracts.js';
import type { MultiBarsBody } from './bars-endpoint.js';
import { CsvBarSource } from './csv-bar-source.js';
import { MarketData } from './market-data.js';
import { MarketReplay } from './market-replay.js';
import { VirtualClock } from './virtual-clock.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/intraday-1min/', import.meta.url));
const IBKR_SPY = `${DATA}ibkr-2025-26/SPY_1min.csv`;
const POLYGON_SPY = `${DATA}polygon-like/SPY_1min_2024-02-20_2024-05-17.csv`;

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.status} ${result.error.message}`);
  return result.value;
}

function countAllPages(md: MarketData, query: Record<string, string>): { bars: number; pages: number } {
  let token: string | null = null;
  let bars = 0;
  let pages = 0;
  do {
    const page: MultiBarsBody = value(md.getBars(token === null ? query : { ...query, page_token: token }));
    bars += Object.values(page.bars).reduce((s, list) => s + list.length, 0);
    pages++;
    token = page.next_page_token;
  } while (token !== null && pages < 100);
  return { bars, pages };
}

describe.skipIf(!existsSync(IBKR_SPY))('real IBKR SPY 1-minute bars (naive US/Eastern)', () => {
  let source: CsvBarSource;
  beforeAll(() => {
    source = new CsvBarSource(IBKR_SPY, { symbol: 'SPY', tz: 'America/New_York' });
  });

  it('replays a full session minute by minute and serves it back over getBars', async () => {
    const day = '2025-10-01';
    expect(source.barsForSession('SPY', day)).toHaveLength(390);
    const clock = new VirtualClock({ start: etDateTime(day, '09:29'), speed: 'max' });
    const replay = new MarketReplay({ source, clock });
    let bars = 0;
    let lastDaily = 0;
    replay.onEvent((e) => {
      if (e.kind === 'bar') bars++;
      if (e.kind === 'dailyBar') lastDaily = e.bar.v;
    });
    await replay.runUntil(etDateTime(day, '16:00'));
    expect(bars).toBe(390);
    const md = new MarketData({ source, now: () => clock.now() });
    expect(countAllPages(md, { symbols: 'SPY', timeframe: '1Min', start: day, end: day, limit: '100' })).toEqual({ bars: 390, pages: 4 });
    expect(value(md.getSymbolBars('SPY', { timeframe: '5Min', start: day, end: day })).bars).toHaveLength(78);
    expect(value(md.getSymbolBars('SPY', { timeframe: '1Hour', start: day, end: day })).bars).toHaveLength(7);
    const daily = value(md.getSymbolBars('SPY', { timeframe: '1Day', start: day, end: day })).bars;
    expect(daily).toHaveLength(1);
    expect(daily[0]!.v).toBe(lastDaily);
    expect(daily[0]!.t).toBe('2025-10-01T04:00:00Z');
  });

  it('stops the session at the 13:00 early close (2025-11-28) while getBars still lists the later prints', async () => {
    const day = '2025-11-28';
    const clock = new VirtualClock({ start: etDateTime(day, '09:29'), speed: 'max' });
    const replay = new MarketReplay({ source, clock });
    const times: number[] = [];
    replay.onEvent((e) => { if (e.kind === 'bar') times.push(e.bar.t); });
    await replay.runUntil(etDateTime(day, '13:00'));
    expect(times).toHaveLength(210);
    expect(times[times.length - 1]).toBe(etDateTime(day, '12:59'));
    const md = new MarketData({ source, now: () => etDateTime('2025-12-01', '09:00') });
    expect(value(md.getSymbolBars('SPY', { timeframe: '1Min', start: day, end: day })).bars).toHaveLength(213);
    expect(value(md.getSymbolBars('SPY', { timeframe: '1Day', start: day, end: day })).bars[0]!.v)
      .toBe(source.barsForSession('SPY', day).filter((b) => b.t < etDateTime(day, '13:00')).reduce((s, b) => s + b.v, 0));
  });
});

describe.skipIf(!existsSync(POLYGON_SPY))('real Polygon-layout SPY bars with offsets and extended hours', () => {
  it('keeps pre/post-market minutes in minute bars and only the regular session in the daily bar', () => {
    const source = new CsvBarSource(POLYGON_SPY, { symbol: 'SPY' });
    const md = new MarketData({ source, now: () => Date.parse('2024-03-05T00:00:00Z') });
    const day = '2024-03-01';
    expect(countAllPages(md, { symbols: 'SPY', timeframe: '1Min', start: day, end: day, limit: '300' })).toEqual({ bars: 790, pages: 3 });
    const daily = value(md.getSymbolBars('SPY', { timeframe: '1Day', start: day, end: day })).bars[0]!;
    const regular = source.barsForSession('SPY', day).filter((b) => b.t >= etDateTime(day, '09:30') && b.t < etDateTime(day, '16:00'));
    expect(regular).toHaveLength(390);
    expect(daily).toMatchObject({ o: regular[0]!.o, c: regular[389]!.c, v: regular.reduce((s, b) => s + b.v, 0) });
  });
});
