// The exit side of the order manager (SPEC §6 protective exits, §7 partial remainders): keeps every filled share
// under a broker-side stop, moves stops (never loosening them), runs the bot-side take-profit and trailing stop
// at each price, and exits positions (cancel the entry remainder and its protective orders, confirmed, then one
// market exit for what is held). The OrderManager runs these one task at a time and owns the write-ahead path.
// Must never: lower a long's stop (raise a short's), place a second exit for shares an open exit or stop still
// holds, leave a cancel unconfirmed before exiting, or send an order except through `place` (write-ahead).
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import { isTerminalState } from '../../domain/order.js';
import type { SubmitOrderCommand } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import { childClientOrderId, decodeExtra, encodeExtra, exitSideOf, exposure, stopCover } from './entry-extra.js';
import type { OpenEntryIndex } from './open-entry-index.js';
import type { OrderCanceller } from './order-canceller.js';
import type { OrderLedger } from './order-ledger.js';
import type { ExitResult, OrderDomainEvent, SubmitResult } from './order-manager-types.js';

/** How a child order is written and sent: the manager's write-ahead path (insert, then send). */
export type PlaceChild = (command: SubmitOrderCommand, parent: OrderIntentRecord, role: 'stop' | 'exit' | 'close', onWritten: () => void) => Promise<SubmitResult>;

export interface PositionExitsDeps {
  readonly ledger: OrderLedger;
  readonly index: OpenEntryIndex;
  readonly canceller: OrderCanceller;
  readonly log: Logger;
  readonly emit: (event: OrderDomainEvent) => void;
  readonly place: PlaceChild;
  /** Decimal places of trailed stop prices. */
  readonly priceDp: number;
  /** A partial entry that ended is closed when it holds fewer shares than this. */
  readonly minPartial: Decimal;
}

export class PositionExits {
  readonly #d: PositionExitsDeps;

  constructor(deps: PositionExitsDeps) {
    this.#d = deps;
  }

  /** An entry's child orders: from the index while the entry is active, else from the store. */
  children(entry: OrderIntentRecord): OrderIntentRecord[] {
    return this.#d.index.children(entry.clientOrderId) ?? this.#d.ledger.children(entry.clientOrderId);
  }

