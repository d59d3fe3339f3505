import { describe, expect, it } from 'vitest';
import { position, testContext } from '../risk-test-kit.js';
import { sizedOrderOf } from './order-rule-kit.js';
import { checkPositionCap } from './position-cap.js';

describe('position cap rule', () => {
  it('reduces the size to fit the room left in the symbol', () => {
    // cap 5 % of $25,000 = $1,250; $1,000 already in AAPL leaves $250 = 25 shares at $10
    const ctx = testContext({ limits: { sizing_mode: 'fixed', fixed_qty: 100 }, facts: { openPositions: [position('AAPL', 'long', 100, 10)] } });
    const order = sizedOrderOf(ctx);
    expect(order.qty.toString()).toBe('25');
    expect(checkPositionCap(ctx, order)).toBeUndefined();
  });

  it('allows exactly one share of room', () => {
    const ctx = testContext({ facts: { openPositions: [position('AAPL', 'long', 124, 10)] } });
    expect(sizedOrderOf(ctx).qty.toString()).toBe('1');
  });

  it('denies POSITION_CAP when the symbol already fills the cap, naming cap, existing and room', () => {
    const ctx = testContext({ facts: { openPositions: [position('AAPL', 'long', '124.5', 10)] } });
    const denial = checkPositionCap(ctx, sizedOrderOf(ctx));
    expect(denial?.code).toBe('POSITION_CAP');
    expect(denial?.reason).toContain('position cap $1,250.00 (5.00% of equity $25,000.00) minus $1,245.00 already in AAPL leaves $5.00');
  });
});
