import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { position, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { checkKillSwitch } from './kill-switch.js';

describe('kill switch rule', () => {
  it('passes while the switch is off', () => {
    expect(checkKillSwitch(testContext())).toBeUndefined();
  });

  it('denies KILL_SWITCH_ON with the reason when on', () => {
    const denial = checkKillSwitch(testContext({ facts: { killSwitch: { on: true, reason: 'file DATA_DIR/.kill_switch' } } }));
    expect(denial?.code).toBe('KILL_SWITCH_ON');
    expect(denial?.reason).toContain('file DATA_DIR/.kill_switch');
    expect(denial?.context).toEqual({ reason: 'file DATA_DIR/.kill_switch' });
  });

  it('blocks exits and stop moves too (no new orders of any kind)', () => {
    const facts = testFacts({ killSwitch: { on: true, reason: 'KILL_SWITCH=true' }, openPositions: [position('AAPL', 'long', 10, 10)] });
    for (const action of ['exit', 'move_stop'] as const) {
      const decision = evaluateRisk({ signal: testSignal(action, { stop: 9.8 }), limits: testLimits(), facts });
      expect(decision.approved).toBe(false);
      if (!decision.approved) expect(decision.denial.code).toBe('KILL_SWITCH_ON');
    }
  });
});
