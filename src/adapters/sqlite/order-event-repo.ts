// The append-only history of every order (SPEC §7: "every transition is written"). Triggers in the schema
// refuse UPDATE and DELETE; this repository only inserts and reads.
// Must never: rewrite history, or record the same broker event (execution id) twice.
import { parseClientOrderId, type ClientOrderId } from '../../domain/ids.js';
import { ORDER_STATES } from '../../domain/order.js';
import { DuplicateBrokerEventError, InvalidStoreValueError } from '../../ports/store-errors.js';
import type { ListOptions, OrderEventRepo } from '../../ports/store.js';
import type { NewOrderEvent, OrderEventRecord } from '../../ports/store-records.js';
import { StatementCache, type SqliteContext } from './sqlite-context.js';
import { jsonText, listClause, optEnumValue, parseJsonObject, requireEpochMs } from './sql-values.js';

interface EventRow {
  id: number;
  client_order_id: string;
  type: string;
  from_state: string | null;
  to_state: string | null;
  payload: string | null;
  broker_event_id: string | null;
  ts: number;
}

const INSERT = `INSERT INTO order_events (client_order_id, type, from_state, to_state, payload, broker_event_id, ts)
VALUES (@cid, @type, @from, @to, @payload, @brokerEventId, @ts)
ON CONFLICT (broker_event_id) DO NOTHING`;
const EVENT_TYPE = /^[a-z][a-z0-9_]*$/;

function toRecord(row: EventRow): OrderEventRecord {
  return {
    id: row.id,
    clientOrderId: parseClientOrderId(row.client_order_id),
    type: row.type,
    fromState: optEnumValue(ORDER_STATES, row.from_state, 'order_events.from_state'),
    toState: optEnumValue(ORDER_STATES, row.to_state, 'order_events.to_state'),
    payload: parseJsonObject(row.payload, 'order_events.payload'),
    brokerEventId: row.broker_event_id,
    ts: row.ts,
  };
}

/** SQLite implementation of {@link OrderEventRepo}. */
export class SqliteOrderEventRepo implements OrderEventRepo {
  readonly #ctx: SqliteContext;
  readonly #sql: StatementCache;

  constructor(ctx: SqliteContext) {
    this.#ctx = ctx;
    this.#sql = new StatementCache(ctx.db);
  }

  append(event: NewOrderEvent): boolean {
    if (!EVENT_TYPE.test(event.type)) {
      throw new InvalidStoreValueError(`order event type ${JSON.stringify(event.type)} must be lower_snake_case (e.g. submitted, partially_filled)`);
    }
    const result = this.#sql.get(INSERT).run({
      cid: event.clientOrderId,
      type: event.type,
      from: event.fromState ?? null,
      to: event.toState ?? null,
      payload: jsonText(event.payload),
      brokerEventId: event.brokerEventId ?? null,
      ts: requireEpochMs(event.ts ?? this.#ctx.now(), 'order event ts'),
    });
    return result.changes === 1;
  }

  /** Like append, but a duplicate broker event id throws, so the enclosing transaction rolls back. */
  appendOrThrow(event: NewOrderEvent): void {
    if (!this.append(event)) throw new DuplicateBrokerEventError(event.brokerEventId ?? '(none)');
  }

  listFor(clientOrderId: ClientOrderId): OrderEventRecord[] {
    return this.#sql.get<EventRow>('SELECT * FROM order_events WHERE client_order_id = ? ORDER BY id').all(clientOrderId).map(toRecord);
  }

  list(options: Pick<ListOptions, 'since' | 'until' | 'limit'> = {}): OrderEventRecord[] {
    const clause = listClause(options, 'ts');
    return this.#sql.get<EventRow>(`SELECT * FROM order_events ${clause.where} ${clause.order}`).all(clause.params).map(toRecord);
  }

  hasBrokerEvent(brokerEventId: string): boolean {
    return this.#sql.get('SELECT 1 FROM order_events WHERE broker_event_id = ?').get(brokerEventId) !== undefined;
  }
}
