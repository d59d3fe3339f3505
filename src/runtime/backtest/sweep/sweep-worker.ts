// A sweep worker thread: loads the runner module once, then runs one job at a time — the base spec with the
// job's params merged in (and its data narrowed to the job's window) as a full backtest — and answers with the
// metrics and a few counts. A job that throws is answered as failed; the thread carries on with the next.
// Must never: run two jobs at once, send fills or equity back, or let one job's failure end the thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { Bar } from '../../../domain/bar.js';
import type { BacktestData, BacktestResult, BacktestSpec } from '../backtest-types.js';
import { describeError, type FromWorker, type SweepJob, type SweepJobOutcome, type SweepWorkerInit, type ToWorker } from './sweep-messages.js';

type RunBacktest = (spec: BacktestSpec) => Promise<BacktestResult>;

const port = parentPort;
const init = workerData as SweepWorkerInit;
let csvCache: Readonly<Record<string, readonly Bar[]>> | undefined;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

async function loadRunner(): Promise<RunBacktest> {
  const mod = (await import(init.runner)) as { runBacktest?: unknown };
  if (typeof mod.runBacktest !== 'function') throw new TypeError(`${init.runner} does not export a runBacktest function`);
  return mod.runBacktest as RunBacktest;
}

/**
 * The spec of one job: base params overridden by the job's, data narrowed to its window. The window code (and
 * the data loaders behind it) loads only when a job has a window, so plain sweeps start their threads faster.
 */
async function specOf(job: SweepJob): Promise<BacktestSpec> {
  const params = { ...init.base.params, ...job.params };
  if (job.window === undefined) return { ...init.base, params };
  const { csvBars, windowData } = await import('./data-window.js');
  const loadCsv = (data: Extract<BacktestData, { kind: 'csv' }>): Readonly<Record<string, readonly Bar[]>> => (csvCache ??= csvBars(data));
  return { ...init.base, params, data: windowData(init.base.data, job.window, loadCsv) };
}

async function runJob(run: RunBacktest, job: SweepJob): Promise<SweepJobOutcome> {
  try {
    const result = await run(await specOf(job));
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
