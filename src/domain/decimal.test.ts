import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, DecimalError, dec } from './decimal.js';

describe('Decimal (exact ledger arithmetic, SPEC S9)', () => {
  it('adds without binary float drift', () => {
    expect(dec('0.1').plus('0.2').toString()).toBe('0.3');
    expect(Decimal.sum(Array.from({ length: 10 }, () => dec('0.1'))).toString()).toBe('1');
    expect(dec('100.0001').times(3).toString()).toBe('300.0003');
  });

  it('parses decimal strings and safe integers, rejects floats, NaN and garbage with the value named', () => {
    expect(dec(' 12.50 ').toString()).toBe('12.5');
    expect(dec('1e-4').toString()).toBe('0.0001');
    expect(dec(42).toString()).toBe('42');
    expect(dec(10n).toString()).toBe('10');
    expect(() => dec(0.1)).toThrow(DecimalError);
    expect(() => dec(Number.NaN)).toThrow(/not an exact decimal/);
    expect(() => dec('12,5')).toThrow(/"12,5"/);
    expect(() => dec('')).toThrow(DecimalError);
    expect(Decimal.tryOf('abc')).toBeUndefined();
  });

  it('converts floats only with explicit places, rounding half-even', () => {
    expect(Decimal.fromNumber(178.215, 2).toString()).toBe('178.22');
    expect(Decimal.fromNumber(0.125, 2).toString()).toBe('0.12');
    expect(Decimal.fromNumber(0.135, 2).toString()).toBe('0.14');
    expect(() => Decimal.fromNumber(Infinity, 2)).toThrow(/finite/);
  });

  it('divides to 12 places and refuses division by zero', () => {
    expect(dec(1).div(3).toString()).toBe('0.333333333333');
    expect(dec(250).div('0.5').toString()).toBe('500');
    expect(() => dec(1).div(0)).toThrow(/division by zero/);
  });

  it('floors toward zero for share counts, rounds half-even for display', () => {
    expect(dec('500.9999').floor().toString()).toBe('500');
    expect(dec('-1.5').floor().toString()).toBe('-1');
    expect(dec('2.5').round().toString()).toBe('2');
    expect(dec('3.5').round().toString()).toBe('4');
    expect(dec('1.005').toFixed(2)).toBe('1.00');
  });

  it('compares and reports sign, integrality and places', () => {
    expect(dec('1.10').eq('1.1')).toBe(true);
    expect(dec('2').gt('1.999')).toBe(true);
    expect(dec('-0.01').isNegative()).toBe(true);
    expect(dec('3.000').isInteger()).toBe(true);
    expect(dec('3.0001').decimalPlaces()).toBe(4);
    expect(Decimal.max(dec(1), dec(2)).toString()).toBe('2');
    expect(JSON.stringify({ p: dec('1.50') })).toBe('{"p":"1.5"}');
  });

  it('never uses exponent notation in its string form', () => {
    expect(dec('1e21').toString()).toBe('1000000000000000000000');
    expect(dec('1e-9').toString()).toBe('0.000000001');
  });

  it('addition is exact: (a + b) − b = a for 4-decimal prices (property)', () => {
    const price = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((n) => dec(n).div(10_000));
    fc.assert(
      fc.property(price, price, (a, b) => {
        expect(a.plus(b).minus(b).eq(a)).toBe(true);
        expect(a.plus(b).eq(b.plus(a))).toBe(true);
      }),
    );
  });
});
