// `alpaca-bot report [--date YYYY-MM-DD] [--json]`: the daily summary of one ET date (default today in ET),
// computed from DATA_DIR/alpaca-bot.db by the same function the running bot logs after the close. Works without
// a running bot. Must never: create a database just to report on it, or write to the store.
import { existsSync } from 'node:fs';
import { openStore } from '../../../adapters/sqlite/open-store.js';
import { ConfigError, databasePath } from '../../../config/index.js';
import { etDate } from '../../../domain/calendar/index.js';
import { computeDailySummary, formatDailySummary } from '../../../runtime/lifecycle/daily-summary.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';
import { dataDirFor } from './stop.js';

interface ReportOptions {
  readonly date?: string;
  readonly json?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(date: string): boolean {
  return DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

function runReport(ctx: CliContext, options: ReportOptions): number {
  const date = options.date ?? etDate(Date.now());
  if (!validDate(date)) {
    ctx.stderr(`alpaca-bot report: --date must be a calendar date YYYY-MM-DD, got '${date}'\n`);
    return EXIT.USAGE;
  }
  let database: string;
  try {
    database = databasePath({ paths: { data_dir: dataDirFor(ctx) } });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr(`alpaca-bot report: ${error.issues.map((i) => i.message).join('\n  ')}\n`);
    return EXIT.FAILURE;
  }
  if (!existsSync(database)) {
    ctx.stderr(`alpaca-bot report: no database at ${database} (DATA_DIR has no trading history yet)\n`);
    return EXIT.FAILURE;
  }
  const store = openStore(database);
  try {
    const summary = computeDailySummary(store, date);
    ctx.stdout(options.json === true ? `${JSON.stringify(summary)}\n` : formatDailySummary(summary));
  } finally {
    store.close();
  }
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description('daily summary (trades, P&L, fills, signals) of one ET date from the local database')
    .option('--date <YYYY-MM-DD>', 'ET date (default: today in New York)')
    .option('--json', 'print JSON')
    .action((options: ReportOptions) => {
      ctx.exitCode = runReport(ctx, options);
    });
};
