import { describe, expect, it } from 'vitest';
import { evaluateRisk } from './evaluate-risk.js';
import type { EntryApproval, RiskDecision } from './risk-decision.js';
import { account, position, testFacts, testLimits, testSignal } from './risk-test-kit.js';
import type { RiskLimits } from './risk-limits.js';
import type { Intent, SignalContext } from '../../domain/intent.js';
import type { RiskFacts } from './risk-facts.js';

function entry(parts: { limits?: Partial<RiskLimits>; facts?: Partial<RiskFacts>; intent?: Partial<Intent>; context?: Partial<SignalContext>; action?: 'enter_long' | 'enter_short' } = {}): RiskDecision {
  return evaluateRisk({ signal: testSignal(parts.action ?? 'enter_long', parts.intent, parts.context), limits: testLimits(parts.limits), facts: testFacts(parts.facts) });
}

function approved(decision: RiskDecision): EntryApproval {
  if (!decision.approved) throw new Error(`denied: ${decision.denial.code} ${decision.denial.reason}`);
  if (decision.action !== 'enter_long' && decision.action !== 'enter_short') throw new Error('not an entry');
  return decision;
}

describe('sizing', () => {
  it('risk mode: 1 % of $25,000 with a $0.50 stop = 500 shares', () => {
    const decision = approved(entry({ limits: { sizing_mode: 'risk', max_position_pct: 0.25 }, intent: { stop: 9.5 } }));
    expect(decision.qty.toString()).toBe('500');
    expect(decision.stop.toString()).toBe('9.5');
    expect(decision.notional.toString()).toBe('5000');
    expect(decision.reason).toContain('min(1.00% of $25,000.00, $500.00) = $250.00 at risk / $0.50 stop distance = 500 shares');
  });

  it('risk mode uses max_risk_per_trade_abs when it is smaller: $500 / $0.50 = 1,000 shares on $100,000', () => {
    const decision = approved(entry({ limits: { sizing_mode: 'risk', max_position_pct: 0.25 }, facts: { account: account(100000), startOfDayEquity: account(100000).equity, peakEquity: account(100000).equity }, intent: { stop: 9.5 } }));
    expect(decision.qty.toString()).toBe('1000');
  });

  it('risk mode is capped by max_position_pct: 5 % of $25,000 = $1,250 = 125 shares at $10', () => {
    const decision = approved(entry({ limits: { sizing_mode: 'risk' }, intent: { stop: 9.5 } }));
    expect(decision.qty.toString()).toBe('125');
    expect(decision.checks.find((c) => c.rule === 'position_cap')).toMatchObject({ result: 'adjust', note: expect.stringContaining('reduced 500 → 125') });
  });

  it('pct_equity: floor($25,000 × 5 % / $33.33) = 37 shares', () => {
    const decision = approved(entry({ context: { price: 33.33 } }));
    expect(decision.qty.toString()).toBe('37');
    expect(decision.notional.toString()).toBe('1233.21');
  });

  it('fixed: fixed_qty shares', () => {
    expect(approved(entry({ limits: { sizing_mode: 'fixed', fixed_qty: 7 } })).qty.toString()).toBe('7');
  });

  it('the size fraction scales the result, then floors: 125 × 0.5 = 62.5 → 62', () => {
    expect(approved(entry({ intent: { sizeFraction: 0.5 } })).qty.toString()).toBe('62');
  });

  it('caps reduce: fixed 10,000 shares are cut to the position cap, then to notional_max', () => {
    expect(approved(entry({ limits: { sizing_mode: 'fixed', fixed_qty: 10000 } })).qty.toString()).toBe('125');
    const both = approved(entry({ limits: { sizing_mode: 'fixed', fixed_qty: 10000, max_position_pct: 0.25, notional_max: 3000 } }));
    expect(both.qty.toString()).toBe('300');
  });

  it('a size of zero is a denial, not an order', () => {
    const decision = entry({ intent: { sizeFraction: 0.005 } });
    expect(decision.approved ? 'approved' : decision.denial.code).toBe('SIZE_ZERO');
  });

  it('whole shares unless fractional is on (longs only; shorts stay whole)', () => {
    expect(approved(entry({ limits: { fractional_shares: true }, context: { price: 33.33 } })).qty.toString()).toBe('37.5037');
    expect(approved(entry({ limits: { fractional_shares: true }, context: { price: 33.33 }, action: 'enter_short' })).qty.toString()).toBe('37');
  });

  it('counts what the symbol already holds against the position cap', () => {
    const decision = approved(entry({ facts: { openPositions: [position('AAPL', 'long', 100, 10)] } }));
    expect(decision.qty.toString()).toBe('25');
  });
});

describe('protective prices', () => {
  it('long: stop below and take-profit above the entry, rounded toward the entry', () => {
    const decision = approved(entry({ context: { price: 33.33 } }));
    expect(decision.stop.toString()).toBe('32.84'); // 33.33 × 0.985 = 32.83005 → up to 32.84
    expect(decision.takeProfit?.toString()).toBe('33.99'); // 33.33 × 1.02 = 33.9966 → down to 33.99
    expect(decision.trail.activationPrice.toString()).toBe('33.99');
    expect(decision.trail.trailPct.toString()).toBe('0.015');
    expect(decision.stopSource).toBe('stop_loss_pct');
  });

  it('short: stop above and take-profit below the entry, rounded toward the entry', () => {
    const decision = approved(entry({ context: { price: 33.33 }, action: 'enter_short' }));
    expect(decision.stop.toString()).toBe('33.82'); // 33.82995 → down
    expect(decision.takeProfit?.toString()).toBe('32.67'); // 32.6634 → up
  });

  it('below $1 the tick is $0.0001', () => {
    const decision = approved(entry({ context: { price: 0.5123 }, limits: { notional_max: 25000 } }));
    expect(decision.price.toString()).toBe('0.5123');
    expect(decision.stop.toString()).toBe('0.5047'); // 0.5046155 → up
  });

  it('keeps the strategy\'s stop and take-profit, tick-rounded toward the entry', () => {
    const decision = approved(entry({ intent: { stop: 9.456, takeProfit: 10.789 } }));
    expect(decision.stop.toString()).toBe('9.46');
    expect(decision.takeProfit?.toString()).toBe('10.78');
    expect(decision.stopSource).toBe('strategy');
  });

  it('a tiny default stop distance still leaves the stop one tick below the entry', () => {
    const decision = approved(entry({ limits: { stop_loss_pct: 0.001 }, context: { price: 5 } }));
    expect(decision.stop.toString()).toBe('4.99'); // 4.995 → up would be 5.00 = entry → one tick below
  });
});
