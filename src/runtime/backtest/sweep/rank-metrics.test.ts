import { describe, expect, it } from 'vitest';
import type { BacktestMetrics } from '../backtest-types.js';
import { compareMetric, defaultDescending, parseRankMetric, RANK_METRICS, rankRows } from './rank-metrics.js';

const metrics = (over: Partial<BacktestMetrics>): BacktestMetrics => ({
  initialEquity: '100000', finalEquity: '100000', netPnl: '0', totalReturnPct: 0, cagrPct: null, sharpe: null, sortino: null,
  maxDrawdownPct: 0, winRatePct: null, profitFactor: null, exposurePct: 0, tradeCount: 0, averageTrade: null, averageTradePct: null,
  commission: '0', ...over,
});

describe('rank metrics', () => {
  it('knows every BacktestMetrics field', () => {
    expect([...RANK_METRICS].sort()).toEqual(Object.keys(metrics({})).sort());
  });

  it('parses a metric name or names the allowed ones', () => {
    expect(parseRankMetric('sharpe')).toBe('sharpe');
    expect(() => parseRankMetric('sharp')).toThrow(/cannot rank by "sharp": allowed initialEquity, .*sharpe, .*commission/);
  });

  it('ranks drawdown and commission ascending by default, the rest descending', () => {
    expect(defaultDescending('maxDrawdownPct')).toBe(false);
    expect(defaultDescending('commission')).toBe(false);
    expect(defaultDescending('sharpe')).toBe(true);
    expect(defaultDescending('netPnl')).toBe(true);
  });

  it('puts null after every value in both directions', () => {
    for (const descending of [true, false]) {
      expect(compareMetric(null, 1, descending)).toBeGreaterThan(0);
      expect(compareMetric(-1e9, null, descending)).toBeLessThan(0);
      expect(compareMetric(null, null, descending)).toBe(0);
    }
  });

  it('compares decimal strings exactly, not as floats', () => {
    expect(compareMetric('0.30000000000000000001', '0.3', true)).toBeLessThan(0);
    expect(compareMetric('-5', '10', false)).toBeLessThan(0);
    expect(compareMetric('12345678901234567.01', '12345678901234567.02', true)).toBeGreaterThan(0);
  });

  it('sorts best first, ties and nulls by grid index', () => {
    const rows = [
      { index: 0, metrics: metrics({ sharpe: 1 }) }, { index: 1, metrics: metrics({ sharpe: null }) }, { index: 2, metrics: metrics({ sharpe: 2 }) },
      { index: 3, metrics: metrics({ sharpe: 1 }) }, { index: 4, metrics: metrics({ sharpe: null }) }, { index: 5, metrics: metrics({ sharpe: -3 }) },
    ];
    expect(rankRows(rows, 'sharpe', true).map((r) => r.index)).toEqual([2, 0, 3, 5, 1, 4]);
    expect(rankRows(rows, 'sharpe', false).map((r) => r.index)).toEqual([5, 0, 3, 2, 1, 4]);
    expect(rankRows([...rows].reverse(), 'sharpe', true).map((r) => r.index)).toEqual([2, 0, 3, 5, 1, 4]);
  });
});
