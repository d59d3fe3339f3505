// What every SQLite repository is built from: the connection, the store's clock, a transaction runner, and its
// own prepared-statement cache. Why: repositories stay small and each prepares a statement once, not per call.
// Must never: be exposed outside src/adapters/sqlite (the rest of the bot sees only the Store port).
import type Database from 'better-sqlite3';

export interface SqliteContext {
  readonly db: Database.Database;
  /** The store's clock for created_at/updated_at (a virtual clock in backtests). */
  readonly now: () => number;
  /** Runs `fn` in an IMMEDIATE transaction (a savepoint when nested). */
  readonly tx: <T>(fn: () => T) => T;
  /**
   * Whether repositories may keep the records they read and wrote in memory: only when no other connection can
   * write the database (':memory:'), so the rows cannot change underneath them.
   */
  readonly cacheRecords: boolean;
  /** Registers a callback run whenever a transaction or savepoint rolled back (record caches drop everything). */
  readonly onRollback: (listener: () => void) => void;
}

/** Builds a context whose transactions take the write lock up front (no deadlock between readers that write). */
export function createSqliteContext(db: Database.Database, now: () => number, options: { readonly cacheRecords?: boolean } = {}): SqliteContext {
  // One transaction function for the connection, built once, whose body runs the callback it is given: the same
  // better-sqlite3 code (BEGIN IMMEDIATE / COMMIT / ROLLBACK, savepoints when nested, promises refused) without
  // building four wrapper functions per call as `db.transaction(fn)` does (~1 µs and ~2.7 KB per transaction).
  const transaction = db.transaction((fn: () => unknown) => fn());
  const rollbackListeners: (() => void)[] = [];
  return {
    db,
    now,
    tx: <T>(fn: () => T): T => {
      try {
        return transaction.immediate(fn) as T;
      } catch (error) {
        // better-sqlite3 rolled this level back (any throw out of the body or the COMMIT does).
        for (const listener of rollbackListeners) listener();
        throw error;
      }
    },
    cacheRecords: options.cacheRecords ?? false,
    onRollback: (listener) => { rollbackListeners.push(listener); },
  };
}

/** A repository's prepared statements, prepared on first use and reused (dynamic list queries included). */
export class StatementCache {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The prepared statement for `sql`, typed by the row shape it returns. */
  get<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }
}
