import { describe, expect, it } from 'vitest';
import { dec } from './decimal.js';

describe('Decimal in vitest equality (global tester in test/support/vitest-setup.ts)', () => {
  it('compares by value, so object comparisons containing Decimals mean something', () => {
    expect(dec('1.50')).toEqual(dec('1.5'));
    expect(dec('1')).not.toEqual(dec('2'));
    expect({ qty: dec('3'), price: dec('10.25') }).toEqual({ qty: dec('3'), price: dec('10.250') });
    expect({ qty: dec('3') }).not.toEqual({ qty: dec('4') });
    expect([dec('1')]).not.toStrictEqual([dec('2')]);
  });
});
