// Fills, keyed by the broker's execution id so a replayed trade update is recorded once (SPEC S5: no lost and
// no double-counted fill). Triggers make the table append-only.
// Must never: count a fill twice, or refuse a fill because its order is unknown locally (it is still a fill).
import { parseBrokerOrderId, parseClientOrderId, parseTicker, type ClientOrderId } from '../../domain/ids.js';
import { ORDER_SIDES } from '../../domain/order.js';
import type { FillRepo, ListOptions } from '../../ports/store.js';
import type { FillRecord, NewFill } from '../../ports/store-records.js';
import { InvalidStoreValueError } from '../../ports/store-errors.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { decText, enumValue, listClause, requireEpochMs, requirePositive, toDec } from './sql-values.js';

interface FillRow {
  id: number;
  execution_id: string;
  client_order_id: string;
  broker_order_id: string | null;
  symbol: string;
  side: string;
  qty: string;
  price: string;
  commission: string;
  ts: number;
}

const INSERT = `INSERT INTO fills (execution_id, client_order_id, broker_order_id, symbol, side, qty, price, commission, ts, created_at)
VALUES (@executionId, @cid, @brokerOrderId, @symbol, @side, @qty, @price, @commission, @ts, @now)
ON CONFLICT (execution_id) DO NOTHING`;

function toRecord(row: FillRow): FillRecord {
  return {
    id: row.id,
    executionId: row.execution_id,
    clientOrderId: parseClientOrderId(row.client_order_id),
    brokerOrderId: row.broker_order_id === null ? null : parseBrokerOrderId(row.broker_order_id),
    symbol: parseTicker(row.symbol),
    side: enumValue(ORDER_SIDES, row.side, 'fills.side'),
    qty: toDec(row.qty),
    price: toDec(row.price),
    commission: toDec(row.commission),
    ts: row.ts,
  };
}

/** SQLite implementation of {@link FillRepo}. */
export class SqliteFillRepo implements FillRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  insert(fill: NewFill): boolean {
    if (fill.executionId === '') throw new InvalidStoreValueError('fill execution_id must not be empty');
    const commission = fill.commission ?? toDec('0');
    if (commission.isNegative()) throw new InvalidStoreValueError(`fill commission must not be negative, got ${commission.toString()}`);
    const result = this.#sql.get(INSERT).run({
      executionId: fill.executionId,
      cid: fill.clientOrderId,
      brokerOrderId: fill.brokerOrderId ?? null,
      symbol: fill.symbol,
      side: fill.side,
      qty: decText(requirePositive(fill.qty, 'fill qty')),
      price: decText(requirePositive(fill.price, 'fill price')),
      commission: decText(commission),
      ts: requireEpochMs(fill.ts, 'fill ts'),
      now: this.#ctx.now(),
    });
    return result.changes === 1;
  }

  has(executionId: string): boolean {
    return this.#sql.get('SELECT 1 FROM fills WHERE execution_id = ?').get(executionId) !== undefined;
  }

  listFor(clientOrderId: ClientOrderId): FillRecord[] {
    return this.#sql.get<FillRow>('SELECT * FROM fills WHERE client_order_id = ? ORDER BY ts, id').all(clientOrderId).map(toRecord);
  }

  list(options: Omit<ListOptions, 'strategy'> = {}): FillRecord[] {
    const clause = listClause(options, 'ts');
    return this.#sql.get<FillRow>(`SELECT * FROM fills ${clause.where} ${clause.order}`).all(clause.params).map(toRecord);
  }
}
