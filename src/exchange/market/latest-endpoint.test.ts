import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { etDateTime } from '../../domain/calendar/index.js';
import type { ApiResult } from '../contracts.js';
import { MarketData } from './market-data.js';
import { SyntheticMarket } from './synthetic-market.js';
import { wireBar } from './wire.js';

const FIXTURES = fileURLToPath(new URL('../../../../shared/alpaca/fixtures/rest/', import.meta.url));
const fixture = (name: string): unknown => JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8'));
const sortedKeys = (o: unknown): string[] => Object.keys(o as object).sort();

const source = new SyntheticMarket({ seed: 8, symbols: ['AAPL', 'TSLA'] });
const DAY = '2025-03-05';
const et = (hhmm: string, date = DAY): number => etDateTime(date, hhmm);

function value<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.status} ${result.error.message}`);
  return result.value;
}

describe('latest bars, trades, quotes', () => {
  const now = et('10:15') + 20_000;
  const md = new MarketData({ source, now: () => now });

  it('returns the last completed minute bar, and the trade/quote that opened the current minute', () => {
    const bars = value(md.latestBars({ symbols: 'AAPL,TSLA,NOPE' })).bars;
    expect(Object.keys(bars)).toEqual(['AAPL', 'TSLA']);
    expect(bars.AAPL).toEqual(wireBar(source.barAt('AAPL', et('10:14'))!));
    const current = source.barAt('AAPL', et('10:15'))!;
    const trade = value(md.latestTrades({ symbols: 'AAPL' })).trades.AAPL!;
    expect(trade).toMatchObject({ p: current.o, t: '2025-03-05T15:15:00Z', x: 'Q', z: 'C' });
    const quote = value(md.latestQuotes({ symbols: 'AAPL', feed: 'iex' })).quotes.AAPL!;
    expect(quote.bp).toBeLessThanOrEqual(current.o);
    expect(quote.ap).toBeGreaterThanOrEqual(current.o);
    expect(Math.round((quote.ap - quote.bp) * 100)).toBeGreaterThanOrEqual(1);
    expect(Math.round((quote.ap - quote.bp) * 100)).toBeLessThanOrEqual(2);
    expect(quote).toMatchObject({ ax: 'V', bx: 'V' });
  });

  it('serves the single-symbol forms, and 404 for a symbol without data', () => {
    expect(value(md.latestBar('TSLA'))).toEqual({ symbol: 'TSLA', bar: wireBar(source.barAt('TSLA', et('10:14'))!) });
    expect(value(md.latestTrade('TSLA')).symbol).toBe('TSLA');
    expect(value(md.latestQuote('TSLA')).quote.t).toBe('2025-03-05T15:15:00Z');
    const missing = md.latestBar('NOPE');
    expect(missing.ok ? undefined : missing.error).toMatchObject({ status: 404, code: 40410000 });
  });

  it('answers delayed_sip as of 15 minutes ago and refuses sip when imitating a free plan', () => {
    expect(value(md.latestBars({ symbols: 'AAPL', feed: 'delayed_sip' })).bars.AAPL!.t).toBe('2025-03-05T14:59:00Z');
    const restricted = new MarketData({ source, now: () => now, sipRecentRestricted: true });
    const refused = restricted.latestTrades({ symbols: 'AAPL', feed: 'sip' });
    expect(refused.ok ? undefined : refused.error).toMatchObject({ status: 403 });
    expect(restricted.latestTrades({ symbols: 'AAPL' }).ok).toBe(true);
  });

  it('builds snapshots with the running daily bar and the previous session, un-wrapped by symbol', () => {
    const snaps = value(md.snapshots({ symbols: 'AAPL,TSLA' }));
    expect(Object.keys(snaps)).toEqual(['AAPL', 'TSLA']);
    const snap = snaps.AAPL!;
    expect(Object.keys(snap).sort()).toEqual(['dailyBar', 'latestQuote', 'latestTrade', 'minuteBar', 'prevDailyBar']);
    const today = source.barsBetween('AAPL', et('09:30'), et('10:14'));
    expect(snap.dailyBar).toMatchObject({ t: '2025-03-05T05:00:00Z', o: today[0]!.o, c: today[today.length - 1]!.c, v: today.reduce((s, b) => s + b.v, 0) });
    const yesterday = source.barsForSession('AAPL', '2025-03-04');
    expect(snap.prevDailyBar).toMatchObject({ t: '2025-03-04T05:00:00Z', c: yesterday[389]!.c });
    expect(snap.minuteBar?.t).toBe('2025-03-05T15:14:00Z');
    expect(value(md.snapshot('TSLA'))).toMatchObject({ symbol: 'TSLA', minuteBar: { t: '2025-03-05T15:14:00Z' } });
  });

  it('before the open, snapshots show the last full session and the one before', () => {
    const early = new MarketData({ source, now: () => et('08:00', '2025-03-10') });
    const snap = value(early.snapshots({ symbols: 'AAPL' })).AAPL!;
    expect(snap.dailyBar?.t).toBe('2025-03-07T05:00:00Z');
    expect(snap.prevDailyBar?.t).toBe('2025-03-06T05:00:00Z');
    expect(snap.minuteBar?.t).toBe('2025-03-07T20:59:00Z');
  });

  it.skipIf(!existsSync(FIXTURES))('matches the keys of the recorded Alpaca payloads', () => {
    const bars = value(md.latestBars({ symbols: 'AAPL,TSLA' }));
    const recordedBars = fixture('latest_bars.json') as { bars: Record<string, object> };
    expect(sortedKeys(bars)).toEqual(sortedKeys(recordedBars));
    expect(sortedKeys(bars.bars.AAPL)).toEqual(sortedKeys(recordedBars.bars.AAPL));
    const quotes = fixture('latest_quotes.json') as { quotes: Record<string, object> };
    expect(sortedKeys(value(md.latestQuotes({ symbols: 'AAPL' })).quotes.AAPL)).toEqual(sortedKeys(quotes.quotes.AAPL));
    const trades = fixture('latest_trades.json') as { trades: Record<string, object> };
    expect(sortedKeys(value(md.latestTrades({ symbols: 'AAPL' })).trades.AAPL)).toEqual(sortedKeys(trades.trades.AAPL));
    expect(sortedKeys(value(md.latestBar('AAPL')))).toEqual(sortedKeys(fixture('latest_bar_single.json')));
    const page = fixture('bars_single_page.json') as { bars: object[] };
    const ours = value(md.getSymbolBars('AAPL', { timeframe: '1Min' }));
    expect(sortedKeys(ours)).toEqual(sortedKeys(page));
    expect(sortedKeys(ours.bars[0])).toEqual(sortedKeys(page.bars[0]));
    const multi = fixture('bars_multi_page.json');
    expect(sortedKeys(value(md.getBars({ symbols: 'AAPL', timeframe: '1Min' })))).toEqual(sortedKeys(multi));
  });
});
