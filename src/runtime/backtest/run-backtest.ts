// `runBacktest(spec)`: one backtest run (SPEC §11) — load the bars, build the same engine as `run` over the
// exchange's matching core in process, replay every minute (1-minute data) or every session (daily data, see
// backtest-daily-loop.ts), optionally liquidate, and return the result.
// Deterministic: the same spec and bars give the same decisions, fills and metrics (no wall clock reaches the
// engine; `elapsedMs` is the only measured number). Must never: share state between runs (each run has its own
// in-memory store and venue), or leave the store open when a run fails.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadStrategyFiles } from '../bot/strategy-files.js';
import { loadTimeline, splitAtStart, timelineBarSize, type BacktestTimeline } from './backtest-bars.js';
import { backtestLimits } from './backtest-limits.js';
import { BacktestLogger, type BacktestLogLine } from './backtest-logger.js';
import { buildBacktestParts, builtinRegistry } from './backtest-parts.js';
import { CandleCollector, assembleResult } from './backtest-result.js';
import type { BacktestResult, BacktestSpec } from './backtest-types.js';
import type { RiskDecision } from '../../core/risk/index.js';
import type { RecordedSignal } from '../../core/strategies/index.js';
import { EquityRecorder } from './equity-recorder.js';
import { liquidate, runTimeline, type LoopHooks } from './backtest-loop.js';
import { dailySpan, runDailyTimeline } from './backtest-daily-loop.js';

export interface RunBacktestOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Collect candles of the first symbol for the HTML report. Default false. */
  readonly collectCandles?: boolean;
  /** Warnings and errors of the engine as they happen (the console). */
  readonly onLog?: (line: BacktestLogLine) => void;
  /** Every risk decision as the engine makes it (parity tests compare these with a `run`). */
  readonly onDecision?: (signal: RecordedSignal, decision: RiskDecision) => void;
  /** A timeline already loaded (sweeps reuse one load). */
  readonly timeline?: BacktestTimeline;
}

/** A stable id for a run: the spec's hash plus a sequence the caller may vary. */
export function backtestRunId(spec: BacktestSpec): string {
  const { data, ...rest } = spec;
  const dataKey = data.kind === 'bars' ? { kind: 'bars', symbols: Object.keys(data.bars) } : data;
  return `bt-${createHash('sha256').update(JSON.stringify({ ...rest, data: dataKey })).digest('hex').slice(0, 16)}`;
}

/** The spec's data; cached bars of a 1Day strategy are its daily bars. */
function dataFor(spec: BacktestSpec): BacktestSpec['data'] {
  const data = spec.data;
  return data.kind === 'cache' && data.barSize === undefined && spec.timeframe === '1Day' ? { ...data, barSize: '1Day' } : data;
}

/** Runs one backtest. @throws BacktestDataError / CsvReadError for bad data, RangeError for a bad strategy or params */
export async function runBacktest(spec: BacktestSpec, options: RunBacktestOptions = {}): Promise<BacktestResult> {
  const started = performance.now();
  const loaded = options.timeline ?? loadTimeline(dataFor(spec));
  const daily = timelineBarSize(loaded) === '1Day';
  const { warmUp, trade: timeline } = splitAtStart(loaded, spec.startAt);
  const logger = new BacktestLogger({ level: 'warn', ...(options.onLog ? { forward: options.onLog } : {}) });
  for (const note of loaded.notes ?? []) logger.warn(`data: ${note}`);
  const registry = builtinRegistry();
  if (spec.strategiesDir !== undefined) await loadStrategyFiles(spec.strategiesDir, registry, logger);
  const parts = buildBacktestParts({ spec, limits: backtestLimits(spec), symbols: loaded.symbols, barSize: daily ? '1Day' : '1Min', registry, logger, ...(options.onDecision ? { onDecision: options.onDecision } : {}) });
  try {
    if (warmUp.size > 0) parts.engine.warmUp(warmUp, timeline.starts[0] ?? 0);
    const equity = new EquityRecorder();
    const collector = options.collectCandles ? new CandleCollector(timeline.symbols[0] ?? '') : undefined;
    const hooks: LoopHooks = {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(collector ? { onMinute: (bars) => { for (const bar of bars) collector.add(bar); } } : {}),
    };
    const lastClose = daily ? await runDailyTimeline(parts, timeline, equity, spec.fill, hooks) : await runTimeline(parts, timeline, equity, hooks);
    if (spec.liquidate) await liquidate(parts, lastClose, equity);
    // A strategy that throws is paused or disabled (as live, logged as an error when it happens); the summary repeats it.
    for (const s of parts.runner.summaries()) {
      if (s.status !== 'active') logger.warn(`the strategy stopped acting during the run (no decisions after that): ${s.message}`);
    }
    const summary = parts.runner.summaries()[0];
    return assembleResult({
      runId: backtestRunId(spec), spec, parts, symbols: timeline.symbols, timeframe: summary?.timeframe ?? spec.timeframe ?? (daily ? '1Day' : '1Min'),
      ...(daily ? dailySpan(timeline) : { from: timeline.starts[0] ?? 0, to: (timeline.starts[timeline.starts.length - 1] ?? 0) + 60_000 }), bars: timeline.bars,
      elapsedMs: performance.now() - started, equity: equity.series(), lastClose, candles: collector?.candles(),
    });
  } finally {
    parts.close();
  }
}
