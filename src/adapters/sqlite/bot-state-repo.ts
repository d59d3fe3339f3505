// Small key/value state that must survive restarts (SPEC §9): `last_signal:{strategy}:{symbol}`, daily
// counters, the failure breaker. Values are JSON.
// Must never: hold a secret (SPEC S7) or a ledger value as a float (store Decimals as strings).
import type { BotStateRepo } from '../../ports/store.js';
import type { BotStateEntry, JsonValue } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { parseJson } from './sql-values.js';

interface StateRow {
  key: string;
  value: string;
  updated_at: number;
}

const UPSERT = `INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;

function checkKey(key: string): string {
  if (key.trim() === '') throw new InvalidStoreValueError('bot_state key must not be empty');
  return key;
}

/** SQLite implementation of {@link BotStateRepo}. */
export class SqliteBotStateRepo implements BotStateRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  get(key: string): JsonValue | undefined {
    const row = this.#sql.get<StateRow>('SELECT * FROM bot_state WHERE key = ?').get(key);
    return row === undefined ? undefined : parseJson(row.value);
  }

  set(key: string, value: JsonValue): void {
    const text = JSON.stringify(value);
    this.#sql.get(UPSERT).run(checkKey(key), text, this.#ctx.now());
  }

  delete(key: string): boolean {
    return this.#sql.get('DELETE FROM bot_state WHERE key = ?').run(key).changes === 1;
  }

  list(prefix = ''): BotStateEntry[] {
    // substr() rather than LIKE: keys contain ':' and '_' (a LIKE wildcard).
    const rows = this.#sql.get<StateRow>('SELECT * FROM bot_state WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key').all({ prefix });
    return rows.map((row) => ({ key: row.key, value: parseJson(row.value), updatedAt: row.updated_at }));
  }
}
