// Completed round trips (immutable: triggers refuse UPDATE and DELETE) and the notes a person adds to them.
// Must never: alter a trade after it is written; corrections are notes (or a later compensating record).
import type { ListOptions, TradeRepo } from '../../ports/store.js';
import type { NewTrade, TradeNoteRecord, TradeRecord } from '../../ports/store-records.js';
import { InvalidStoreValueError, StoreNotFoundError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { listClause } from './sql-values.js';
import { TRADE_COLUMNS, TRADE_VALUES, tradeFields, tradeParams, type TradeRow } from './trade-columns.js';

interface LiveTradeRow extends TradeRow {
  created_at: number;
}

interface NoteRow {
  id: number;
  trade_id: number;
  note: string;
  author: string;
  created_at: number;
}

const INSERT = `INSERT INTO trades (${TRADE_COLUMNS}, created_at) VALUES (${TRADE_VALUES}, @now)`;

function toRecord(row: LiveTradeRow): TradeRecord {
  return { id: row.id, ...tradeFields(row), createdAt: row.created_at };
}

/** SQLite implementation of {@link TradeRepo}. */
export class SqliteTradeRepo implements TradeRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  insert(trade: NewTrade): number {
    const result = this.#sql.get(INSERT).run({ ...tradeParams(trade), now: this.#ctx.now() });
    return Number(result.lastInsertRowid);
  }

  get(id: number): TradeRecord | undefined {
    const row = this.#sql.get<LiveTradeRow>('SELECT * FROM trades WHERE id = ?').get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  list(options: ListOptions = {}): TradeRecord[] {
    const clause = listClause(options, 'exit_ts');
    return this.#sql.get<LiveTradeRow>(`SELECT * FROM trades ${clause.where} ${clause.order}`).all(clause.params).map(toRecord);
  }

  addNote(tradeId: number, note: string, author: string): number {
    if (note.trim() === '') throw new InvalidStoreValueError('trade note must not be empty');
    return this.#ctx.tx(() => {
      if (this.#sql.get('SELECT 1 FROM trades WHERE id = ?').get(tradeId) === undefined) {
        throw new StoreNotFoundError(`trade ${String(tradeId)} does not exist`);
      }
      const result = this.#sql.get('INSERT INTO trade_notes (trade_id, note, author, created_at) VALUES (?, ?, ?, ?)').run(tradeId, note, author, this.#ctx.now());
      return Number(result.lastInsertRowid);
    });
  }

  notes(tradeId: number): TradeNoteRecord[] {
    const rows = this.#sql.get<NoteRow>('SELECT * FROM trade_notes WHERE trade_id = ? ORDER BY id').all(tradeId);
    return rows.map((row) => ({ id: row.id, tradeId: row.trade_id, note: row.note, author: row.author, createdAt: row.created_at }));
  }
}
