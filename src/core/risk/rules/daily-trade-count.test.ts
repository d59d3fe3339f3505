import { describe, expect, it } from 'vitest';
import { evaluateRisk } from '../evaluate-risk.js';
import { position, testContext, testFacts, testLimits, testSignal } from '../risk-test-kit.js';
import { checkDailyTradeCount } from './daily-trade-count.js';

describe('daily trade count rule', () => {
  it('allows the last entry below the limit (19 of 20)', () => {
    expect(checkDailyTradeCount(testContext({ facts: { entriesToday: 19 } }))).toBeUndefined();
  });

  it('denies DAILY_TRADE_LIMIT at the limit, naming the count and the limit', () => {
    const denial = checkDailyTradeCount(testContext({ facts: { entriesToday: 20 } }));
    expect(denial?.code).toBe('DAILY_TRADE_LIMIT');
    expect(denial?.reason).toContain('20 entries today');
    expect(denial?.reason).toContain('max_trades_per_day 20');
  });

  it('follows the configured limit', () => {
    expect(checkDailyTradeCount(testContext({ limits: { max_trades_per_day: 3 }, facts: { entriesToday: 2 } }))).toBeUndefined();
    expect(checkDailyTradeCount(testContext({ limits: { max_trades_per_day: 3 }, facts: { entriesToday: 3 } }))?.code).toBe('DAILY_TRADE_LIMIT');
  });

  it('never limits an exit', () => {
    const facts = testFacts({ entriesToday: 500, openPositions: [position('AAPL', 'long', 5, 10)] });
    expect(evaluateRisk({ signal: testSignal('exit'), limits: testLimits(), facts }).approved).toBe(true);
  });
});
