// Proves the CSV reader: the documented layout, offsets vs naive + --tz, every bad row reported with its line
// number (nothing returned then), OHLC sanity, duplicates, timeframe inference, bar-end shifting, and the
// vendor layouts of ../shared/data (skipped when that folder is absent).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBarCsv } from './bar-csv-import.js';
import { parseStamp } from './csv-timestamp.js';

const HEADER = 'timestamp,open,high,low,close,volume';

describe('parseBarCsv', () => {
  it('reads the documented layout with offsets, sorted, 1Min inferred, optional columns', () => {
    const text = ['timestamp,open,high,low,close,volume,vwap,trade_count', '2024-01-02T09:31:00-05:00,10,11,9,10.5,100,10.2,7', '2024-01-02T14:30:00Z,10,10,10,10,0,,'].join('\n');
    const result = parseBarCsv(text, { symbol: 'spy' });
    expect(result.problems).toEqual([]);
    expect(result.timeframe).toBe('1Min');
    expect(result.bars).toEqual([
      { symbol: 'SPY', timeframe: '1Min', t: Date.parse('2024-01-02T14:30:00Z'), open: 10, high: 10, low: 10, close: 10, volume: 0 },
      { symbol: 'SPY', timeframe: '1Min', t: Date.parse('2024-01-02T14:31:00Z'), open: 10, high: 11, low: 9, close: 10.5, volume: 100, vwap: 10.2, tradeCount: 7 },
    ]);
  });

  it('naive timestamps need --tz, and then use it (DST-aware)', () => {
    const text = `${HEADER}\n2024-07-01 09:30:00,1,1,1,1,1\n2024-12-02 09:30,1,1,1,1,1\n`;
    const without = parseBarCsv(text, { symbol: 'SPY' });
    expect(without.bars).toEqual([]);
    expect(without.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(without.problems[0]?.message).toMatch(/no UTC offset: .*--tz/);
    const withTz = parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York', timeframe: '1Min' });
    expect(withTz.bars.map((b) => new Date(b.t).toISOString())).toEqual(['2024-07-01T13:30:00.000Z', '2024-12-02T14:30:00.000Z']);
  });

  it('lists every bad row with its line number and returns no bars', () => {
    const text = [HEADER, '2024-01-02T14:30:00Z,10,11,9,10,100', '2024-01-02T14:31:00Z,10,9,11,10,100', 'yesterday,1,1,1,1,1', '2024-01-02T14:33:00Z,abc,1,1,1,1',
      '2024-01-02T14:34:00Z,1,1,1,1', '2024-01-02T14:30:00Z,10,11,9,10,100', '2024-01-02T14:35:00Z,10,11,9,10,-5'].join('\n');
    const result = parseBarCsv(text, { symbol: 'SPY', timeframe: '1Min' });
    expect(result.bars).toEqual([]);
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const byLine = new Map(result.problems.map((p) => [p.line, p.message]));
    expect(byLine.get(3)).toMatch(/high 9 is below/);
    expect(byLine.get(4)).toMatch(/timestamp "yesterday" is not a recognised format/);
    expect(byLine.get(5)).toMatch(/open "abc" is not a number/);
    expect(byLine.get(6)).toMatch(/expected 6 fields like the header, got 5/);
    expect(byLine.get(7)).toMatch(/duplicate timestamp for SPY \(same as line 2\)/);
    expect(byLine.get(8)).toMatch(/volume -5 is negative/);
  });

  it('header problems name the missing columns; a missing symbol asks for --symbol', () => {
    expect(parseBarCsv('time,open,close\n').problems.map((p) => p.message).join()).toMatch(/missing column\(s\) high, low, volume/);
    expect(parseBarCsv('open,high,low,close,volume\n').problems[0]?.message).toMatch(/no timestamp column/);
    expect(parseBarCsv('').problems[0]?.message).toMatch(/header line is required/);
    expect(parseBarCsv(`${HEADER}\n2024-01-02T14:30:00Z,1,1,1,1,1`).problems[0]?.message).toMatch(/pass --symbol/);
    expect(parseBarCsv(`${HEADER}\n2024-01-02T14:30:00Z,1,1,1,1,1`, { symbol: 'not a ticker' }).problems[0]?.message).toMatch(/not a ticker/i);
  });

  it('a symbol column allows several symbols in one file', () => {
    const text = `symbol,${HEADER}\nMSFT,2024-01-02T14:30:00Z,1,1,1,1,1\nAAPL,2024-01-02T14:30:00Z,2,2,2,2,2\nAAPL,2024-01-02T14:35:00Z,2,2,2,2,2`;
    const result = parseBarCsv(text);
    expect(result.timeframe).toBe('5Min');
    expect(result.bars.map((b) => b.symbol)).toEqual(['AAPL', 'AAPL', 'MSFT']);
  });

  it('dates alone are daily bars at midnight New York; Adj Close is ignored and said so', () => {
    const result = parseBarCsv('Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,1,2,1.9,10\n2024-01-03,2,3,2,3,2.9,10', { symbol: 'AAPL' });
    expect(result.timeframe).toBe('1Day');
    expect(result.bars[0]?.t).toBe(Date.parse('2024-01-02T05:00:00Z'));
    expect(result.warnings).toEqual(['ignored column(s): Adj Close']);
  });

  it('--bar-end shifts end stamps back one bar; without it a hint is given', () => {
    const text = `${HEADER}\n2019-02-15 16:00:00,1,1,1,1,1\n2019-02-15 15:59:00,1,1,1,1,1`;
    const hinted = parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York' });
    expect(hinted.warnings.join()).toMatch(/bar END times.*--bar-end/);
    const shifted = parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York', barEnd: true });
    expect(shifted.bars.map((b) => new Date(b.t).toISOString())).toEqual(['2019-02-15T20:58:00.000Z', '2019-02-15T20:59:00.000Z']);
  });

  it('an uninferable spacing asks for --timeframe', () => {
    const result = parseBarCsv(`${HEADER}\n2024-01-02T14:30:00Z,1,1,1,1,1\n2024-01-02T14:33:00Z,1,1,1,1,1`, { symbol: 'SPY' });
    expect(result.problems[0]?.message).toMatch(/3 minutes apart; pass --timeframe/);
  });
});

describe('parseStamp', () => {
  it('refuses a local time skipped by daylight saving', () => {
    expect(parseStamp('2024-03-10 02:30:00', 'America/New_York')).toMatchObject({ ok: false, error: expect.stringMatching(/does not exist/) as string });
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(parseStamp('1704205800', undefined)).toEqual({ ok: true, t: 1704205800000, dateOnly: false });
    expect(parseStamp('1704205800000', undefined)).toEqual({ ok: true, t: 1704205800000, dateOnly: false });
  });
});

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');

describe.skipIf(!existsSync(SHARED))('real vendor layouts from ../shared/data', () => {
  /** The first `lines` lines (enough to see the layout; whole files take seconds on a loaded machine). */
  const read = (path: string, lines = 8000): string => readFileSync(resolve(SHARED, path), 'utf8').split('\n').slice(0, lines).join('\n');

  it('IBKR 1-min (naive ET, datetime column)', () => {
    const r = parseBarCsv(read('intraday-1min/ibkr-2025-26/SPY_1min.csv'), { symbol: 'SPY', tz: 'America/New_York' });
    expect(r.problems.slice(0, 3)).toEqual([]);
    expect(r.timeframe).toBe('1Min');
    expect(r.bars.length).toBe(r.dataRows);
    expect(new Date(r.bars[0]!.t).toISOString()).toBe('2025-09-15T13:30:00.000Z');
  });

  it('IBKR 5-min is inferred as 5Min', () => {
    expect(parseBarCsv(read('intraday-5min/ibkr-2025-26/AAPL_5min.csv'), { symbol: 'AAPL', tz: 'America/New_York' }).timeframe).toBe('5Min');
  });

  it('Polygon-like with offsets, vwap and transactions', () => {
    const r = parseBarCsv(read('intraday-1min/polygon-like/SPY_1min_2024-02-20_2024-05-17.csv'), { symbol: 'SPY' });
    expect(r.problems.slice(0, 3)).toEqual([]);
    expect(r.bars[0]).toMatchObject({ t: Date.parse('2024-02-20T09:00:00Z'), vwap: 498.3398, tradeCount: 72, volume: 3952 });
  });

  it('Polygon-like 2025 with a date column and capitalised names', () => {
    const r = parseBarCsv(read('intraday-1min/polygon-like/SPY_1min_2025-07-01_2025-07-30.csv'), { symbol: 'SPY', tz: 'America/New_York' });
    expect(r.problems.slice(0, 3)).toEqual([]);
    expect(r.bars.length).toBe(r.dataRows);
  });

  it('Alpha Vantage (newest first, bar end): sorted, hinted, shifted with --bar-end', () => {
    const text = read('intraday-1min/alphavantage-2019/SPY_1min.csv');
    expect(parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York' }).warnings.join()).toMatch(/--bar-end/);
    const r = parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York', barEnd: true });
    expect(r.problems.slice(0, 3)).toEqual([]);
    expect(new Date(r.bars[0]!.t).toISOString()).toBe('2019-02-11T14:30:00.000Z');
    expect(r.bars.at(-1)!.t).toBe(Date.parse('2019-02-15T20:59:00Z'));
  });

  it('Yahoo daily (Adj Close ignored); its two impossible rows (low above open) are found by line, nothing returned', () => {
    const r = parseBarCsv(read('daily/SPY_daily_2007-12-31_2017-12-29_yahoo.csv'), { symbol: 'SPY' });
    expect(r.timeframe).toBe('1Day');
    expect(r.dataRows).toBe(2519);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toEqual({ line: 1808, message: 'low 209.850006 is above open/close (open 209.419998, close 210.460007)' });
    expect(r.bars).toEqual([]);
    const aapl = parseBarCsv(read('daily/AAPL_daily_2004-08-19_2018-01-19_yahoo.csv'), { symbol: 'AAPL' });
    expect(aapl.problems.slice(0, 3)).toEqual([]);
    expect(aapl.bars).toHaveLength(3379);
  });
});
