import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { position, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { checkFailureBreaker } from './failure-breaker.js';

describe('failure breaker rule', () => {
  it('passes while the breaker is not tripped', () => {
    expect(checkFailureBreaker(testContext())).toBeUndefined();
  });

  it('denies BREAKER_TRIPPED with the recorded reason', () => {
    const denial = checkFailureBreaker(testContext({ facts: { breaker: { tripped: true, reason: '5 consecutive order failures' } } }));
    expect(denial?.code).toBe('BREAKER_TRIPPED');
    expect(denial?.reason).toContain('5 consecutive order failures');
    expect(denial?.reason).toContain('breaker reset');
  });

  it('blocks exits while tripped (trading halts)', () => {
    const facts = testFacts({ breaker: { tripped: true, reason: 'x' }, openPositions: [position('AAPL', 'long', 10, 10)] });
    const decision = evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts });
    expect(decision.approved).toBe(false);
    if (!decision.approved) expect(decision.denial.code).toBe('BREAKER_TRIPPED');
  });
});
