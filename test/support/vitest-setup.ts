// Global test setup. Decimal keeps its value in a #private field, which vitest's structural equality cannot see:
// without this tester, `expect(dec('1')).toEqual(dec('2'))` would pass. Compare Decimals by value everywhere.
import { expect } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';

expect.addEqualityTesters([(a: unknown, b: unknown) => (a instanceof Decimal && b instanceof Decimal ? a.eq(b) : undefined)]);
