// `alpaca-bot breaker status|reset [--json]`: show or reset the failure circuit breaker (SPEC S3) stored in
// DATA_DIR/alpaca-bot.db. Works while other parts of the configuration are invalid: a person must be able to
// see why trading stopped. Must never: create a database just to report on it, trip the breaker, or report
// "clear" when the database could not be read.
import { existsSync } from 'node:fs';
import { BREAKER_CLEAR } from '../../../adapters/sqlite/breaker-state-repo.js';
import { openStore } from '../../../adapters/sqlite/open-store.js';
import { ConfigError, databasePath, peekSettings } from '../../../config/index.js';
import type { BreakerState } from '../../../ports/store.js';
import { StoreError } from '../../../ports/store-errors.js';
import { osUserName } from '../../../runtime/breaker-reset.js';
import { auditLog } from '../audit-log.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

const ACTIONS = ['status', 'reset'] as const;
type Action = (typeof ACTIONS)[number];

interface BreakerOptions {
  readonly json?: boolean;
}

interface Report {
  readonly action: Action;
  readonly state: BreakerState;
  readonly database: string;
  readonly databaseExists: boolean;
  /** For reset: whether it was tripped before. */
  readonly wasTripped?: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toJson(report: Report): string {
  const { state } = report;
  return JSON.stringify({
    tripped: state.tripped,
    reason: state.reason,
    tripped_at: iso(state.trippedAt),
    consecutive_order_failures: state.consecutiveOrderFailures,
    consecutive_reconnect_failures: state.consecutiveReconnectFailures,
    reset_by: state.resetBy,
    reset_at: iso(state.resetAt),
    database: report.database,
    database_exists: report.databaseExists,
    ...(report.action === 'reset' ? { action: 'reset', was_tripped: report.wasTripped ?? false } : {}),
  });
}

function toText(report: Report): string {
  const { state } = report;
  const lines: string[] = [];
  if (report.action === 'reset') lines.push(report.wasTripped === true ? `breaker reset by ${state.resetBy ?? '?'}` : 'breaker was not tripped: nothing to reset');
  lines.push(state.tripped ? `failure circuit breaker: TRIPPED since ${iso(state.trippedAt) ?? 'unknown time'}` : 'failure circuit breaker: clear (trading allowed)');
  if (state.reason !== null) lines.push(`${state.tripped ? 'reason' : 'last trip'}: ${state.reason}${state.tripped ? '' : ` (at ${iso(state.trippedAt) ?? '?'})`}`);
  lines.push(`consecutive order failures: ${String(state.consecutiveOrderFailures)}, reconnect failures: ${String(state.consecutiveReconnectFailures)}`);
  if (state.resetBy !== null) lines.push(`last reset: ${state.resetBy} at ${iso(state.resetAt) ?? '?'}`);
  lines.push(`database: ${report.database}${report.databaseExists ? '' : ' (not created yet)'}`);
  if (state.tripped) lines.push('trading is refused until a person resets it: alpaca-bot breaker reset');
  return `${lines.join('\n')}\n`;
}

/** Reads (and for reset, clears) the breaker in the database at `database`. */
function runOnStore(action: Action, database: string, who: string): Report {
  if (!existsSync(database)) return { action, state: BREAKER_CLEAR, database, databaseExists: false, wasTripped: false };
  const store = openStore(database);
  try {
    if (action === 'status') return { action, state: store.breaker.readBreaker(), database, databaseExists: true };
    const { previous, state } = store.breaker.resetBreaker(who);
    return { action, state, database, databaseExists: true, wasTripped: previous.tripped };
  } finally {
    store.close();
  }
}

function databasePathFor(ctx: CliContext): string {
  const dataDir = peekSettings({ env: ctx.env, cwd: ctx.cwd }, ['paths.data_dir'])['paths.data_dir']?.value;
  if (typeof dataDir !== 'string') throw new Error('DATA_DIR could not be determined');
  return databasePath({ paths: { data_dir: dataDir } });
}

function runBreaker(ctx: CliContext, action: string, options: BreakerOptions): number {
  if (!(ACTIONS as readonly string[]).includes(action)) {
    ctx.stderr(`alpaca-bot breaker: unknown action '${action}': allowed status|reset\n`);
    return EXIT.USAGE;
  }
  try {
    const report = runOnStore(action as Action, databasePathFor(ctx), `${osUserName(ctx.env)} via alpaca-bot breaker reset`);
    ctx.stdout(options.json === true ? `${toJson(report)}\n` : toText(report));
    return EXIT.OK;
  } catch (error) {
    if (error instanceof ConfigError) {
      ctx.stderr(`alpaca-bot breaker: ${error.issues.map((i) => i.message).join('\n  ')}\n`);
      return EXIT.FAILURE;
    }
    if (error instanceof StoreError) {
      ctx.stderr(`alpaca-bot breaker: ${error.message}\n`);
      return EXIT.FAILURE;
    }
    throw error;
  }
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('breaker')
    .description('show or reset the failure circuit breaker (5 order failures or 10 reconnect failures halt trading)')
    .argument('[action]', 'status | reset', 'status')
    .option('--json', 'print JSON')
    .action(async (action: string, options: BreakerOptions) => {
      ctx.exitCode = runBreaker(ctx, action, options);
      if (action === 'reset' && ctx.exitCode === EXIT.OK) await auditLog(ctx, 'breaker', 'failure breaker reset by a person');
    });
};
