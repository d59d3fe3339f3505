// `alpaca-bot init [--dir D] [--force]`: write a commented config.yaml and a .env (mode 0600) generated from
// the configuration schema. Must never overwrite an existing file without --force, and must change nothing
// at all when it refuses.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderConfigYaml, renderDotEnv } from '../../../config/index.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface InitOptions {
  readonly dir: string;
  readonly force?: boolean;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return existsSync(path);
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
function writeAtomic(path: string, content: string, mode: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, content, { mode, flag: 'wx' });
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

function runInit(ctx: CliContext, options: InitOptions): number {
  const dir = resolve(ctx.cwd, options.dir);
  const configPath = join(dir, 'config.yaml');
  const envPath = join(dir, '.env');
  const existing = [configPath, envPath].filter(exists);
  if (existing.length > 0 && options.force !== true) {
    ctx.stderr(`alpaca-bot init: refusing to overwrite ${existing.join(' and ')} (already exist${existing.length === 1 ? 's' : ''}). Nothing was changed. Use --force to overwrite.\n`);
    return EXIT.FAILURE;
  }
  mkdirSync(dir, { recursive: true });
  writeAtomic(configPath, renderConfigYaml(), 0o644);
  writeAtomic(envPath, renderDotEnv({ dashboardToken: randomBytes(24).toString('base64url') }), 0o600);
  ctx.stdout(
    `Wrote ${configPath}\nWrote ${envPath} (mode 0600, with a new dashboard token)\n` +
      'Next: put your Alpaca paper keys in .env (or leave them empty to use the simulator), then run `alpaca-bot config` to check.\n',
  );
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description('write a commented config.yaml and .env (mode 0600); never overwrites without --force')
    .option('--dir <dir>', 'directory to write into', '.')
    .option('--force', 'overwrite existing config.yaml and .env')
    .action((options: InitOptions) => {
      ctx.exitCode = runInit(ctx, options);
    });
};