  /** Bot-side take-profit and trailing stop of `symbol`'s filled entries at `price`. */
  async onPrice(symbol: string, price: Decimal): Promise<void> {
    for (const entry of this.#d.index.active(symbol)) {
      // Only shares held can take profit or trail: an unfilled (e.g. limit) entry is not a position.
      if (!entry.filledQty.isPositive()) continue;
      const x = decodeExtra(entry);
      const long = entry.side === 'buy';
      if (x.takeProfit !== null && (long ? price.gte(x.takeProfit) : price.lte(x.takeProfit))) {
        await this.exitEntry(entry, 'take_profit', 'exit');
        continue;
      }
      if (x.trailActivationPct === null || x.trailPct === null || entry.avgFillPrice === null) continue;
      const activation = entry.avgFillPrice.times(long ? Decimal.ONE.plus(x.trailActivationPct) : Decimal.ONE.minus(x.trailActivationPct));
      if (long ? price.lt(activation) : price.gt(activation)) continue;
      const trailed = price.times(long ? Decimal.ONE.minus(x.trailPct) : Decimal.ONE.plus(x.trailPct)).round(this.#d.priceDp);
      if (long ? trailed.gt(x.stop) : trailed.lt(x.stop)) await this.moveEntryStop(entry, trailed);
    }
  }

  /** Moves the stop of every active entry of `symbol`. */
  async moveStop(symbol: string, newStop: Decimal): Promise<{ readonly moved: number; readonly refused: number }> {
    let moved = 0;
    let refused = 0;
    for (const entry of this.#d.index.active(symbol)) {
      if (await this.moveEntryStop(entry, newStop)) moved++;
      else refused++;
    }
    return { moved, refused };
  }

  /** Exits every active entry of `symbol`. */
  async exitSymbol(symbol: string, reason: string): Promise<ExitResult> {
    const exits: SubmitResult[] = [];
    const blocked: ClientOrderId[] = [];
    for (const entry of this.#d.index.active(symbol)) {
      const r = await this.exitEntry(entry, reason, 'exit');
      if (r === 'blocked') blocked.push(entry.clientOrderId);
      else if (r !== undefined) exits.push(r);
    }
    return { symbol, exits, blocked };
  }

  /** Tops up the entry's broker-side stop cover to its exposure (never cancels: no unprotected window). */
  async protect(entry: OrderIntentRecord): Promise<SubmitResult[]> {
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const x = decodeExtra(fresh);
    if (x.exiting) return [];
    const children = this.children(fresh);
    const need = exposure(fresh, children).minus(stopCover(children));
    if (!need.isPositive()) return [];
    const n = children.filter((c) => c.role === 'stop').length + 1;
    const cid = childClientOrderId(fresh, x.timeframe, 'stop', n);
    const command: SubmitOrderCommand = { clientOrderId: cid, symbol: fresh.symbol, side: exitSideOf(fresh.side), type: 'stop', timeInForce: 'gtc', qty: need, stopPrice: x.stop };
    const result = await this.#d.place(command, fresh, 'stop', () => {
      this.#d.log.info('placing broker-side stop for filled shares', { client_order_id: cid, entry: fresh.clientOrderId, qty: need.toString(), stop: x.stop.toString() });
    });
    if (result.kind === 'duplicate_prevented') return [result];
    if (result.kind !== 'accepted') {
      this.#d.log.critical('position without a broker-side stop: stop order not accepted', { entry: fresh.clientOrderId, symbol: fresh.symbol, result: result.kind });
      this.#d.emit({ type: 'OrderProtectionMissing', clientOrderId: fresh.clientOrderId, symbol: fresh.symbol, reason: result.kind });
    }
    return [result];
  }

  /** Raises a long's stop (lowers a short's) to `newStop`: replaces the working stops; refuses to loosen. */
  async moveEntryStop(entry: OrderIntentRecord, newStop: Decimal): Promise<boolean> {
    const x = decodeExtra(entry);
    const long = entry.side === 'buy';
    if (long ? newStop.lte(x.stop) : newStop.gte(x.stop)) {
      this.#d.log.info('stop not moved: a long\'s stop is never lowered (a short\'s never raised)', { entry: entry.clientOrderId, current: x.stop.toString(), requested: newStop.toString() });
      return false;
    }
    const updated = this.#d.ledger.updateExtra(entry.clientOrderId, encodeExtra({ ...x, stop: newStop }), 'stop_moved', { from: x.stop.toString(), to: newStop.toString() });
    for (const stop of this.children(updated).filter((c) => c.role === 'stop' && !isTerminalState(c.state))) {
      const after = await this.#d.canceller.cancelAndConfirm(stop);
      if (!isTerminalState(after.state)) this.#d.log.error('old stop could not be confirmed cancelled; it keeps protecting at its price', { stop: stop.clientOrderId });
    }
    await this.protect(updated);
    return true;
  }

  /** Cancels the entry remainder and its working exits (confirmed), then sends one market exit for what is held. */
  async exitEntry(entry: OrderIntentRecord, reason: string, role: 'exit' | 'close'): Promise<SubmitResult | 'blocked' | undefined> {
    this.markExiting(entry, true);
    if (!isTerminalState(entry.state)) await this.#d.canceller.cancelAndConfirm(this.#d.ledger.get(entry.clientOrderId) ?? entry);
    for (const child of this.children(entry).filter((c) => !isTerminalState(c.state))) {
      const after = await this.#d.canceller.cancelAndConfirm(child);
      if (!isTerminalState(after.state)) {
        this.#d.log.error('exit not sent: a protective order holding these shares could not be confirmed cancelled', { entry: entry.clientOrderId, order: child.clientOrderId, state: after.state });
        return 'blocked';
      }
    }
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const children = this.children(fresh);
    const held = exposure(fresh, children);
    if (!held.isPositive()) return undefined;
    const n = children.filter((c) => c.role === role).length + 1;
    const cid = childClientOrderId(fresh, decodeExtra(fresh).timeframe, role, n);
    const command: SubmitOrderCommand = { clientOrderId: cid, symbol: fresh.symbol, side: exitSideOf(fresh.side), type: 'market', timeInForce: 'day', qty: held };
    return this.#d.place(command, fresh, role, () => {
      this.#d.log.info('exiting position at market', { entry: fresh.clientOrderId, client_order_id: cid, qty: held.toString(), reason });
    });
  }

  /** Marks an entry as exiting (protection is no longer placed for it). Clearing is never written. */
  markExiting(entry: OrderIntentRecord, exiting: boolean): void {
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const x = decodeExtra(fresh);
    if (x.exiting !== exiting && exiting) this.#d.ledger.updateExtra(fresh.clientOrderId, encodeExtra({ ...x, exiting }), 'exit_started');
  }

  /** An entry ended (cancel, expiry, reject): a partial fill under the minimum is closed (SPEC §7). */
  async entryEnded(entry: OrderIntentRecord): Promise<void> {
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const held = exposure(fresh, this.children(fresh));
    if (!held.isPositive() || !held.lt(this.#d.minPartial) || decodeExtra(fresh).exiting || fresh.state === 'FILLED') return;
    this.#d.log.info('partial entry ended under the minimum: closing the filled part', { entry: fresh.clientOrderId, held: held.toString(), minimum: this.#d.minPartial.toString() });
    await this.exitEntry(fresh, 'partial_remainder', 'close');
  }
}
