// `risk_rules: 'off'` (backtest research runs, SPEC §11): only validity, market hours and cash still decide.
import { describe, expect, it } from 'vitest';
import { evaluateRisk } from './evaluate-risk.js';
import { RiskLimitsError } from './risk-limits.js';
import { account, d, etDateTime, position, testFacts, testLimits, testSignal } from './risk-test-kit.js';

const at = etDateTime('2025-01-06', '10:00');

describe('risk rules off (backtests)', () => {
  it('approves an entry the daily trade count, open positions and the kill switch would deny', () => {
    const facts = testFacts({ killSwitch: { on: true }, entriesToday: 500, openPositions: [position('MSFT', 'long', 10, 100), position('TSLA', 'long', 10, 100)], now: at });
    const limits = testLimits({ risk_rules: 'off', max_trades_per_day: 1, max_open_positions: 1 });
    const decision = evaluateRisk({ signal: testSignal('enter_long'), limits, facts });
    expect(decision.approved).toBe(true);
    expect(decision.checks.filter((c) => c.result === 'skip').map((c) => c.rule)).toEqual(expect.arrayContaining(['kill_switch', 'daily_trade_count', 'open_positions', 'position_cap', 'notional_cap']));
    const on = evaluateRisk({ signal: testSignal('enter_long'), limits: { ...limits, risk_rules: 'on' }, facts });
    expect(on.approved).toBe(false);
  });

  it('still denies an order that costs more than the cash', () => {
    const limits = testLimits({ risk_rules: 'off', sizing_mode: 'fixed', fixed_qty: 10_000, min_equity_buffer_pct: 0 });
    const decision = evaluateRisk({ signal: testSignal('enter_long'), limits, facts: testFacts({ account: account(1000), now: at }) });
    expect(decision.approved).toBe(false);
    if (!decision.approved) expect(decision.denial.code).toBe('INSUFFICIENT_BUYING_POWER');
  });

  it('allows max_position_pct up to 1 only with the rules off, and names the range otherwise', () => {
    const facts = testFacts({ account: account(100_000, 400_000), now: at });
    const decision = evaluateRisk({ signal: testSignal('enter_long'), limits: testLimits({ risk_rules: 'off', max_position_pct: 1, min_equity_buffer_pct: 0 }), facts });
    expect(decision.approved).toBe(true);
    if (decision.approved) expect(decision.notional.lte(d(100_000))).toBe(true);
    expect(() => evaluateRisk({ signal: testSignal('enter_long'), limits: testLimits({ max_position_pct: 1 }), facts })).toThrow(/max_position_pct = 1 is out of range: allowed 0.01–0.25/);
    expect(() => evaluateRisk({ signal: testSignal('enter_long'), limits: testLimits({ risk_rules: 'off', max_position_pct: 1.5 }), facts })).toThrow(RiskLimitsError);
    expect(() => evaluateRisk({ signal: testSignal('enter_long'), limits: testLimits({ risk_rules: 'maybe' as 'on' }), facts })).toThrow(/risk_rules = "maybe" is not allowed: use on or off/);
  });
});
