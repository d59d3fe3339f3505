// Audit lines for CLI commands that change the bot's safety state (kill switch, breaker reset): a person
// reading LOG_DIR later must see who did what and when, next to the bot's own lines.
// Must never: fail the command because logging failed (the emergency action comes first), or write a secret.
import { createPinoLogger, newRunId } from '../../adapters/logging/index.js';
import { peekSettings } from '../../config/index.js';
import type { LogFields } from '../../ports/logger.js';
import { osUserName } from '../../runtime/breaker-reset.js';
import type { CliContext } from './cli-context.js';

const SECRET_KEYS = ['alpaca.api_key', 'alpaca.secret_key', 'web.dashboard_token'] as const;
const SECRET_ENV = ['ALPACA_API_KEY', 'ALPACA_SECRET_KEY', 'APCA_API_KEY_ID', 'APCA_API_SECRET_KEY', 'DASHBOARD_TOKEN'] as const;

/** Every secret value we can find: configured ones, plus raw env values even when the configuration is invalid. */
export function knownSecrets(ctx: CliContext): string[] {
  const values: string[] = SECRET_ENV.map((name) => ctx.env[name] ?? '');
  for (const key of SECRET_KEYS) {
    try {
      const peeked = peekSettings({ env: ctx.env, cwd: ctx.cwd }, [key])[key];
      if (typeof peeked?.value === 'string') values.push(peeked.value);
    } catch {
      // An unreadable setting cannot be a secret we would print; the raw env values above still apply.
    }
  }
  return values.filter((value) => value.length > 0);
}

/** Writes one audit line into LOG_DIR; reports (never throws) when LOG_DIR cannot be determined or written. */
export async function auditLog(ctx: CliContext, command: string, msg: string, fields: LogFields = {}): Promise<void> {
  try {
    const logDir = String(peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['paths.log_dir'])['paths.log_dir']?.value);
    const logger = await createPinoLogger({ level: 'info', runId: newRunId(), logDir, secrets: knownSecrets(ctx), console: 'none' });
    logger.child({ component: 'cli', command, user: osUserName(ctx.env) }).warn(msg, fields);
    await logger.close();
  } catch (error) {
    ctx.stderr(`alpaca-bot ${command}: could not write the audit line to LOG_DIR: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
