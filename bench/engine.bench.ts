// The engine's own numbers (issues #4 and #5, SPEC §17), no timed assertions:
// - benchStrategyPath: 1-minute bars per second through CandleAggregator + indicators + sma_crossover
//   (StrategyRunner over an in-memory store), pure ('replay': decide, nothing recorded) and with signal
//   recording ('live': every intent written to `signals`).
// - benchSignalLatency: candle close → order request in process, through the full TradingEngine (risk, order
//   manager write-ahead on a file SQLite with WAL + synchronous=FULL, portfolio) to a fake broker's submit; and
//   the same on an in-memory SQLite, which separates the in-process CPU work from the commits' fsyncs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/adapters/sqlite/index.js';
import type { Bar } from '../src/domain/bar.js';
import { CandleAggregator, type CandleEvent } from '../src/core/candles/index.js';
import { BUILTIN_STRATEGIES, StrategyRegistry, StrategyRunner, type CandleMode } from '../src/core/strategies/index.js';
import type { BenchResult } from './run.js';
import { buildEngineRig, feedSessions, ms3, quantile, sessionBars } from './support/engine-rig.js';

const SYMBOLS = Array.from({ length: 10 }, (_, i) => `S${String.fromCharCode(65 + i)}`);

/** 10 symbols × 52 sessions × 390 minutes = 202,800 bars, minute-interleaved like a live feed. */
function strategyBars(): Bar[] {
  const sessions = sessionBars(SYMBOLS, '2024-01-02', '2024-03-15');
  const out: Bar[] = [];
  for (const day of sessions) {
    const minutes = Math.max(...day.map((s) => s.length));
    for (let m = 0; m < minutes; m++) for (const series of day) if (series[m]) out.push(series[m] as Bar);
  }
  return out;
}

function runStrategyPath(bars: readonly Bar[], mode: CandleMode): { rate: number; signals: number } {
  const store = openStore(':memory:');
  try {
    const runner = new StrategyRunner({ registry: new StrategyRegistry(BUILTIN_STRATEGIES), store });
    runner.configure([{ name: 'sma_crossover', enabled: true, params: { fast: 10, slow: 30 } }], SYMBOLS);
    const aggregators = new Map(SYMBOLS.map((s) => [s, new CandleAggregator({ symbol: s, timeframe: '1Min', fetchEmptyWindows: false })]));
    let signals = 0;
    const handle = (events: readonly CandleEvent[]): void => {
      for (const e of events) if (e.kind === 'candle') signals += runner.onCandle(e.candle, mode).signals.length;
    };
    const start = performance.now();
    for (const bar of bars) handle((aggregators.get(bar.symbol) as CandleAggregator).onBar(bar));
    const seconds = (performance.now() - start) / 1000;
    return { rate: Math.round(bars.length / seconds), signals };
  } finally {
    store.close();
  }
}

export function benchStrategyPath(): Promise<BenchResult[]> {
  const bars = strategyBars();
  runStrategyPath(bars.slice(0, 20_000), 'live'); // warm the JIT
  const pure = runStrategyPath(bars, 'replay');
  const recorded = runStrategyPath(bars, 'live');
  if (pure.signals !== 0 || recorded.signals === 0) throw new Error(`strategy bench sanity: replay gave ${pure.signals} signals, live ${recorded.signals}`);
  return Promise.resolve([
    { name: `1-minute bars per second through candles (1Min) + SMA(10)/SMA(30) + sma_crossover decide, nothing recorded (${bars.length} bars, ${SYMBOLS.length} symbols)`, value: pure.rate, unit: 'bars/s' },
    { name: `same path with every signal recorded in signals (in-memory SQLite; ${recorded.signals} signals)`, value: recorded.rate, unit: 'bars/s' },
  ]);
}

const LATENCY_SYMBOLS = ['LA', 'LB', 'LC', 'LD', 'LE'];

interface LatencyRun {
  readonly latencies: readonly number[];
  readonly bars: number;
  readonly seconds: number;
}

async function runLatency(storePath: string): Promise<LatencyRun> {
  const rig = buildEngineRig({ storePath, symbols: LATENCY_SYMBOLS, params: { fast: 2, slow: 3 } });
  try {
    const stats = await feedSessions(rig, sessionBars(LATENCY_SYMBOLS, '2024-06-10', '2024-06-10'));
    const l = rig.client.latencies;
    if (l.length < 100) throw new Error(`latency bench sanity: only ${l.length} order requests from ${stats.bars} bars`);
    return { latencies: [...l], bars: stats.bars, seconds: stats.seconds };
  } finally {
    rig.close();
  }
}

export async function benchSignalLatency(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-bench-latency-'));
  try {
    const file = await runLatency(join(dir, 'bench.db'));
    // The same run on an in-memory store: the in-process CPU part alone, without the fsyncs of the commits
    // (signal, intent; cancel and exit_started before an exit) that must precede the request.
    const memory = await runLatency(':memory:');
    const l = file.latencies;
    const m = memory.latencies;
    const label = `${l.length} order requests, ${LATENCY_SYMBOLS.length} symbols, sma_crossover 2/3 on 1Min, one session, file SQLite WAL+FULL`;
    return [
      { name: `candle close → order request in process, p50 (${label})`, value: ms3(quantile(l, 0.5)), unit: 'ms' },
      { name: 'candle close → order request in process, p99', value: ms3(quantile(l, 0.99)), unit: 'ms' },
      { name: 'candle close → order request in process, max', value: ms3(Math.max(...l)), unit: 'ms' },
      { name: 'candle close → order request, p50 of the first 100 requests of the session', value: ms3(quantile(l.slice(0, 100), 0.5)), unit: 'ms' },
      { name: 'candle close → order request, p50 of the last 100 requests of the session (growth = per-bar work grows with the day\'s order history)', value: ms3(quantile(l.slice(-100), 0.5)), unit: 'ms' },
      { name: 'full engine bars/s during the latency run (every bar marks, candles, decides; fills routed)', value: Math.round(file.bars / file.seconds), unit: 'bars/s' },
      { name: `candle close → order request, p50, in-memory SQLite (CPU only, no fsync; ${m.length} requests)`, value: ms3(quantile(m, 0.5)), unit: 'ms' },
      { name: 'candle close → order request, p99, in-memory SQLite (CPU only)', value: ms3(quantile(m, 0.99)), unit: 'ms' },
      { name: 'full engine bars/s during the latency run, in-memory SQLite', value: Math.round(memory.bars / memory.seconds), unit: 'bars/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
