import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { d, position, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { checkDailyLossLimit } from './daily-loss-limit.js';

describe('daily loss limit rule', () => {
  // 2 % of $25,000 start-of-day equity = -$500.00
  it('allows entries one cent above the limit', () => {
    expect(checkDailyLossLimit(testContext({ facts: { pnlToday: d('-499.99') } }))).toBeUndefined();
  });

  it('denies DAILY_LOSS_LIMIT once today\'s P&L reaches -2 % of start-of-day equity', () => {
    const denial = checkDailyLossLimit(testContext({ facts: { pnlToday: d('-500') } }));
    expect(denial?.code).toBe('DAILY_LOSS_LIMIT');
    expect(denial?.reason).toContain('-$500.00');
    expect(denial?.reason).toContain('$25,000.00');
    expect(denial?.reason).toContain('2.00%');
  });

  it('measures against the start-of-day equity, not current equity', () => {
    // Equity has already dropped to $24,600, but the limit stays 2 % of the $25,000 start: -$500.
    const facts = { startOfDayEquity: d(25000), account: { equity: d(24600), buyingPower: d(24600), cash: d(24600) }, pnlToday: d(-400) };
    expect(checkDailyLossLimit(testContext({ facts }))).toBeUndefined();
  });

  it('stops new entries but still approves exits and stop moves (open positions keep their stops)', () => {
    const facts = testFacts({ pnlToday: d(-800), openPositions: [position('AAPL', 'long', 100, 10)] });
    const entry = evaluateRisk({ signal: testSignal('enter_long', {}, { symbol: 'MSFT' }), limits: testLimits(), facts });
    expect(entry.approved).toBe(false);
    if (!entry.approved) expect(entry.denial.code).toBe('DAILY_LOSS_LIMIT');
    const exit = evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts });
    expect(exit.approved && exit.action === 'exit' ? exit.qty.toString() : 'denied').toBe('100');
    const move = evaluateRisk({ signal: testSignal('move_stop', { stop: 9.9 }), limits: testLimits(), facts });
    expect(move.approved && move.action === 'move_stop' ? move.stop.toString() : 'denied').toBe('9.9');
    expect(exit.state.state).toBe('reducing');
  });
});
