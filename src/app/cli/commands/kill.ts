// `alpaca-bot kill on|off|status [--reason R] [--json]`: the file kill switch DATA_DIR/.kill_switch (SPEC S2).
// Works even when other parts of the configuration are invalid (it is the emergency stop). Must never
// report the switch off while KILL_SWITCH=true keeps it on, and never guess DATA_DIR.
import { ConfigError, isKillSwitchOn, killSwitchPath, peekSettings, scrubSecrets, setKillSwitchFile, type KillSwitchState } from '../../../config/index.js';
import { auditLog, knownSecrets } from '../audit-log.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface KillOptions {
  readonly reason?: string;
  readonly json?: boolean;
}

const ACTIONS = ['on', 'off', 'status'] as const;

function problems(ctx: CliContext, error: ConfigError): number {
  ctx.stderr(`alpaca-bot kill: ${error.issues.map((i) => i.message).join('\n  ')}\n`);
  return EXIT.FAILURE;
}

function describeState(state: KillSwitchState): string {
  if (!state.on) return 'kill switch: off (new orders allowed)';
  const since = state.since === undefined ? '' : ` since ${state.since}`;
  return `kill switch: ON (${state.reason ?? ''}: ${state.detail ?? ''})${since}: no new orders`;
}

/** KILL_SWITCH as configured; undefined when it cannot be read (reported, never assumed off). */
function envFlag(ctx: CliContext): { value: boolean | undefined; error?: ConfigError } {
  try {
    return { value: peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['safety.kill_switch'])['safety.kill_switch']?.value === true };
  } catch (error) {
    if (error instanceof ConfigError) return { value: undefined, error };
    throw error;
  }
}

function runKill(ctx: CliContext, action: string, options: KillOptions): number {
  if (!(ACTIONS as readonly string[]).includes(action)) {
    ctx.stderr(`alpaca-bot kill: unknown action '${action}': allowed on|off|status\n`);
    return EXIT.USAGE;
  }
  let dataDir: string;
  try {
    dataDir = String(peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['paths.data_dir'])['paths.data_dir']?.value);
  } catch (error) {
    if (error instanceof ConfigError) return problems(ctx, error);
    throw error;
  }
  // The reason is stored in DATA_DIR and shown on the dashboard: a pasted secret must not travel with it (S7).
  if (action === 'on') setKillSwitchFile(dataDir, true, scrubSecrets(options.reason ?? 'alpaca-bot kill on', knownSecrets(ctx)));
  if (action === 'off') setKillSwitchFile(dataDir, false);
  const flag = envFlag(ctx);
  const state = isKillSwitchOn({ config: { safety: { kill_switch: flag.value ?? false }, paths: { data_dir: dataDir } } });
  if (options.json === true) ctx.stdout(`${JSON.stringify({ ...state, path: killSwitchPath(dataDir), envFlagReadable: flag.value !== undefined })}\n`);
  else ctx.stdout(`${describeState(state)}\nfile: ${killSwitchPath(dataDir)}${state.file ? '' : ' (absent)'}\n`);
  if (flag.error) {
    ctx.stderr(`alpaca-bot kill: KILL_SWITCH could not be read, so the switch may still be on: ${flag.error.issues.map((i) => i.message).join('; ')}\n`);
    return action === 'on' ? EXIT.OK : EXIT.FAILURE;
  }
  if (action === 'off' && state.on) {
    ctx.stderr('alpaca-bot kill: the file was removed, but KILL_SWITCH=true keeps the kill switch on; unset it and restart the bot\n');
    return EXIT.FAILURE;
  }
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('kill')
    .description('turn the kill switch on or off (file DATA_DIR/.kill_switch), or show it')
    .argument('[action]', 'on | off | status', 'status')
    .option('--reason <text>', 'why (stored in the file, shown in status and the dashboard)')
    .option('--json', 'print JSON')
    .action(async (action: string, options: KillOptions) => {
      ctx.exitCode = runKill(ctx, action, options);
      if ((action === 'on' || action === 'off') && ctx.exitCode !== EXIT.USAGE) {
        await auditLog(ctx, 'kill', `kill switch file turned ${action}`, { reason: options.reason ?? null, exit_code: ctx.exitCode });
      }
    });
};
