// `alpaca-bot backtest`: one strategy over CSV or cached bars on the same engine as `run` (SPEC §11, issue #6):
// metrics and fills (human or --json), the run persisted in DATA_DIR's database, an optional HTML report, and
// parameter sweeps / walk-forward across worker threads. Must never: touch a live account (no keys are read),
// or report numbers from a run that failed (a failed run exits 1 with the reason).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ConfigError, databasePath, loadConfig } from '../../../config/index.js';
import { openStore } from '../../../adapters/sqlite/index.js';
import { runBacktest, type BacktestResult, type BacktestSpec } from '../../../runtime/backtest/index.js';
import { persistBacktest } from '../../../runtime/backtest/persist-backtest.js';
import { renderBacktestReport } from '../../backtest-report/render-report.js';
import { FlagError, specFromFlags, type BacktestFlags } from '../backtest/backtest-flags.js';
import { resultJson, resultText } from '../backtest/backtest-output.js';
import { runSweepCommand, sweepPlan, type SweepFlags, type SweepPlan } from '../backtest/backtest-sweep-cli.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface CommandFlags extends BacktestFlags, SweepFlags {
  readonly json?: boolean;
  readonly report?: string;
  readonly save: boolean;
}

function progress(ctx: CliContext, flags: CommandFlags): ((done: number, total: number) => void) & { stop: () => void } {
  if (flags.json === true || !ctx.isTTY) return Object.assign(() => undefined, { stop: () => undefined });
  const stream = { isTTY: true, columns: 100, write: (text: string): boolean => { ctx.stderr(text); return true; } };
  const bar = new SingleBar({ stream: stream as unknown as NodeJS.WritableStream, format: 'backtest [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true });
  let started = false;
  return Object.assign((done: number, total: number) => {
    if (!started) { bar.start(total, 0); started = true; }
    bar.update(done);
  }, { stop: () => { if (started) bar.stop(); } });
}

function configured(ctx: CliContext, flags: CommandFlags): { spec: BacktestSpec; database: string; plan: SweepPlan | undefined } {
  const loaded = loadConfig({ env: ctx.env, cwd: ctx.cwd, argvMode: 'sim' });
  const values = loaded.values;
  const database = databasePath(values);
  const limits = { ...values.risk, allow_extended_hours: false };
  const spec = specFromFlags(flags, { cwd: ctx.cwd, limits, dbPath: () => database, strategiesDir: resolve(ctx.cwd, 'strategies') });
  const plan = sweepPlan(flags);
  if (plan && flags.report !== undefined) throw new FlagError('--report describes one run: leave it out of a sweep (run the best parameters again with --report)');
  return { spec, database, plan };
}

function save(database: string, result: BacktestResult): void {
  const store = openStore(database);
  try {
    persistBacktest(store, result);
  } finally {
    store.close();
  }
}

async function sweep(ctx: CliContext, spec: BacktestSpec, plan: SweepPlan, flags: CommandFlags, onProgress: ((done: number, total: number) => void) & { stop: () => void }): Promise<number> {
  try {
    ctx.stdout(await runSweepCommand(spec, plan, { json: flags.json === true, tty: ctx.isTTY }, onProgress));
    return EXIT.OK;
  } catch (error) {
    ctx.stderr(`alpaca-bot backtest: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.FAILURE;
  } finally {
    onProgress.stop();
  }
}

async function runCommand(ctx: CliContext, flags: CommandFlags): Promise<number> {
  let spec: BacktestSpec;
  let database: string;
  let plan: SweepPlan | undefined;
  try {
    ({ spec, database, plan } = configured(ctx, flags));
  } catch (error) {
    if (error instanceof FlagError) { ctx.stderr(`alpaca-bot backtest: ${error.message}\n`); return EXIT.USAGE; }
    if (error instanceof ConfigError) { ctx.stderr(`alpaca-bot backtest: ${error.issues.map((i) => i.message).join('\n  ')}\n`); return EXIT.FAILURE; }
    throw error;
  }
  const onProgress = progress(ctx, flags);
  if (plan !== undefined) return sweep(ctx, spec, plan, flags, onProgress);
  let result: BacktestResult;
  try {
    result = await runBacktest(spec, {
      onProgress, collectCandles: flags.report !== undefined,
      onLog: (line) => { if (flags.json !== true) ctx.stderr(`${line.level}: ${line.msg}\n`); },
    });
  } catch (error) {
    onProgress.stop();
    ctx.stderr(`alpaca-bot backtest: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.FAILURE;
  }
  onProgress.stop();
  if (flags.save) save(database, result);
  if (flags.report !== undefined) {
    const path = resolve(ctx.cwd, flags.report);
    writeFileSync(path, renderBacktestReport(result));
    if (flags.json !== true) ctx.stderr(`report written to ${path}\n`);
  }
  ctx.stdout(flags.json === true ? `${JSON.stringify(resultJson(result), null, 2)}\n` : resultText(result, ctx.isTTY));
  return EXIT.OK;
}

function addOptions(command: Command): Command {
  return command
    .option('--strategy <name>', 'strategy to test (built-in or a file in strategies/)')
    .option('--params <k=v,...>', 'strategy parameters, e.g. fast=10,slow=30')
    .option('--data <file.csv>', '1-minute or daily bars from a CSV file')
    .option('--symbol <S>', 'symbol of a CSV without a symbol column')
    .option('--tz <zone>', 'time zone of naive CSV timestamps (default America/New_York)')
    .option('--bar-end', "the CSV's timestamps mark each bar's end (Alpha Vantage style)")
    .option('--symbols <A,B>', 'symbols from the bars cache (with --from/--to)')
    .option('--from <YYYY-MM-DD>', 'first date (bars cache)')
    .option('--to <YYYY-MM-DD>', 'last date, inclusive (bars cache)')
    .option('--timeframe <tf>', "strategy timeframe (default: the strategy's own)")
    .option('--fill <model>', 'fill model: next_open (next bar open) or close (decision bar close)', 'next_open')
    .option('--cash <amount>', 'starting cash', '100000')
    .option('--commission <per-share>', 'commission per share', '0')
    .option('--commission-per-order <amount>', 'commission per order', '0')
    .option('--slippage <per-share>', 'slippage per share, always against you', '0.01')
    .option('--size <mode:value>', 'sizing: fixed:N shares, pct:X of equity, risk:X of equity at risk (default: config risk.sizing_mode)')
    .option('--risk <on|off>', 'off: only cash checks (research runs)', 'on')
    .option('--volume-share <fraction>', "largest share of a bar's volume one order may take", '0.1')
    .option('--liquidate', 'close open positions at the last close (default: value them there)')
    .option('--no-save', 'do not store the run in the database')
    .option('--sweep <grid>', 'parameter sweep across worker threads, e.g. fast=5:20:5,slow=20:60:10 or mode=a|b')
    .option('--rank-by <metric>', 'metric that ranks a sweep (e.g. sharpe, totalReturnPct, maxDrawdownPct)', 'sharpe')
    .option('--workers <n>', 'worker threads of a sweep (default: min(2, CPUs))')
    .option('--walk-forward <n>', 'with --sweep: n rolling in-sample/out-of-sample splits')
    .option('--json', 'print metrics and every fill as JSON')
    .option('--report <out.html>', 'write a self-contained HTML report');
}

export const register: RegisterCommand = (program, ctx) => {
  addOptions(program.command('backtest').description('backtest a strategy over CSV or cached bars (1-minute or daily) on the same engine as run'))
    .action(async (flags: CommandFlags) => {
      ctx.exitCode = await runCommand(ctx, flags);
    });
};
