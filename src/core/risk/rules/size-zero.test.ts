import { describe, expect, it } from 'vitest';
import { account, testContext, testSignal } from '../risk-test-kit.js';
import { sizedOrderOf } from './order-rule-kit.js';
import { checkSizeZero } from './size-zero.js';

describe('sizing rule (SIZE_ZERO)', () => {
  it('allows an entry that sizes to one share', () => {
    // 5 % of $200 = $10 buys exactly 1 share at $10
    const ctx = testContext({ facts: { account: account(200) } });
    expect(sizedOrderOf(ctx).sizedQty.toString()).toBe('1');
    expect(checkSizeZero(ctx, sizedOrderOf(ctx))).toBeUndefined();
  });

  it('denies SIZE_ZERO just below one share, with the sizing arithmetic', () => {
    const ctx = testContext({ facts: { account: account('199.99') } });
    const denial = checkSizeZero(ctx, sizedOrderOf(ctx));
    expect(denial?.code).toBe('SIZE_ZERO');
    expect(denial?.reason).toContain('pct_equity sizing gives 0 shares');
    expect(denial?.reason).toContain('equity $199.99 × 5.00% = $9.9995 / $10.00 = 0 shares');
  });

  it('denies when the size fraction scales the size below one share', () => {
    const ctx = testContext({ signal: testSignal('enter_long', { sizeFraction: 0.4 }), limits: { sizing_mode: 'fixed', fixed_qty: 2 } });
    const denial = checkSizeZero(ctx, sizedOrderOf(ctx));
    expect(denial?.reason).toContain('× size fraction 0.4 = 0.8');
  });
});
