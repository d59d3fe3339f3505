// Dashboard settings overrides (SPEC §3): the highest-precedence config source, for editable keys only. Every
// change is a new row carrying the previous value (audit trail); the current value is the latest row.
// Must never: store a secret (SPEC S7) — keys that look like credentials are refused — or rewrite history.
import type { SettingsOverrideRepo } from '../../ports/store.js';
import type { JsonValue, SettingsOverrideRecord } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { jsonText, parseJson } from './sql-values.js';

interface OverrideRow {
  id: number;
  key: string;
  value: string | null;
  previous_value: string | null;
  changed_by: string;
  changed_at: number;
}

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const SECRET_LIKE = /(secret|password|passwd|token|api_key|apikey|key_id|credential)/i;
const LATEST = 'SELECT * FROM settings_overrides WHERE key = ? ORDER BY id DESC LIMIT 1';
const CURRENT = `SELECT s.* FROM settings_overrides s
WHERE s.id = (SELECT max(id) FROM settings_overrides WHERE key = s.key) ORDER BY s.key`;

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new InvalidStoreValueError(`settings override key ${JSON.stringify(key)} must be words of letters, digits and _ separated by dots (e.g. risk.max_position_pct)`);
  }
  if (SECRET_LIKE.test(key)) {
    throw new InvalidStoreValueError(`settings override key ${JSON.stringify(key)} looks like a credential; secrets are never stored in the database`);
  }
  return key;
}

function toRecord(row: OverrideRow): SettingsOverrideRecord {
  return {
    id: row.id,
    key: row.key,
    value: parseJson(row.value),
    previousValue: parseJson(row.previous_value),
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

/** SQLite implementation of {@link SettingsOverrideRepo}. */
export class SqliteSettingsOverrideRepo implements SettingsOverrideRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  set(key: string, value: JsonValue, changedBy: string): SettingsOverrideRecord {
    if (value === null) throw new InvalidStoreValueError(`settings override ${key}: null is not a value; use clear() to remove an override`);
    return this.#write(checkKey(key), value, changedBy);
  }

  clear(key: string, changedBy: string): SettingsOverrideRecord {
    return this.#write(checkKey(key), null, changedBy);
  }

  get(key: string): JsonValue | undefined {
    const row = this.#sql.get<OverrideRow>(LATEST).get(key);
    return row === undefined || row.value === null ? undefined : parseJson(row.value);
  }

  current(): ReadonlyMap<string, JsonValue> {
    const rows = this.#sql.get<OverrideRow>(CURRENT).all();
    return new Map(rows.filter((row) => row.value !== null).map((row) => [row.key, parseJson(row.value)]));
  }

  history(key?: string, limit = 1000): SettingsOverrideRecord[] {
    const rows =
      key === undefined
        ? this.#sql.get<OverrideRow>('SELECT * FROM settings_overrides ORDER BY id DESC LIMIT ?').all(limit)
        : this.#sql.get<OverrideRow>('SELECT * FROM settings_overrides WHERE key = ? ORDER BY id DESC LIMIT ?').all(key, limit);
    return rows.map(toRecord);
  }

  #write(key: string, value: JsonValue, changedBy: string): SettingsOverrideRecord {
    if (changedBy.trim() === '') throw new InvalidStoreValueError('settings override changed_by must name who made the change');
    return this.#ctx.tx(() => {
      const previous = this.#sql.get<OverrideRow>(LATEST).get(key);
      const result = this.#sql
        .get('INSERT INTO settings_overrides (key, value, previous_value, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)')
        .run(key, jsonText(value), previous?.value ?? null, changedBy, this.#ctx.now());
      const row = this.#sql.get<OverrideRow>('SELECT * FROM settings_overrides WHERE id = ?').get(result.lastInsertRowid);
      if (row === undefined) throw new Error(`settings override row ${String(result.lastInsertRowid)} vanished after insert`);
      return toRecord(row);
    });
  }
}
