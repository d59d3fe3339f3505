import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../ports/store-errors.js';
import { MIGRATIONS } from './migrations/all-migrations.js';
import { BUSY_TIMEOUT_MS, openDatabase, openStore, STORE_FILE_NAME } from './open-store.js';
import { makeTempDir, sampleIntent } from './sqlite-test-kit.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  temp.cleanup();
});

function schemaSnapshot(path: string): { objects: unknown[]; userVersion: unknown; migrations: unknown[] } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      objects: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
      userVersion: db.pragma('user_version', { simple: true }),
      migrations: db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all(),
    };
  } finally {
    db.close();
  }
}

describe('openStore', () => {
  it('creates the parent directory and sets WAL, synchronous=FULL (2), foreign_keys=1 and busy_timeout=5000', () => {
    const path = join(temp.dir, 'nested', 'deeper', STORE_FILE_NAME);
    const db = openDatabase(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(BUSY_TIMEOUT_MS).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('the store enforces foreign keys (an event for an unknown order is refused)', () => {
    const store = openStore(join(temp.dir, STORE_FILE_NAME));
    try {
      expect(() => store.orderEvents.append({ clientOrderId: sampleIntent().clientOrderId, type: 'created' })).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });

  it('running the migrations again changes nothing (sqlite_master, user_version, schema_migrations)', () => {
    const path = join(temp.dir, STORE_FILE_NAME);
    openStore(path, { now: () => 1_000 }).close();
    const first = schemaSnapshot(path);
    openStore(path, { now: () => 2_000 }).close();
    const second = schemaSnapshot(path);
    expect(second).toEqual(first);
    expect(first.userVersion).toBe(MIGRATIONS.length);
    expect(first.migrations).toHaveLength(MIGRATIONS.length);
    const names = (first.objects as { name: string }[]).map((o) => o.name);
    for (const table of ['order_intents', 'order_events', 'fills', 'trades', 'trade_notes', 'signals', 'equity_curve', 'bot_state', 'bars', 'backtest_runs', 'backtest_trades', 'settings_overrides', 'schema_migrations']) {
      expect(names).toContain(table);
    }
  });

  it('keeps data across a reopen and reports its schema version', () => {
    const path = join(temp.dir, STORE_FILE_NAME);
    const store = openStore(path);
    store.orderIntents.insert(sampleIntent());
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    store.close();
    const again = openStore(path);
    try {
      expect(again.orderIntents.get(sampleIntent().clientOrderId)?.state).toBe('PENDING_SUBMIT');
    } finally {
      again.close();
    }
  });

  it('refuses a database written by a newer alpaca-bot, naming both versions, and leaves it untouched', () => {
    const path = join(temp.dir, STORE_FILE_NAME);
    openStore(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 1, 'from-the-future', 1);
    db.close();
    const before = schemaSnapshot(path);
    let caught: unknown;
    try {
      openStore(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaTooNewError);
    expect((caught as Error).message).toContain(`schema version ${String(MIGRATIONS.length + 1)}`);
    expect((caught as Error).message).toContain(`(${String(MIGRATIONS.length)})`);
    expect(schemaSnapshot(path)).toEqual(before);
  });

  it('works in memory', () => {
    const store = openStore(':memory:');
    try {
      expect(store.path).toBe(':memory:');
      expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    } finally {
      store.close();
    }
  });

  it('transaction() rolls every write back when the function throws', () => {
    const store = openStore(':memory:');
    try {
      expect(() =>
        store.transaction(() => {
          store.orderIntents.insert(sampleIntent());
          store.botState.set('x', 1);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.orderIntents.exists(sampleIntent().clientOrderId)).toBe(false);
      expect(store.botState.get('x')).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
