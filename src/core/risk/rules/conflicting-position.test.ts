import { describe, expect, it } from 'vitest';
import { d, position, testContext, testSignal } from '../risk-test-kit.js';
import { checkConflictingPosition } from './conflicting-position.js';

describe('conflicting position rule', () => {
  it('allows an entry on the side already held', () => {
    expect(checkConflictingPosition(testContext({ facts: { openPositions: [position('AAPL', 'long', 5, 10)] } }))).toBeUndefined();
  });

  it('denies CONFLICTING_POSITION for a short entry against a long position, naming side and quantity', () => {
    const ctx = testContext({ signal: testSignal('enter_short'), facts: { openPositions: [position('AAPL', 'long', 5, 10)] } });
    const denial = checkConflictingPosition(ctx);
    expect(denial?.code).toBe('CONFLICTING_POSITION');
    expect(denial?.reason).toContain('long position or entry of 5 shares');
  });

  it('counts a working entry on the other side', () => {
    const pendingEntries = [{ symbol: 'AAPL', side: 'short' as const, qty: d(3), notional: d(30) }];
    expect(checkConflictingPosition(testContext({ facts: { pendingEntries } }))?.code).toBe('CONFLICTING_POSITION');
  });
});
