// `alpaca-bot stop [--timeout S] [--json]`: asks the bot running on this DATA_DIR to shut down gracefully (SIGTERM
// to the pid in DATA_DIR/alpaca-bot.pid runs SPEC §10's shutdown) and waits for it to exit.
// Must never: signal a process named by a stale pid file, or report "stopped" before the process has exited.
import { ConfigError, peekSettings } from '../../../config/index.js';
import { stopBot, type StopResult } from '../../../runtime/lifecycle/stop-bot.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface StopOptions {
  readonly json?: boolean;
  readonly timeout: string;
}

/** DATA_DIR from the configuration layers (works while other settings are invalid). */
export function dataDirFor(ctx: CliContext): string {
  const dataDir = peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['paths.data_dir'])['paths.data_dir']?.value;
  if (typeof dataDir !== 'string') throw new Error('DATA_DIR could not be determined');
  return dataDir;
}

function describe(result: StopResult, timeoutS: number): string {
  const who = result.info === undefined ? '' : `alpaca-bot (pid ${String(result.info.pid)}, mode ${result.info.mode}, started ${result.info.started_at})`;
  switch (result.outcome) {
    case 'stopped':
      return `${who} stopped after ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s`;
    case 'not_running':
      return `no alpaca-bot is running on DATA_DIR ${result.dataDir} (no pid file)`;
    case 'stale':
      return `no alpaca-bot is running on DATA_DIR ${result.dataDir}: the pid file is stale (${result.detail ?? `pid ${String(result.pid)} has exited`}); the next start takes it over`;
    case 'timeout':
      return `${who} was sent SIGTERM but has not exited after ${String(timeoutS)} s: it may still be finishing its shutdown (see the log); send SIGTERM again or, as a last resort, kill -9 ${String(result.pid)}`;
  }
}

async function runStop(ctx: CliContext, options: StopOptions): Promise<number> {
  const timeoutS = Number(options.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 600) {
    ctx.stderr(`alpaca-bot stop: --timeout must be a number of seconds in (0, 600], got '${options.timeout}'\n`);
    return EXIT.USAGE;
  }
  let dataDir: string;
  try {
    dataDir = dataDirFor(ctx);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr(`alpaca-bot stop: ${error.issues.map((i) => i.message).join('\n  ')}\n`);
    return EXIT.FAILURE;
  }
  const result = await stopBot({ dataDir, timeoutMs: timeoutS * 1000 });
  const text = describe(result, timeoutS);
  if (options.json === true) ctx.stdout(`${JSON.stringify({ outcome: result.outcome, data_dir: result.dataDir, pid: result.pid ?? null, waited_ms: result.waitedMs ?? null, message: text })}\n`);
  else if (result.outcome === 'stopped') ctx.stdout(`${text}\n`);
  else ctx.stderr(`alpaca-bot stop: ${text}\n`);
  return result.outcome === 'stopped' ? EXIT.OK : EXIT.FAILURE;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('stop')
    .description('ask the bot running on this DATA_DIR to shut down gracefully, and wait for it to exit')
    .option('--timeout <seconds>', 'how long to wait for the exit', '15')
    .option('--json', 'print JSON')
    .action(async (options: StopOptions) => {
      ctx.exitCode = await runStop(ctx, options);
    });
};
