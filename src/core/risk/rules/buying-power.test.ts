import { describe, expect, it } from 'vitest';
import { account, testContext } from '../risk-test-kit.js';
import { checkBuyingPower } from './buying-power.js';
import { sizedOrderOf } from './order-rule-kit.js';

// Defaults: pct_equity sizes 5 % of $25,000 = $1,250 → 125 shares at $10 = $1,250 cost; buffer 5 % = $1,250.
const check = (buyingPower: string) => {
  const ctx = testContext({ facts: { account: account(25000, buyingPower) } });
  return checkBuyingPower(ctx, sizedOrderOf(ctx));
};

describe('buying power and equity buffer rule', () => {
  it('allows a cost exactly equal to buying power minus the buffer', () => {
    expect(check('2500')).toBeUndefined();
  });

  it('denies EQUITY_BUFFER one cent beyond, naming cost, buying power and buffer', () => {
    const denial = check('2499.99');
    expect(denial?.code).toBe('EQUITY_BUFFER');
    expect(denial?.reason).toContain('order cost $1,250.00');
    expect(denial?.reason).toContain('buying power $2,499.99');
    expect(denial?.reason).toContain('equity buffer $1,250.00 (5.00% of equity $25,000.00) = $1,249.99');
  });

  it('denies INSUFFICIENT_BUYING_POWER when the cost exceeds buying power itself', () => {
    const denial = check('1249.99');
    expect(denial?.code).toBe('INSUFFICIENT_BUYING_POWER');
    expect(denial?.reason).toContain('$1,250.00 (125 × $10.00) exceeds buying power $1,249.99');
  });

  it('with a zero buffer, allows spending all buying power', () => {
    const ctx = testContext({ limits: { min_equity_buffer_pct: 0 }, facts: { account: account(25000, 1250) } });
    expect(checkBuyingPower(ctx, sizedOrderOf(ctx))).toBeUndefined();
  });
});
