// `alpaca-bot config [--json] [--mode M] [--dry-run]`: print the resolved configuration, the source of every
// value and the mode the gates allow, secrets masked; on problems print every one and exit 1.
// Must never print a secret, and must never exit 0 when the configuration would not start.
import { Option } from 'commander';
import Table from 'cli-table3';
import { ConfigError, describeConfig, isKillSwitchOn, loadConfig, MODES, type DescribedValue, type LoadedConfig } from '../../../config/index.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface ConfigOptions {
  readonly json?: boolean;
  readonly mode?: string;
  readonly dryRun?: boolean;
}

const TTY_STYLE = { head: ['cyan'], border: ['grey'] };
const PLAIN_STYLE = { head: [], border: [], 'padding-left': 0, 'padding-right': 2 };
const NO_ROW_LINES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const TTY_CHARS = NO_ROW_LINES;
// Piped output: columns separated by spaces only, easy to grep and cut.
const PLAIN_CHARS = {
  ...NO_ROW_LINES, top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', right: '', middle: '',
};

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function sourceText(row: DescribedValue): string {
  return row.envName === undefined ? row.source : `${row.source} (${row.envName})`;
}

function printJson(ctx: CliContext, loaded: LoadedConfig, rows: readonly DescribedValue[]): void {
  const values = Object.fromEntries(rows.map((r) => [r.key, { value: r.value, source: r.source, ...(r.envName === undefined ? {} : { env: r.envName }) }]));
  const killSwitch = isKillSwitchOn({ config: loaded.values });
  const out = { mode: loaded.mode, dryRun: loaded.dryRun, modeReason: loaded.modeReason, killSwitch, files: loaded.files, values, warnings: loaded.warnings };
  ctx.stdout(`${JSON.stringify(out, null, 2)}\n`);
}

function printHuman(ctx: CliContext, loaded: LoadedConfig, rows: readonly DescribedValue[]): void {
  const kill = isKillSwitchOn({ config: loaded.values });
  const { files } = loaded;
  ctx.stdout(
    `mode: ${loaded.mode}${loaded.dryRun ? ' (dry run: no orders are sent)' : ''} — ${loaded.modeReason}\n` +
      `kill switch: ${kill.on ? `ON (${kill.reason ?? ''}: ${kill.detail ?? ''})` : 'off'}\n` +
      `config file: ${files.configPath}${files.configFound ? '' : ' (not found; defaults apply)'}\n` +
      `.env: ${files.dotEnvPath}${files.dotEnvFound ? '' : ' (not found)'}\n`,
  );
  const table = new Table({ head: ['key', 'value', 'source'], style: ctx.isTTY ? TTY_STYLE : PLAIN_STYLE, chars: ctx.isTTY ? TTY_CHARS : PLAIN_CHARS });
  for (const row of rows) table.push([row.key, show(row.value), sourceText(row)]);
  ctx.stdout(`${table.toString()}\n`);
  for (const warning of loaded.warnings) ctx.stdout(`warning: ${warning}\n`);
}

function runConfig(ctx: CliContext, options: ConfigOptions): number {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig({ env: ctx.env, cwd: ctx.cwd, argvMode: options.mode, argvDryRun: options.dryRun });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const n = error.issues.length;
    ctx.stderr(`alpaca-bot config: the configuration has ${n} problem${n === 1 ? '' : 's'}:\n${error.issues.map((i) => `  - ${i.message}\n`).join('')}`);
    return EXIT.FAILURE;
  }
  const rows = describeConfig(loaded);
  if (options.json === true) printJson(ctx, loaded, rows);
  else printHuman(ctx, loaded, rows);
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('config')
    .description('print the resolved configuration with the source of every value (secrets masked) and check the safety gates')
    .option('--json', 'print JSON: { mode, values: { key: { value, source } }, warnings }')
    .addOption(new Option('--mode <mode>', 'check the gates for this mode').choices(MODES))
    .option('--dry-run', 'as `run --dry-run` would')
    .action((options: ConfigOptions) => {
      ctx.exitCode = runConfig(ctx, options);
    });
};
