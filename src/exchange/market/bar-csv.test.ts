import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ArrayBarSource } from './array-bar-source.js';
import { BarCsvError, parseBarCsv } from './bar-csv.js';
import { CsvBarSource } from './csv-bar-source.js';

const errorOf = (f: () => unknown): BarCsvError => {
  try {
    f();
  } catch (error) {
    if (error instanceof BarCsvError) return error;
    throw error;
  }
  throw new Error('expected a BarCsvError');
};

describe('parseBarCsv', () => {
  it('reads ISO timestamps with offsets, vwap and trade counts (Polygon layout)', () => {
    const text = [
      'datetime,open,high,low,close,volume,vwap,transactions',
      '2024-02-20 09:30:00-05:00,498.33,498.42,498.3,498.39,3952.0,498.3398,72',
      '2024-02-20T09:31:00Z,498.33,498.47,498.33,498.47,1863,498.3798,29',
    ].join('\n');
    const { bars, lines } = parseBarCsv(text, { symbol: 'SPY' });
    expect(bars).toEqual([
      { symbol: 'SPY', t: Date.parse('2024-02-20T14:30:00Z'), o: 498.33, h: 498.42, l: 498.3, c: 498.39, v: 3952, vw: 498.3398, n: 72 },
      { symbol: 'SPY', t: Date.parse('2024-02-20T09:31:00Z'), o: 498.33, h: 498.47, l: 498.33, c: 498.47, v: 1863, vw: 498.3798, n: 29 },
    ]);
    expect(lines).toEqual([2, 3]);
  });

  it('reads naive timestamps in the stated zone (DST-aware) and approximates a missing vwap', () => {
    const text = 'Date,Open,High,Low,Close,Volume\r\n2025-07-01 09:30:00,617.68,617.68,617.03,617.1,6873.0\r\n\r\n# a comment\r\n2025-01-02 09:30,1,2,0.5,1.5,10\r\n';
    const { bars } = parseBarCsv(text, { symbol: 'SPY', tz: 'America/New_York' });
    expect(bars.map((b) => b.t)).toEqual([Date.parse('2025-07-01T13:30:00Z'), Date.parse('2025-01-02T14:30:00Z')]);
    expect(bars[1]).toMatchObject({ vw: 1.3333, n: 0 });
  });

  it('reads a symbol column for several symbols, and end-stamped bars', () => {
    const text = 'symbol,timestamp,open,high,low,close,volume\nAAA,2025-03-03T14:31:00Z,1,1,1,1,5\nBBB,2025-03-03T14:31:00Z,2,2,2,2,5\n';
    const { bars } = parseBarCsv(text, { stamp: 'end' });
    expect(bars.map((b) => [b.symbol, b.t])).toEqual([['AAA', Date.parse('2025-03-03T14:30:00Z')], ['BBB', Date.parse('2025-03-03T14:30:00Z')]]);
  });

  it('reports every bad row with its line number, column and value', () => {
    const text = [
      'timestamp,open,high,low,close,volume',
      '2025-03-03T14:30:00Z,1,2,0.5,1.5,10',
      '2025-03-03T14:31:00Z,abc,2,0.5,1.5,10',
      '2025-03-03T14:32:00Z,1,0.9,0.5,1.5,10',
      'yesterday,1,2,0.5,1.5,10',
      '2025-03-03T14:34:00Z,1,2,0.5,,10',
      '2025-03-03T14:35:30Z,1,2,0.5,1.5,10',
      '2025-03-03T14:36:00Z,1,2,0.5,1.5,-3',
    ].join('\n');
    const error = errorOf(() => parseBarCsv(text, { symbol: 'SPY', name: 'x.csv' }));
    expect(error.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(error.message).toContain('x.csv: 6 bad rows');
    expect(error.message).toContain('line 3: open "abc" is not a number');
    expect(error.message).toMatch(/line 4: high 0.9 is below max\(open 1, close 1.5\)/);
    expect(error.message).toContain('line 5: timestamp "yesterday" is not ISO-8601');
    expect(error.message).toContain('line 6: close is empty');
    expect(error.message).toMatch(/line 7: .*not on a minute boundary/);
    expect(error.message).toMatch(/line 8: volume must be ≥ 0, got -3/);
  });

  it('demands a time zone for naive timestamps, a symbol, and the required columns', () => {
    expect(errorOf(() => parseBarCsv('datetime,open,high,low,close,volume\n2025-03-03 09:30:00,1,1,1,1,1', { symbol: 'A' })).message)
      .toMatch(/line 2: .*no UTC offset: state the file's time zone \(tz option/);
    expect(errorOf(() => parseBarCsv('datetime,open,high,low,close,volume\n2025-03-03T09:30:00Z,1,1,1,1,1')).message)
      .toMatch(/line 1: the file has no symbol column: name the symbol/);
    expect(errorOf(() => parseBarCsv('time,open,high,close\n', { symbol: 'A' })).message).toMatch(/line 1: .*lacks low, volume/);
    expect(errorOf(() => parseBarCsv('', { symbol: 'A' })).message).toMatch(/empty/);
    expect(() => parseBarCsv('t,o,h,l,c,v\n', { tz: 'Mars/Olympus' })).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('CsvBarSource and ArrayBarSource', () => {
  it('rejects duplicate (symbol, minute) rows naming both lines', () => {
    const text = 'timestamp,open,high,low,close,volume\n2025-03-03T14:30:00Z,1,1,1,1,1\n2025-03-03T14:30:00Z,1,1,1,1,2\n';
    expect(() => CsvBarSource.fromText(text, { symbol: 'SPY', name: 'dup.csv' })).toThrow(/duplicate bar for SPY at 2025-03-03T14:30:00.000Z: dup.csv line 2 and dup.csv line 3/);
  });

  it('reads a file and answers session, range and point queries in time order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-source-'));
    try {
      const file = join(dir, 'bars.csv');
      const rows = ['symbol,timestamp,open,high,low,close,volume'];
      // written newest first on purpose (Alpha Vantage order)
      for (const [sym, t] of [['BBB', '2025-03-04T14:30:00Z'], ['AAA', '2025-03-04T14:31:00Z'], ['AAA', '2025-03-04T14:30:00Z'], ['AAA', '2025-03-03T20:59:00Z']] as const) {
        rows.push(`${sym},${t},10,11,9,10.5,100`);
      }
      writeFileSync(file, rows.join('\n'));
      const source = new CsvBarSource(file);
      expect(source.source).toBe('csv');
      expect(source.label).toBe('bars.csv (AAA, BBB)');
      expect(source.symbols()).toEqual(['AAA', 'BBB']);
      expect(source.barsForSession('AAA', '2025-03-04').map((b) => b.t)).toEqual([Date.parse('2025-03-04T14:30:00Z'), Date.parse('2025-03-04T14:31:00Z')]);
      expect(source.barsForSession('AAA', '2025-03-03')).toHaveLength(1);
      expect(source.barsBetween('AAA', Date.parse('2025-03-03T21:00:00Z'), Date.parse('2025-03-04T14:30:00Z')).map((b) => b.t)).toEqual([Date.parse('2025-03-04T14:30:00Z')]);
      expect(source.barAt('AAA', Date.parse('2025-03-04T14:31:00Z'))?.v).toBe(100);
      expect(source.barAt('AAA', Date.parse('2025-03-04T14:32:00Z'))).toBeUndefined();
      expect(source.lastBarAtOrBefore('AAA', Date.parse('2025-03-04T14:29:59Z'))?.t).toBe(Date.parse('2025-03-03T20:59:00Z'));
      expect(source.lastBarAtOrBefore('AAA', Date.parse('2025-03-01T00:00:00Z'))).toBeUndefined();
      expect(source.firstTime()).toBe(Date.parse('2025-03-03T20:59:00Z'));
      expect(source.lastTime()).toBe(Date.parse('2025-03-04T14:31:00Z'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates bars handed in by the composition root', () => {
    const good = { symbol: 'A', t: Date.parse('2025-03-04T14:30:00Z'), o: 1, h: 1, l: 1, c: 1, v: 1, vw: 1, n: 1 };
    expect(new ArrayBarSource([good]).label).toBe('stored bars (1 symbol)');
    expect(() => new ArrayBarSource([good, { ...good, o: Number.NaN }])).toThrow(/bar #1 \(A\): o must be a finite number, got NaN/);
    expect(() => new ArrayBarSource([{ ...good, h: 0.5 }])).toThrow(/high 0.5 is below/);
    const empty = new ArrayBarSource([]);
    expect([empty.firstTime(), empty.lastTime(), empty.symbols()]).toEqual([undefined, undefined, []]);
  });
});
