import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { account, position, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { checkMaxDrawdown, drawdownBreached } from './max-drawdown.js';

describe('max drawdown rule', () => {
  // 10 % below a $25,000 peak: the floor is $22,500.00
  it('allows at one cent above the floor', () => {
    expect(checkMaxDrawdown(testContext({ facts: { account: account('22500.01') } }))).toBeUndefined();
  });

  it('denies MAX_DRAWDOWN at the floor, naming equity, peak, depth and limit', () => {
    const denial = checkMaxDrawdown(testContext({ facts: { account: account(22500) } }));
    expect(denial?.code).toBe('MAX_DRAWDOWN');
    expect(denial?.reason).toContain('$22,500.00');
    expect(denial?.reason).toContain('10.00% below the peak $25,000.00');
    expect(denial?.reason).toContain('manual reset');
  });

  it('stays halted after equity recovers while the halt is latched, until a person resets it', () => {
    const halted = { account: account(24000), drawdownHaltedAt: 1000 };
    expect(checkMaxDrawdown(testContext({ facts: halted }))?.context.latched).toBe(true);
    expect(checkMaxDrawdown(testContext({ facts: { ...halted, drawdownResetAt: 999 } }))?.code).toBe('MAX_DRAWDOWN');
    expect(checkMaxDrawdown(testContext({ facts: { ...halted, drawdownResetAt: 1000 } }))).toBeUndefined();
  });

  it('reports a breach for the runtime to latch', () => {
    const ctx = testContext({ facts: { account: account(20000) } });
    expect(drawdownBreached(ctx.facts, ctx.limits)).toBe(true);
  });

  it('lets exits through while halted by drawdown', () => {
    const facts = testFacts({ account: account(20000), openPositions: [position('AAPL', 'short', 10, 10)] });
    const exit = evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts });
    expect(exit.approved).toBe(true);
    expect(exit.state.state).toBe('halted');
    expect(exit.state.latchDrawdown).toBe(true);
  });
});
