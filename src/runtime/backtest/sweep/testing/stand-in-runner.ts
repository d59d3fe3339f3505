// A stand-in for runBacktest, for pool and sweep tests: deterministic, CPU-heavy on request, and able to fail or
// kill its thread. Its metrics are doubles full of low-order bits, so "equal" really means bit-for-bit equal.
// Params: `work` (loop iterations, default 1000), `fail` (throws), `crash` (ends the worker thread), `nullSharpe`.
// Must never: be used outside tests.
import type { BacktestTimeline } from '../../backtest-bars.js';
import type { BacktestMetrics, BacktestResult, BacktestSpec } from '../../backtest-types.js';

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Deterministic floating-point work: a chaotic map iterated `n` times from a seed. */
export function churn(seed: number, n: number): number {
  let x = (seed % 1000) / 1000 + 0.0001;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    x = 3.99 * x * (1 - x);
    acc += Math.sin(x * 7.3) / (1 + (i % 17));
  }
  return acc;
}

/** What the run sees of its data: the timeline given (a sweep worker's slice) or the spec's in-memory bars. */
function dataSeen(spec: BacktestSpec, timeline: BacktestTimeline | undefined): { bars: number; from: number; to: number } {
  if (timeline !== undefined) {
    const traded = timeline.starts.filter((t) => t >= (spec.startAt ?? -Infinity));
    return { bars: traded.length, from: traded[0] ?? 0, to: (traded[traded.length - 1] ?? 0) + 60_000 };
  }
  const all = spec.data.kind === 'bars' ? Object.values(spec.data.bars).flat().map((b) => b.t) : [];
  return { bars: all.length, from: all.length > 0 ? Math.min(...all) : 0, to: all.length > 0 ? Math.max(...all) + 60_000 : 0 };
}

function metricsOf(spec: BacktestSpec, value: number, bars: number): BacktestMetrics {
  const pnl = (Math.round(value * 100) / 100).toFixed(2);
  return {
    initialEquity: spec.cash, finalEquity: (Number(spec.cash) + Number(pnl)).toFixed(2), netPnl: pnl,
    totalReturnPct: value / 7, cagrPct: value / 3, sharpe: spec.params.nullSharpe === true ? null : value / 11, sortino: value / 13,
    maxDrawdownPct: Math.abs(value) / 17, winRatePct: null, profitFactor: null, exposurePct: bars, tradeCount: bars,
    averageTrade: null, averageTradePct: null, commission: '0',
  };
}

/** Same signature as the real runBacktest; the metrics depend on the params and on the data the run sees. */
export function runBacktest(spec: BacktestSpec, options: { readonly timeline?: BacktestTimeline } = {}): Promise<BacktestResult> {
  const params = spec.params;
  if (params.fail === true) return Promise.reject(new RangeError(`stand-in refuses params ${JSON.stringify(params)}`));
  if (params.crash === true) process.exit(7);
  const { bars, from, to } = dataSeen(spec, options.timeline);
  const value = churn(seedOf(JSON.stringify({ params, bars, from })), typeof params.work === 'number' ? params.work : 1000);
  return Promise.resolve({
    runId: 'stand-in', strategy: spec.strategy, params, symbols: [], timeframe: '1Min', fill: spec.fill, from, to, bars,
    elapsedMs: 0, metrics: metricsOf(spec, value, bars), fills: [], trades: [], equity: { t: [], equity: [], invested: [] },
    openPositions: [], signals: { approved: 0, denied: 0 },
  });
}
