import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandGrid, gridSize, MAX_SWEEP_COMBINATIONS, parseSweep, SweepGridError } from './sweep-grid.js';

const valuesOf = (text: string): unknown[][] => parseSweep(text).params.map((p) => [...p.values]);

describe('parseSweep', () => {
  it('parses ranges with an inclusive stop, in the order written', () => {
    const grid = parseSweep('fast=5:20:5,slow=20:60:10');
    expect(grid.params.map((p) => p.name)).toEqual(['fast', 'slow']);
    expect(valuesOf('fast=5:20:5,slow=20:60:10')).toEqual([[5, 10, 15, 20], [20, 30, 40, 50, 60]]);
    expect(gridSize(grid)).toBe(20);
  });

  it('stops at the last step that does not pass stop', () => {
    expect(valuesOf('n=1:10:4')).toEqual([[1, 5, 9]]);
    expect(valuesOf('n=7:7:1')).toEqual([[7]]);
    expect(valuesOf('n=-3:1:2')).toEqual([[-3, -1, 1]]);
  });

  it('computes decimal ranges without float drift', () => {
    expect(valuesOf('x=0.1:0.3:0.1')).toEqual([[0.1, 0.2, 0.3]]);
    expect(valuesOf('x=0:1:0.1')[0]).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(valuesOf('x=1.5:2:0.25')).toEqual([[1.5, 1.75, 2]]);
    expect(valuesOf('x=0.01:0.05:0.02')).toEqual([[0.01, 0.03, 0.05]]);
  });

  it('every range value equals the decimal written out (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 4 }), (start, span, step, dp) => {
      const scale = 10 ** dp;
      const dec = (units: number): string => (units < 0 ? '-' : '') + (dp === 0 ? String(Math.abs(units)) : (Math.abs(units) / scale).toFixed(dp));
      const values = valuesOf(`x=${dec(start)}:${dec(start + span)}:${dec(step)}`)[0] ?? [];
      expect(values).toHaveLength(Math.floor(span / step) + 1);
      values.forEach((v, i) => { expect(v).toBe(Number(dec(start + i * step))); });
    }));
  });

  it('parses lists of numbers, booleans and words, trimming spaces', () => {
    expect(valuesOf('mode=ema|sma, n=3|1.5|-2, on=true|false')).toEqual([['ema', 'sma'], [3, 1.5, -2], [true, false]]);
    expect(valuesOf('fast=10')).toEqual([[10]]);
  });

  it.each([
    ['', /is empty/],
    ['fast', /no "=".*allowed forms/],
    ['fast=', /no values after fast=/],
    ['=5:10:1', /parameter name ""/],
    ['1x=5', /parameter name "1x"/],
    ['fast=5:20', /"5:20" is a range with 1 colon.*start:stop:step/],
    ['fast=5:20:0', /"fast=5:20:0".*step 0 must be > 0/],
    ['fast=5:20:-1', /step -1 must be > 0/],
    ['fast=20:5:5', /start 20 is above stop 5: start must be ≤ stop/],
    ['fast=a:20:5', /start "a" is not a number/],
    ['fast=5:20:x', /step "x" is not a number/],
    ['fast=5|5', /"fast=5\|5".*value 5 is listed twice/],
    ['fast=5||6', /empty item/],
    ['fast=5|1:3:1', /mixes a range into a list/],
    ['fast=5,,slow=6', /empty part/],
    ['fast=5,fast=6', /names the parameter fast twice/],
    ['x=0:1:0.00000000001', /11 decimals: at most 10/],
    ['x=0:100000:1', /100001 values: at most 10000/],
    ['a=1:100:1,b=1:101:1', /10100 combinations \(a: 100 × b: 101\): at most 10000/],
  ])('rejects %j with a clear error', (text, message) => {
    expect(() => parseSweep(text)).toThrow(SweepGridError);
    expect(() => parseSweep(text)).toThrow(message);
  });

  it('accepts exactly the maximum number of combinations', () => {
    expect(gridSize(parseSweep('a=1:100:1,b=1:100:1'))).toBe(MAX_SWEEP_COMBINATIONS);
  });
});

describe('expandGrid', () => {
  it('is the cartesian product, first parameter slowest', () => {
    expect(expandGrid(parseSweep('fast=5:10:5,slow=20|30,mode=a|b'))).toEqual([
      { fast: 5, slow: 20, mode: 'a' }, { fast: 5, slow: 20, mode: 'b' }, { fast: 5, slow: 30, mode: 'a' }, { fast: 5, slow: 30, mode: 'b' },
      { fast: 10, slow: 20, mode: 'a' }, { fast: 10, slow: 20, mode: 'b' }, { fast: 10, slow: 30, mode: 'a' }, { fast: 10, slow: 30, mode: 'b' },
    ]);
  });

  it('has gridSize distinct sets for any grid (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (counts) => {
      const text = counts.map((n, i) => `p${i}=1:${n}:1`).join(',');
      const sets = expandGrid(parseSweep(text));
      expect(sets).toHaveLength(counts.reduce((a, b) => a * b, 1));
      expect(new Set(sets.map((s) => JSON.stringify(s))).size).toBe(sets.length);
    }));
  });

  it('checks a hand-built grid too', () => {
    expect(() => expandGrid({ params: [] })).toThrow(/is empty/);
    expect(() => expandGrid({ params: [{ name: 'a', values: [], source: 'a=' }] })).toThrow(/parameter a has no values/);
    expect(() => expandGrid({ params: [{ name: 'a', values: [1], source: '' }, { name: 'a', values: [2], source: '' }] })).toThrow(/names the parameter a twice/);
  });
});
