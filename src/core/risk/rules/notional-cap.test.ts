import { describe, expect, it } from 'vitest';
import { testContext } from '../risk-test-kit.js';
import { checkNotionalCap } from './notional-cap.js';
import { sizedOrderOf } from './order-rule-kit.js';

describe('notional cap rule', () => {
  it('reduces the size to notional_max', () => {
    // pct_equity gives 125 shares ($1,250); notional_max $1,000 allows 100
    const ctx = testContext({ limits: { notional_max: 1000 } });
    const order = sizedOrderOf(ctx);
    expect(order.qty.toString()).toBe('100');
    expect(checkNotionalCap(ctx, order)).toBeUndefined();
  });

  it('allows exactly one share', () => {
    expect(sizedOrderOf(testContext({ limits: { notional_max: 10 } })).qty.toString()).toBe('1');
  });

  it('denies NOTIONAL_CAP when notional_max is below one share', () => {
    const ctx = testContext({ limits: { notional_max: 9.99 } });
    const denial = checkNotionalCap(ctx, sizedOrderOf(ctx));
    expect(denial?.code).toBe('NOTIONAL_CAP');
    expect(denial?.reason).toContain('notional_max $9.99 does not buy one share at $10.00');
  });
});
