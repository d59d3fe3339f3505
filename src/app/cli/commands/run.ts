// `alpaca-bot run [--mode sim|paper|live] [--dry-run]`: validates the configuration and the safety gates, then runs
// the bot in the foreground until SIGINT/SIGTERM or `alpaca-bot stop`. In sim mode the embedded exchange starts in
// this process (synthetic market, accelerated) and the bot reaches it over localhost through the Alpaca adapter.
// Must never: start trading with an invalid configuration or a half-set live gate (S1).
import { ConfigError, loadConfig, parseMode } from '../../../config/index.js';
import { BotAlreadyRunningError } from '../../../runtime/lifecycle/index.js';
import { runBot } from '../../../runtime/bot/run-bot.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface RunOptions {
  readonly mode?: string;
  readonly dryRun?: boolean;
}

async function run(ctx: CliContext, options: RunOptions): Promise<number> {
  if (options.mode !== undefined && (parseMode(options.mode) === undefined || options.mode === 'backtest')) {
    ctx.stderr(`alpaca-bot run: invalid --mode ${JSON.stringify(options.mode)}: allowed sim, paper, live (backtests: alpaca-bot backtest)\n`);
    return EXIT.USAGE;
  }
  let loaded;
  try {
    loaded = loadConfig({ env: ctx.env, cwd: ctx.cwd, ...(options.mode ? { argvMode: options.mode } : {}), ...(options.dryRun ? { argvDryRun: true } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) {
      ctx.stderr(`alpaca-bot run: the configuration has ${error.issues.length} problem(s); nothing was started:\n${error.issues.map((i) => `  - ${i.message}`).join('\n')}\n`);
      return EXIT.FAILURE;
    }
    throw error;
  }
  try {
    return await runBot(loaded, { cwd: ctx.cwd, env: ctx.env, stdout: ctx.stdout });
  } catch (error) {
    if (error instanceof BotAlreadyRunningError) {
      ctx.stderr(`alpaca-bot run: ${error.message}\n`);
      return EXIT.FAILURE;
    }
    throw error;
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('run')
    .description('run the bot (sim with no keys: an embedded exchange and a synthetic market; paper with keys; live only behind both gates)')
    .option('--mode <mode>', 'sim | paper | live (default: paper with credentials, sim without)')
    .option('--dry-run', 'decide, size and record, but send no order')
    .action(async (options: RunOptions) => {
      ctx.exitCode = await run(ctx, options);
    });
};
