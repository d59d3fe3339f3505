// `alpaca-bot new-strategy NAME [--dir strategies] [--force]`: write a commented strategy template that runs as
// is (SPEC §5). The file name is the strategy name, so NAME must be lower_snake_case and not a built-in's name.
// Must never: overwrite a file without --force, or write a file the loader would reject.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kitSpecifier, renderStrategyTemplate, STRATEGY_FILE_NAME } from '../../../adapters/strategy-loader/index.js';
import { BUILTIN_STRATEGIES } from '../../../core/strategies/builtins.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface NewStrategyOptions {
  readonly dir: string;
  readonly force?: boolean;
}

function nameProblem(name: string): string | undefined {
  if (!STRATEGY_FILE_NAME.test(name)) {
    return `invalid strategy name ${JSON.stringify(name)}: expected lower_snake_case (a lowercase letter, then lowercase letters, digits or _), at most 64 characters, e.g. my_breakout`;
  }
  const builtins = BUILTIN_STRATEGIES.map((s) => s.name);
  if (builtins.includes(name)) return `${name} is a built-in strategy: pick another name (built-ins: ${builtins.join(', ')})`;
  return undefined;
}

function runNewStrategy(ctx: CliContext, name: string, options: NewStrategyOptions): number {
  const problem = nameProblem(name);
  if (problem !== undefined) {
    ctx.stderr(`alpaca-bot new-strategy: ${problem}\n`);
    return EXIT.USAGE;
  }
  const dir = resolve(ctx.cwd, options.dir);
  const file = join(dir, `${name}.ts`);
  if (existsSync(file) && options.force !== true) {
    ctx.stderr(`alpaca-bot new-strategy: refusing to overwrite ${file} (already exists). Nothing was changed. Use --force to overwrite.\n`);
    return EXIT.FAILURE;
  }
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, renderStrategyTemplate(name, kitSpecifier(dir)), { encoding: 'utf8' });
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  ctx.stdout(
    `wrote ${file}\n` +
      `next: enable it in config.yaml under strategies:\n  - name: ${name}\n    enabled: true\n` +
      'The running bot loads it from strategies/ and reloads it whenever you save.\n',
  );
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('new-strategy')
    .description('write a commented strategy template (TypeScript) that runs as is; never overwrites without --force')
    .argument('<name>', 'strategy name, lower_snake_case (also the file name)')
    .option('--dir <dir>', 'folder for strategy files', 'strategies')
    .option('--force', 'overwrite an existing file')
    .action((name: string, options: NewStrategyOptions) => {
      ctx.exitCode = runNewStrategy(ctx, name, options);
    });
};
