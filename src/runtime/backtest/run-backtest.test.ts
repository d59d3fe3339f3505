// Hand-checked backtests (issue #6): a tiny series on which sma_crossover(2, 3) enters once and exits once,
// run through the real engine and the exchange's matching core, with every fill price and P&L computed by hand.
import { describe, expect, it } from 'vitest';
import { etDateTime } from '../../domain/calendar/index.js';
import type { Bar } from '../../domain/bar.js';
import { DEFAULT_RISK_LIMITS } from '../../core/risk/index.js';
import { runBacktest } from './run-backtest.js';
import type { BacktestSpec } from './backtest-types.js';

const OPEN = etDateTime('2025-01-06', '09:30'); // a Monday
const MIN = 60_000;

// [open, high, low, close]. SMA2 vs SMA3 of the closes:
//  bar 2: 100 vs 100 (tie) · bar 3: 99.5 < 99.667 · bar 4: 99.25 < 99.5 · bar 5: 100.25 > 99.833 → cross up,
//  enter_long decided at bar 5's close (101). bar 6/7 above. bar 8: 100.8 < 101.0 → cross down → exit.
//  bar 10: 99.925 < 99.95, bar 11: 99.9 = 99.9 (a tie is not a cross): nothing more.
// Lows stay above the protective stop (101 × (1 − 1.5 %) = 99.485) and highs below the take-profit (103.02).
const OHLC: [number, number, number, number][] = [
  [100, 100.1, 99.9, 100], [100, 100.1, 99.9, 100], [100, 100.1, 99.9, 100], [99.5, 99.6, 99.5, 99], [99, 99.6, 99.5, 99.5],
  [99.6, 101.1, 99.6, 101], [101.2, 101.5, 101, 101.4], [101.4, 101.7, 101.3, 101.6], [101.5, 101.6, 99.9, 100],
  [99.8, 100, 99.7, 99.9], [99.9, 100, 99.8, 99.95], [99.95, 100, 99.8, 99.85],
];
const BARS: Bar[] = OHLC.map(([open, high, low, close], i) => ({ symbol: 'AAPL', timeframe: '1Min', t: OPEN + i * MIN, open, high, low: Math.min(low, open, close), close, volume: 1_000_000 }));

function spec(over: Partial<BacktestSpec> = {}): BacktestSpec {
  return {
    strategy: 'sma_crossover', params: { fast: 2, slow: 3 }, data: { kind: 'bars', bars: { AAPL: BARS } }, fill: 'next_open', cash: '100000',
    commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false,
    limits: DEFAULT_RISK_LIMITS, ...over,
  };
}

const prices = (r: Awaited<ReturnType<typeof runBacktest>>) => r.fills.map((f) => [f.side, f.qty, f.price, f.commission, (f.t - OPEN) / MIN]);

describe('runBacktest, hand-checked', () => {
  it('next_open: the entry decided on bar 5 fills at bar 6 open, the exit decided on bar 8 at bar 9 open', async () => {
    const r = await runBacktest(spec());
    expect(prices(r)).toEqual([['buy', '100', '101.2', '0', 6], ['sell', '100', '99.8', '0', 9]]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]?.pnl).toBe('-140'); // (99.8 − 101.2) × 100
    expect(r.metrics.finalEquity).toBe('99860');
    expect(r.metrics.tradeCount).toBe(1);
    expect(r.signals.approved).toBe(2);
    expect(r.bars).toBe(12);
    expect(r.openPositions).toEqual([]);
  });

  it('close: fills at the decision bar close (101 on bar 5, 100 on bar 8)', async () => {
    const r = await runBacktest(spec({ fill: 'close' }));
    expect(prices(r).map((p) => p.slice(0, 3))).toEqual([['buy', '100', '101'], ['sell', '100', '100']]);
    expect(r.trades[0]?.pnl).toBe('-100');
  });

  it('slippage goes against you on both sides and commission is charged per share and per order', async () => {
    const r = await runBacktest(spec({ slippage: '0.01', commissionPerShare: '0.005', commissionPerOrder: '1' }));
    // buy 101.2 + 0.01 = 101.21; sell 99.8 − 0.01 = 99.79; commission 100 × 0.005 + 1 = 1.5 per fill
    expect(prices(r)).toEqual([['buy', '100', '101.21', '1.5', 6], ['sell', '100', '99.79', '1.5', 9]]);
    expect(r.trades[0]?.pnl).toBe('-145'); // (99.79 − 101.21) × 100 − 3
    expect(r.metrics.finalEquity).toBe('99855');
    expect(r.metrics.commission).toBe('3');
  });

  it('with the risk rules on, the position cap (5 % of equity) cuts fixed:100 to 49 shares', async () => {
    const r = await runBacktest(spec({ risk: 'on' }));
    // floor(100000 × 0.05 / 101) = 49
    expect(r.fills[0]?.qty).toBe('49');
  });

  it('an open position is valued at the last close, or liquidated there with --liquidate', async () => {
    const cut = BARS.slice(0, 8); // ends holding 100 shares bought at 101.2; last close 101.6
    const held = await runBacktest(spec({ data: { kind: 'bars', bars: { AAPL: cut } } }));
    expect(held.openPositions).toEqual([{ symbol: 'AAPL', qty: '100', lastPrice: '101.6' }]);
    expect(held.metrics.finalEquity).toBe('100040'); // 100000 + (101.6 − 101.2) × 100
    expect(held.trades).toHaveLength(0);
    const sold = await runBacktest(spec({ data: { kind: 'bars', bars: { AAPL: cut } }, liquidate: true, slippage: '0.01' }));
    expect(sold.openPositions).toEqual([]);
    expect(prices(sold).at(-1)?.slice(0, 3)).toEqual(['sell', '100', '101.59']);
    expect(sold.metrics.finalEquity).toBe('100038'); // (101.59 − 101.21) × 100
  });

  it('is deterministic: the same spec gives the same fills and metrics', async () => {
    const [a, b] = [await runBacktest(spec()), await runBacktest(spec())];
    expect(a.fills).toEqual(b.fills);
    expect({ ...a.metrics }).toEqual({ ...b.metrics });
  });
});
