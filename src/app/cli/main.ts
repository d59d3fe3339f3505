// The `alpaca-bot` command line: a thin shell that parses flags and hands off to one command module each.
// Must never: print secrets, or exit with 0 when a command did not do what it was asked.
import { Command, CommanderError } from 'commander';
import { EXIT, type CliContext, type RegisterCommand } from './cli-context.js';
// Commands load lazily: `alpaca-bot kill on` should not pay for loading the exchange, the engine and the web server.
type CommandModule = { readonly register: RegisterCommand };
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<CommandModule>]> = [
  ['init', () => import('./commands/init.js')],
  ['run', () => import('./commands/run.js')],
  ['stop', () => import('./commands/stop.js')],
  ['status', () => import('./commands/status.js')],
  ['config', () => import('./commands/config.js')],
  ['backtest', () => import('./commands/backtest.js')],
  ['breaker', () => import('./commands/breaker.js')],
  ['kill', () => import('./commands/kill.js')],
  ['close', () => import('./commands/close.js')],
  ['data', () => import('./commands/data.js')],
  ['sim', () => import('./commands/sim.js')],
  ['new-strategy', () => import('./commands/new-strategy.js')],
  ['report', () => import('./commands/report.js')],
  ['service', () => import('./commands/service.js')],
];

/** The command modules to load for these arguments: just the named one, or all of them (help, unknown, none). */
async function loadCommands(args: readonly string[]): Promise<RegisterCommand[]> {
  const first = args.find((arg) => !arg.startsWith('-'));
  const named = COMMANDS.find(([name]) => name === first);
  const wanted = named && !args.includes('--help') && !args.includes('-h') ? [named] : COMMANDS;
  const modules = await Promise.all(wanted.map(([, load]) => load()));
  return modules.map((mod) => mod.register);
}

export interface MainOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
  readonly isTTY?: boolean;
}

/** Builds the program with the given commands; exported for tests that inspect the command list. */
export function buildProgram(ctx: CliContext, commands: readonly RegisterCommand[]): Command {
  const program = new Command('alpaca-bot')
    .description('A safe, idempotent trading bot for Alpaca (US equities), with an embedded exchange for simulation')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
  for (const add of commands) add(program, ctx);
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
  try {
    const program = buildProgram(ctx, await loadCommands(argv.slice(2)));
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
