import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, normalizeRiskLimits, RISK_LIMIT_BOUNDS, RiskLimitsError, type RiskLimits } from './risk-limits.js';

const withLimit = (over: Record<string, unknown>): RiskLimits => ({ ...DEFAULT_RISK_LIMITS, ...over });

describe('risk limits', () => {
  it('normalizes the SPEC defaults to exact decimals', () => {
    const n = normalizeRiskLimits(DEFAULT_RISK_LIMITS);
    expect(n.maxPositionPct.toString()).toBe('0.05');
    expect(n.stopLossPct.toString()).toBe('0.015');
    expect(n.notionalMax.toString()).toBe('25000');
    expect(n.fractionalShares).toBe(false);
    expect(n.dayTradeBudget).toBe(0);
  });

  it('accepts every bound exactly', () => {
    for (const [key, [min, max]] of Object.entries(RISK_LIMIT_BOUNDS)) {
      if (key === 'notional_max') continue;
      expect(() => normalizeRiskLimits(withLimit({ [key]: min }))).not.toThrow();
      expect(() => normalizeRiskLimits(withLimit({ [key]: max }))).not.toThrow();
    }
  });

  it('rejects a loosened limit, naming the key, the value and the range', () => {
    expect(() => normalizeRiskLimits(withLimit({ max_daily_loss_pct: 0.2 }))).toThrow('risk limit max_daily_loss_pct = 0.2 is out of range: allowed 0.005–0.1');
    expect(() => normalizeRiskLimits(withLimit({ max_open_positions: 2.5 }))).toThrow('allowed 1–50 (whole number)');
    expect(() => normalizeRiskLimits(withLimit({ notional_max: 0 }))).toThrow('risk limit notional_max = 0 is out of range: allowed > 0');
    expect(() => normalizeRiskLimits(withLimit({ stop_loss_pct: Number.NaN }))).toThrow('stop_loss_pct = NaN');
    expect(() => normalizeRiskLimits(withLimit({ sizing_mode: 'kelly' }))).toThrow('sizing_mode = "kelly" is not allowed: use one of pct_equity, risk, fixed');
    expect(() => normalizeRiskLimits(withLimit({ allow_extended_hours: 'yes' }))).toThrow(RiskLimitsError);
  });
});
