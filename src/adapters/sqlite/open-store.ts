// Opens (or creates) the SQLite store: durable settings, migrations to the newest schema, and one repository
// per table behind the Store port (SPEC §9, DESIGN §3.6: ~0.3 ms a commit with WAL and synchronous=FULL).
// Must never: open a database with weaker durability than WAL + synchronous=FULL, or touch a database whose
// schema is newer than this build knows (SchemaTooNewError, before any write).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../../ports/store.js';
import { applyMigrations, currentSchemaVersion } from './apply-migrations.js';
import { SqliteBacktestRepo } from './backtest-repo.js';
import { SqliteBarRepo } from './bar-repo.js';
import { SqliteBotStateRepo } from './bot-state-repo.js';
import { SqliteBreakerStateRepo } from './breaker-state-repo.js';
import { SqliteEquityRepo } from './equity-repo.js';
import { SqliteFillRepo } from './fill-repo.js';
import { MIGRATIONS } from './migrations/all-migrations.js';
import { SqliteOrderEventRepo } from './order-event-repo.js';
import { SqliteOrderIntentRepo } from './order-intent-repo.js';
import { SqliteSettingsOverrideRepo } from './settings-override-repo.js';
import { SqliteSignalRepo } from './signal-repo.js';
import { createSqliteContext } from './sqlite-context.js';
import { SqliteTradeRepo } from './trade-repo.js';

/** File name of the store inside DATA_DIR. */
export const STORE_FILE_NAME = 'alpaca-bot.db';

/** How long a writer waits for another process's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenStoreOptions {
  /** Clock for created_at/updated_at/changed_at; default Date.now (a virtual clock in backtests). */
  readonly now?: () => number;
  /**
   * Keep order intents in memory as they are read and written, so a read costs no query (backtests: an order
   * is read ~25 times over its life). Only for ':memory:', which no other connection can write; refused for a
   * file. Dropped on any rollback. Default false.
   */
  readonly cacheRecords?: boolean;
}

/** Thrown when the database cannot be given the durability SPEC §9 requires (e.g. WAL unsupported). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

function configure(db: Database.Database, path: string): void {
  db.pragma(`busy_timeout = ${String(BUSY_TIMEOUT_MS)}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (path !== ':memory:' && mode !== 'wal') {
    throw new StoreOpenError(`database ${path}: journal_mode is ${String(mode)}, WAL is required (is it on a network file system?)`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Opens the store at `path` (a file, created with its parent directories, or ':memory:'), applies pending
 * migrations, and returns the repositories. Call `close()` when done.
 * @throws SchemaTooNewError when the file was written by a newer alpaca-bot; StoreOpenError when WAL is
 * unavailable; SQLite errors when the file is not a database.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (options.cacheRecords === true && path !== ':memory:') {
    throw new StoreOpenError(`cacheRecords is only for ':memory:' stores (no other connection can write them), not ${path}`);
  }
  const now = options.now ?? Date.now;
  const db = openDatabase(path, now);
  return buildStore(db, db.name, now, options.cacheRecords === true);
}

/**
 * The connection under {@link openStore}: created with its directories, configured and migrated. Exported for
 * the store's own tests and tools; the bot uses openStore.
 */
export function openDatabase(path: string, now: () => number = Date.now): Database.Database {
  const location = path === ':memory:' ? path : resolve(path);
  const isNew = location !== ':memory:' && !existsSync(location);
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const db = new Database(location);
  // Trading history is private: a new file is readable by its owner only (SQLite gives -wal/-shm the same mode).
  if (isNew) chmodSync(location, 0o600);
  try {
    configure(db, location);
    applyMigrations(db, MIGRATIONS, location, now);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function buildStore(db: Database.Database, path: string, now: () => number, cacheRecords: boolean): Store {
  const ctx = createSqliteContext(db, now, { cacheRecords });
  const orderEvents = new SqliteOrderEventRepo(ctx);
  const botState = new SqliteBotStateRepo(ctx);
  return {
    path,
    orderIntents: new SqliteOrderIntentRepo(ctx, orderEvents),
    orderEvents,
    fills: new SqliteFillRepo(ctx),
    trades: new SqliteTradeRepo(ctx),
    signals: new SqliteSignalRepo(ctx),
    equity: new SqliteEquityRepo(ctx),
    botState,
    bars: new SqliteBarRepo(ctx),
    backtests: new SqliteBacktestRepo(ctx),
    settingsOverrides: new SqliteSettingsOverrideRepo(ctx),
    breaker: new SqliteBreakerStateRepo(ctx, botState),
    transaction: ctx.tx,
    schemaVersion: () => currentSchemaVersion(db),
    close: () => {
      db.close();
    },
  };
}
