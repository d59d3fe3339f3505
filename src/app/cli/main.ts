// The `alpaca-bot` command line: a thin shell that parses flags and hands off to one command module each.
// Must never: print secrets, or exit with 0 when a command did not do what it was asked.
import { Command, CommanderError } from 'commander';
import { EXIT, type CliContext, type RegisterCommand } from './cli-context.js';
import { register as backtest } from './commands/backtest.js';
import { register as breaker } from './commands/breaker.js';
import { register as close } from './commands/close.js';
import { register as config } from './commands/config.js';
import { register as data } from './commands/data.js';
import { register as init } from './commands/init.js';
import { register as kill } from './commands/kill.js';
import { register as newStrategy } from './commands/new-strategy.js';
import { register as report } from './commands/report.js';
import { register as run } from './commands/run.js';
import { register as service } from './commands/service.js';
import { register as sim } from './commands/sim.js';
import { register as status } from './commands/status.js';
import { register as stop } from './commands/stop.js';

const COMMANDS: readonly RegisterCommand[] = [init, run, stop, status, config, backtest, breaker, kill, close, data, sim, newStrategy, report, service];

export interface MainOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly isTTY?: boolean;
}

/** Builds the program; exported for tests that inspect the command list. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('alpaca-bot')
    .description('A safe, idempotent trading bot for Alpaca (US equities), with an embedded exchange for simulation')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
  for (const add of COMMANDS) add(program, ctx);
  return program;
}

/** Runs the CLI with `argv` as process.argv (node, script, ...args) and returns the exit code. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const ctx: CliContext = {
    stdout: options.stdout ?? ((text) => process.stdout.write(text)),
    stderr: options.stderr ?? ((text) => process.stderr.write(text)),
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? process.stdout.isTTY,
    exitCode: EXIT.OK,
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exitCode 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    ctx.stderr(`alpaca-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.FAILURE;
  }
  return ctx.exitCode;
}
