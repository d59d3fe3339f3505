import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../ports/store-errors.js';
import { applyMigrations, checkMigrationList, currentSchemaVersion, MigrationListError } from './apply-migrations.js';
import { MIGRATIONS } from './migrations/all-migrations.js';
import type { Migration } from './migrations/migration.js';

const ONE: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
const TWO: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER) STRICT;' };
const BROKEN: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE c (z INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' };

function tables(db: Database.Database): string[] {
  return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
}

describe('applyMigrations', () => {
  it('applies pending migrations in order, records them, sets user_version, and is a no-op the second time', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, [ONE, TWO], 'test', () => 42)).toEqual({ from: 0, to: 2, applied: [1, 2] });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT version, name, applied_at FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'one', applied_at: 42 },
      { version: 2, name: 'two', applied_at: 42 },
    ]);
    expect(applyMigrations(db, [ONE, TWO], 'test')).toEqual({ from: 2, to: 2, applied: [] });
    db.close();
  });

  it('upgrades an older database with only the newer migrations', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [ONE], 'test');
    expect(applyMigrations(db, [ONE, TWO], 'test').applied).toEqual([2]);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
    db.close();
  });

  it('rolls a failing migration back entirely and keeps the earlier ones', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [ONE, TWO, BROKEN], 'test')).toThrow(/nowhere/);
    expect(currentSchemaVersion(db)).toBe(2);
    expect(tables(db)).not.toContain('c');
    db.close();
  });

  it('refuses a database newer than the list, before changing anything', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [ONE, TWO], 'db.sqlite');
    expect(() => applyMigrations(db, [ONE], 'db.sqlite')).toThrow(SchemaTooNewError);
    expect(() => applyMigrations(db, [ONE], 'db.sqlite')).toThrow(/db\.sqlite has schema version 2, newer than this alpaca-bot knows \(1\)/);
    db.close();
  });

  it('rejects a list with gaps or repeats', () => {
    expect(() => { checkMigrationList([ONE, { ...TWO, version: 3 }]); }).toThrow(MigrationListError);
    expect(() => { checkMigrationList([ONE, ONE]); }).toThrow(/position 1 has version 1; expected 2/);
  });

  it('the real migration list is well formed and every migration has SQL', () => {
    expect(() => { checkMigrationList(MIGRATIONS); }).not.toThrow();
    for (const migration of MIGRATIONS) {
      expect(migration.sql.trim().length).toBeGreaterThan(0);
      expect(migration.name).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
