// Cancels one order with SPEC §7's policy: the adapter retries the cancel; the bot then confirms by status
// (looks the order up by client_order_id and applies the report), because a cancel ack is not proof — the
// order may have filled in the meantime, and a fill after a cancel is real.
// Must never: mark an order CANCELED without the broker saying so.
import type { Clock } from '../../ports/clock.js';
import type { ExecutionClient } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import { isTerminalState } from '../../domain/order.js';
import type { OrderLedger } from './order-ledger.js';
import { OrderTransitionError } from './order-transitions.js';
import { syncFromReport, type SyncedFill } from './report-sync.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class OrderCanceller {
  readonly #ledger: OrderLedger;
  readonly #client: Pick<ExecutionClient, 'cancel' | 'getByClientOrderId'>;
  readonly #clock: Clock;
  readonly #log: Logger;

  readonly #onSynced: ((record: OrderIntentRecord, fills: readonly SyncedFill[]) => Promise<void>) | undefined;

  /**
   * @param onSynced fills learned while confirming (e.g. a cancel that lost the race to a fill) go here, so the
   *   portfolio hears of them and the shares are protected like any other fill.
   */
  constructor(ledger: OrderLedger, client: Pick<ExecutionClient, 'cancel' | 'getByClientOrderId'>, clock: Clock, log: Logger, onSynced?: (record: OrderIntentRecord, fills: readonly SyncedFill[]) => Promise<void>) {
    this.#ledger = ledger;
    this.#client = client;
    this.#clock = clock;
    this.#log = log;
    this.#onSynced = onSynced;
  }

  /** Requests the cancel, then confirms by status. Returns the intent as stored afterwards (maybe still open). */
  async cancelAndConfirm(order: OrderIntentRecord): Promise<OrderIntentRecord> {
    const cid = order.clientOrderId;
    let record = this.#ledger.get(cid) ?? order;
    if (isTerminalState(record.state)) return record;
    if (record.brokerOrderId === null) {
      record = await this.#confirm(record);
      if (record.brokerOrderId === null) {
        this.#log.warn('cannot cancel: the broker does not know this order (yet)', { client_order_id: cid, state: record.state });
        return record;
      }
      if (isTerminalState(record.state)) return record;
    }
    try {
      const outcome = await this.#client.cancel(record.brokerOrderId);
      this.#log.info('cancel requested', { client_order_id: cid, outcome: outcome.kind });
    } catch (error) {
      this.#log.warn('cancel request failed; confirming by status', { client_order_id: cid, error: message(error) });
    }
    return this.#confirm(record);
  }

  async #confirm(record: OrderIntentRecord): Promise<OrderIntentRecord> {
    try {
      const report = await this.#client.getByClientOrderId(record.clientOrderId);
      if (report === undefined) return this.#ledger.get(record.clientOrderId) ?? record;
      const synced = syncFromReport(this.#ledger, record.clientOrderId, report, { at: this.#clock.now(), source: 'lookup' });
      if (synced.fill && this.#onSynced) await this.#onSynced(synced.record, [synced.fill]);
      return this.#ledger.get(record.clientOrderId) ?? synced.record;
    } catch (error) {
      const level = error instanceof OrderTransitionError ? 'error' : 'warn';
      this.#log[level]('could not confirm the order status', { client_order_id: record.clientOrderId, error: message(error) });
      return this.#ledger.get(record.clientOrderId) ?? record;
    }
  }
}
