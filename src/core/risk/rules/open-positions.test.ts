import { describe, expect, it } from 'vitest';
import { d, position, testContext } from '../risk-test-kit.js';
import { checkOpenPositions } from './open-positions.js';

const held = (...symbols: string[]) => symbols.map((s) => position(s, 'long', 1, 10));

describe('open positions rule', () => {
  it('allows a fifth symbol with four held', () => {
    expect(checkOpenPositions(testContext({ facts: { openPositions: held('A', 'B', 'C', 'D') } }))).toBeUndefined();
  });

  it('denies MAX_OPEN_POSITIONS with five held, naming the count, the limit and the symbols', () => {
    const denial = checkOpenPositions(testContext({ facts: { openPositions: held('A', 'B', 'C', 'D', 'E') } }));
    expect(denial?.code).toBe('MAX_OPEN_POSITIONS');
    expect(denial?.reason).toContain('5 positions open or pending (A, B, C, D, E)');
    expect(denial?.reason).toContain('max_open_positions 5');
  });

  it('counts working entries as positions', () => {
    const pendingEntries = [{ symbol: 'E', side: 'long' as const, qty: d(1), notional: d(10) }];
    expect(checkOpenPositions(testContext({ facts: { openPositions: held('A', 'B', 'C', 'D'), pendingEntries } }))?.code).toBe('MAX_OPEN_POSITIONS');
  });

  it('allows adding to a symbol already held (the position cap bounds it)', () => {
    expect(checkOpenPositions(testContext({ facts: { openPositions: held('A', 'B', 'C', 'D', 'AAPL') } }))).toBeUndefined();
  });
});
