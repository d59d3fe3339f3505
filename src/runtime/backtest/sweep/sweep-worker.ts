// A sweep worker thread: loads the runner module once and the base data once, then runs one job at a time — the
// base spec with the job's params merged in, on the job's window of the data — as a full backtest, and answers
// with the metrics and a few counts. A job that throws is answered as failed; the thread carries on.
// Must never: run two jobs at once, send fills or equity back, or let one job's failure end the thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestTimeline } from '../backtest-bars.js';
import type { BacktestResult, BacktestSpec } from '../backtest-types.js';
import { describeError, type FromWorker, type SweepJob, type SweepJobOutcome, type SweepWorkerInit, type ToWorker } from './sweep-messages.js';

type RunBacktest = (spec: BacktestSpec, options?: { readonly timeline?: BacktestTimeline }) => Promise<BacktestResult>;

const port = parentPort;
const init = workerData as SweepWorkerInit;
/** The base data, loaded on the first job: a timeline, or the loader's error. */
let loaded: { readonly timeline: BacktestTimeline } | { readonly error: string } | undefined;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

async function loadRunner(): Promise<RunBacktest> {
  const mod = (await import(init.runner)) as { runBacktest?: unknown };
  if (typeof mod.runBacktest !== 'function') throw new TypeError(`${init.runner} does not export a runBacktest function`);
  return mod.runBacktest as RunBacktest;
}

async function baseTimeline(): Promise<{ readonly timeline: BacktestTimeline } | { readonly error: string }> {
  if (loaded === undefined) {
    const { loadTimeline } = await import('../backtest-bars.js');
    try {
      loaded = { timeline: loadTimeline(init.base.data) };
    } catch (error) {
      loaded = { error: describeError(error) };
    }
  }
  return loaded;
}

/**
 * Runs one job. The data is loaded once per thread and sliced per job; when it does not load, a job without a
 * window runs on the spec alone (the runner reports the data error itself) and a job with one fails with it.
 */
async function runJob(run: RunBacktest, job: SweepJob): Promise<SweepJobOutcome> {
  try {
    const spec: BacktestSpec = { ...init.base, params: { ...init.base.params, ...job.params }, ...(job.startAt !== undefined ? { startAt: job.startAt } : {}) };
    const base = await baseTimeline();
    if ('error' in base && job.window !== undefined) return { ok: false, error: base.error };
    let timeline = 'timeline' in base ? base.timeline : undefined;
    if (timeline !== undefined && job.window !== undefined) {
      const { sliceTimeline } = await import('./data-window.js');
      timeline = sliceTimeline(timeline, job.window);
    }
    const result = await run(spec, timeline !== undefined ? { timeline } : {});
    return { ok: true, summary: { metrics: result.metrics, bars: result.bars, from: result.from, to: result.to } };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

async function start(): Promise<void> {
  if (port === null) throw new Error('sweep-worker.ts runs only as a worker thread');
  let run: RunBacktest;
  try {
    run = await loadRunner();
  } catch (error) {
    post({ type: 'fatal', error: `cannot load the backtest runner ${init.runner}: ${describeError(error)}` });
    return;
  }
  port.on('message', (message: ToWorker) => {
    void runJob(run, message.job).then((outcome) => { post({ type: 'done', id: message.id, outcome }); });
  });
  post({ type: 'ready' });
}

await start();
