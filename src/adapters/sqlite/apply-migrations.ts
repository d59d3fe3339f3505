// Brings a database to the newest schema this build knows, one numbered migration per transaction.
// Running it again is a no-op; a database written by a newer build is refused before anything is touched.
// Must never: apply a migration twice, apply one partly, or "downgrade" a newer database.
import type Database from 'better-sqlite3';
import { SchemaTooNewError } from '../../ports/store-errors.js';
import type { Migration } from './migrations/migration.js';

/** Thrown when the migration list itself is malformed (a programming error, caught by tests). */
export class MigrationListError extends Error {
  override readonly name = 'MigrationListError';
}

export interface MigrationOutcome {
  /** Version before, 0 for a new database. */
  readonly from: number;
  /** Version after. */
  readonly to: number;
  /** Versions applied by this call, in order. */
  readonly applied: readonly number[];
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

/** Checks that versions run 1..n without gaps or repeats. @throws MigrationListError */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationListError(`migration at position ${index} has version ${migration.version}; expected ${index + 1} (versions must be 1..n without gaps)`);
    }
  });
}

/** The highest version recorded in schema_migrations, 0 when none. */
export function currentSchemaVersion(db: Database.Database): number {
  const row = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get();
  return row?.v ?? 0;
}

/**
 * Applies every migration newer than the database, each in its own IMMEDIATE transaction that re-reads the
 * version first (so two processes opening the same new file do not both migrate it).
 * @throws SchemaTooNewError when the database is newer than `migrations`; MigrationListError; any SQLite error
 * of a failing migration (that migration is rolled back, earlier ones stay).
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], label: string, now: () => number = Date.now): MigrationOutcome {
  checkMigrationList(migrations);
  db.exec(CREATE_TABLE);
  const known = migrations.length;
  const from = currentSchemaVersion(db);
  if (from > known) throw new SchemaTooNewError(label, from, known);
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations.slice(from)) {
    const step = db.transaction(() => {
      const current = currentSchemaVersion(db);
      if (current > known) throw new SchemaTooNewError(label, current, known);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      insert.run(migration.version, migration.name, now());
      db.pragma(`user_version = ${String(migration.version)}`);
      applied.push(migration.version);
    });
    step.immediate();
  }
  return { from, to: currentSchemaVersion(db), applied };
}
