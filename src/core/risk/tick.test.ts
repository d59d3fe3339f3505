import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { roundToTick, tickSize } from './tick.js';
import { maxQtyWithin } from './units.js';

const d = (v: string) => Decimal.of(v);

describe('tick rounding', () => {
  it('uses cents at or above $1 and 4 places below', () => {
    expect(tickSize(d('1')).toString()).toBe('0.01');
    expect(tickSize(d('0.9999')).toString()).toBe('0.0001');
  });

  it('rounds down, up and to nearest', () => {
    expect(roundToTick(d('10.019'), 'down').toString()).toBe('10.01');
    expect(roundToTick(d('10.011'), 'up').toString()).toBe('10.02');
    expect(roundToTick(d('10.01'), 'up').toString()).toBe('10.01');
    expect(roundToTick(d('10.015'), 'nearest').toString()).toBe('10.02');
    expect(roundToTick(d('0.12345'), 'down').toString()).toBe('0.1234');
    expect(roundToTick(d('0.99995'), 'up').toString()).toBe('1');
  });
});

describe('maxQtyWithin', () => {
  it('never exceeds the budget, even when the quotient rounds up at the 12th place', () => {
    // 99.9999999999996 / 1 rounds to 100.000000000000 at 12 places; 100 shares would overspend, so it steps back.
    const budget = d('99.9999999999996');
    expect(maxQtyWithin(budget, d('1'), 0).toString()).toBe('99');
    expect(maxQtyWithin(d('10'), d('3'), 0).toString()).toBe('3');
    expect(maxQtyWithin(d('10'), d('3'), 4).toString()).toBe('3.3333');
    expect(maxQtyWithin(d('-1'), d('3'), 0).toString()).toBe('0');
  });
});
