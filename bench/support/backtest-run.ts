// One backtest in its own process for `npm run bench` (issue #6): sma_crossover over N seeded 1-minute bars of
// one symbol (regular sessions from 2020-01-02 on), the full engine on the exchange's matching core, risk off,
// fixed 100 shares, no slippage or commission. Prints one JSON line: bars, seconds of the run alone (bars already
// in memory), bars/s, fills, and the process's peak RSS (getrusage maxRSS). Usage: backtest-run.ts [bars]
import { sessionsBetween } from '../../src/domain/calendar/index.js';
import type { Bar } from '../../src/domain/bar.js';
import { DEFAULT_RISK_LIMITS } from '../../src/core/risk/index.js';
import { loadTimeline, runBacktest } from '../../src/runtime/backtest/index.js';

function seededBars(count: number): Bar[] {
  let s = 20_240_601;
  const rnd = (): number => { s = (s * 1_103_515_245 + 12_345) % 2_147_483_648; return s / 2_147_483_648; };
  const bars: Bar[] = [];
  let price = 100;
  const round = (x: number): number => Math.round(x * 100) / 100;
  for (const session of sessionsBetween('2020-01-02', '2030-12-31')) {
    for (let t = session.open; t < session.close && bars.length < count; t += 60_000) {
      const open = round(price);
      price = Math.max(5, price * (1 + (rnd() - 0.5) * 0.004));
      const close = round(price);
      bars.push({ symbol: 'SPY', timeframe: '1Min', t, open, high: round(Math.max(open, close) + rnd() * 0.05), low: round(Math.min(open, close) - rnd() * 0.05), close, volume: 5_000 + Math.floor(rnd() * 50_000) });
    }
    if (bars.length >= count) break;
  }
  return bars;
}

const count = Number(process.argv[2] ?? 500_000);
const bars = seededBars(count);
const spec = {
  strategy: 'sma_crossover', params: { fast: 10, slow: 30 }, data: { kind: 'bars', bars: { SPY: bars } }, fill: 'next_open', cash: '100000',
  commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false,
  limits: DEFAULT_RISK_LIMITS,
} as const;
const timeline = loadTimeline(spec.data);
const started = performance.now();
const result = await runBacktest(spec, { timeline });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ bars: result.bars, seconds, barsPerSecond: Math.round(result.bars / seconds), fills: result.fills.length, trades: result.trades.length, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
