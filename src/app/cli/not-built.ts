// A command listed in --help whose capability has not been built yet: it says so plainly and exits 2.
// Never print fake output for a command that does not work.
import type { Command } from 'commander';
import { EXIT, type CliContext } from './cli-context.js';

export function registerNotBuilt(program: Command, ctx: CliContext, name: string, description: string, issue: string): void {
  program
    .command(name)
    .description(`${description} (not built yet)`)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(() => {
      ctx.stderr(`alpaca-bot ${name}: not built yet (${issue}). Nothing was done.\n`);
      ctx.exitCode = EXIT.USAGE;
    });
}
