// One backtest in its own process for `npm run bench` (issue #6): sma_crossover over N seeded 1-minute bars of
// one symbol (regular sessions from 2020-01-02 on), the full engine on the exchange's matching core, risk off,
// fixed 100 shares, no slippage or commission. Prints one JSON line: bars, seconds of the run alone (bars already
// in memory), bars/s, the same per second of this process's CPU time (steadier on a loaded machine), fills, a
// digest of everything the run decided, and the process's peak RSS (getrusage maxRSS).
// Usage: backtest-run.ts [bars] [trading|idle] [alloc]
//   trading (default): a random walk — sma_crossover(10,30) trades about every 26 bars.
//   idle: every close equal (the SMAs tie, a tie is never a cross): the strategy decides on every bar and never
//         orders — the per-bar floor of the full engine.
// Allocation (third argument `alloc`): V8's sampling heap profiler runs over the run alone, counting objects
// collected by minor and major GCs too, so `allocatedBytesPerBar` estimates every byte allocated per bar (a
// sampled estimate, ±a few %); the top allocating functions go to stderr. Slower: use for allocation only.
import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { sessionsBetween } from '../../src/domain/calendar/index.js';
import type { Bar } from '../../src/domain/bar.js';
import { DEFAULT_RISK_LIMITS } from '../../src/core/risk/index.js';
import { loadTimeline, runBacktest } from '../../src/runtime/backtest/index.js';

function seededBars(count: number, idle: boolean): Bar[] {
  let s = 20_240_601;
  const rnd = (): number => { s = (s * 1_103_515_245 + 12_345) % 2_147_483_648; return s / 2_147_483_648; };
  const bars: Bar[] = [];
  let price = 100;
  const round = (x: number): number => Math.round(x * 100) / 100;
  for (const session of sessionsBetween('2020-01-02', '2030-12-31')) {
    for (let t = session.open; t < session.close && bars.length < count; t += 60_000) {
      const open = round(price);
      if (!idle) price = Math.max(5, price * (1 + (rnd() - 0.5) * 0.004));
      const close = round(price);
      bars.push({ symbol: 'SPY', timeframe: '1Min', t, open, high: round(Math.max(open, close) + rnd() * 0.05), low: round(Math.min(open, close) - rnd() * 0.05), close, volume: 5_000 + Math.floor(rnd() * 50_000) });
    }
    if (bars.length >= count) break;
  }
  return bars;
}

const count = Number(process.argv[2] ?? 500_000);
const idle = process.argv[3] === 'idle';
const alloc = process.argv[4] === 'alloc';
const bars = seededBars(count, idle);
const spec = {
  strategy: 'sma_crossover', params: { fast: 10, slow: 30 }, data: { kind: 'bars', bars: { SPY: bars } }, fill: 'next_open', cash: '100000',
  commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false,
  limits: DEFAULT_RISK_LIMITS,
} as const;
const timeline = loadTimeline(spec.data);
interface SampleNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SampleNode[] }
const session = alloc ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}
const runStartUs = process.hrtime.bigint() / 1000n;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const result = await runBacktest(spec, { timeline });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
// The run's window on the monotonic clock (µs, as --cpu-prof stamps samples), to profile the run alone.
if (process.env['BENCH_RUN_WINDOW'] === '1') process.stderr.write(`run window ${String(runStartUs)} ${String(process.hrtime.bigint() / 1000n)}\n`);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
let allocatedBytesPerBar: number | undefined;
if (session) {
  const { profile } = await session.post('HeapProfiler.stopSampling') as unknown as { profile: { head: SampleNode } };
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SampleNode): void => {
    const site = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  allocatedBytesPerBar = Math.round(total / result.bars);
  const top = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [site, bytes] of top) process.stderr.write(`${(bytes / result.bars).toFixed(0).padStart(7)} B/bar  ${site}\n`);
  session.disconnect();
}
process.stdout.write(`${JSON.stringify({
  mode: idle ? 'idle' : 'trading', bars: result.bars, seconds, barsPerSecond: Math.round(result.bars / seconds),
  cpuSeconds, barsPerCpuSecond: Math.round(result.bars / cpuSeconds), fills: result.fills.length, trades: result.trades.length,
  ...(allocatedBytesPerBar === undefined ? {} : { allocatedBytesPerBar }),
  // What the run decided, hashed: equal digests before and after a speed change mean the same fills, trades,
  // metrics, signals and equity curve.
  digest: createHash('sha256').update(JSON.stringify({ fills: result.fills, trades: result.trades, metrics: result.metrics, signals: result.signals, open: result.openPositions }))
    .update(Float64Array.from(result.equity.t)).update(Float64Array.from(result.equity.equity)).update(Uint8Array.from(result.equity.invested)).digest('hex').slice(0, 16),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);
