// The exit side of the order manager (SPEC §6 protective exits, §7 partial remainders): keeps every filled share
// under a broker-side stop, moves stops (never loosening them), runs the bot-side take-profit and trailing stop
// at each price, and exits positions (cancel the entry remainder and its protective orders, confirmed, then one
// market exit for what is held). The OrderManager runs these one task at a time and owns the write-ahead path.
// Must never: lower a long's stop (raise a short's), place a second exit for shares an open exit or stop still
// holds, leave a cancel unconfirmed before exiting, or send an order except through `place` (write-ahead).
//
// Why protection reads the working orders, not the stored `exiting` mark (issue #5, SPEC S5): an exit is several
// steps (mark, cancel the stop, send the exit), so a crash, a rejection or an ambiguous submission can stop it
// between any two of them. The shares of an entry are held either by a working exit (or an exit still in flight,
// which may be live) or else by a stop: `protect` tops the stop up to what no working order holds, whatever the
// mark says. So an exit that never reached the broker is simply "not exiting": the entry gets its stop back —
// at once when the broker refuses it live, and at the restart's reconciliation after a crash — and the
// strategy's next exit decision (signal, take-profit) exits again. The alternative, re-sending the exit on
// restart, is worse: the id already stored may never be sent again (S4), so a re-send needs a new id, and when
// the first exit's fate is unknown a second one can sell the same shares twice (a short); it would also act on a
// stale decision, possibly outside market hours. A stop is passive, only fires at its price, and is never added
// on top of an exit that may be live. Only this process's own exit in progress, and a deliberate
// cancelAll({ includeProtective }), hold protection back, and both live in memory, so a restart forgets them.
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import { isTerminalState } from '../../domain/order.js';
import type { SubmitOrderCommand } from '../../ports/execution-client.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import { childClientOrderId, decodeExtra, encodeExtra, exitCover, exitSideOf, exposure, stopCover } from './entry-extra.js';
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
  /** Entries whose exit this process is running now (between marking and the exit's answer). */
  readonly #exiting = new Set<ClientOrderId>();
  /** Entries left unprotected on purpose (cancelAll with protective orders) until ensureProtection. */
  readonly #unprotected = new Set<ClientOrderId>();

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

  /**
   * Tops up the entry's broker-side stop cover to the shares no working stop or exit holds (never cancels: no
   * unprotected window). Held back only while this process runs the entry's exit, or after leaveUnprotected.
   */
  async protect(entry: OrderIntentRecord): Promise<SubmitResult[]> {
    if (this.#exiting.has(entry.clientOrderId) || this.#unprotected.has(entry.clientOrderId)) return [];
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const x = decodeExtra(fresh);
    const children = this.children(fresh);
    const need = exposure(fresh, children).minus(stopCover(children)).minus(exitCover(children));
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

  /**
   * After one of the entry's orders changed (filled, or ended unfilled): working stops that cover more shares
   * than the entry holds — an exit judged lost that filled after all — are cancelled (confirmed), so they can
   * never sell into a short; then the cover is topped up to what is held.
   */
  async rebalance(entry: OrderIntentRecord): Promise<void> {
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const children = this.children(fresh);
    const held = Decimal.max(exposure(fresh, children), Decimal.ZERO);
    const stops = stopCover(children);
    if (stops.isPositive() && stops.plus(exitCover(children)).gt(held)) {
      this.#d.log.error('working stops cover more shares than the position holds: cancelling them (never sell into a short)', { entry: fresh.clientOrderId, held: held.toString(), stops: stops.toString() });
      for (const stop of children.filter((c) => c.role === 'stop' && !isTerminalState(c.state))) await this.#d.canceller.cancelAndConfirm(stop);
    }
    await this.protect(fresh);
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

  /**
   * Cancels the entry remainder and its working exits (confirmed), then sends one market exit for what is held.
   * Whatever the outcome (accepted, refused, ambiguous, blocked, thrown), the shares no working order holds
   * afterwards get their stop back at once.
   */
  async exitEntry(entry: OrderIntentRecord, reason: string, role: 'exit' | 'close'): Promise<SubmitResult | 'blocked' | undefined> {
    const cid = entry.clientOrderId;
    this.#exiting.add(cid);
    let result: SubmitResult | 'blocked' | undefined;
    try {
      result = await this.#exit(entry, reason, role);
      return result;
    } finally {
      this.#exiting.delete(cid);
      await this.#restore(cid, result);
    }
  }

  async #exit(entry: OrderIntentRecord, reason: string, role: 'exit' | 'close'): Promise<SubmitResult | 'blocked' | undefined> {
    this.#noteExitStarted(entry);
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

  /** After an exit attempt: a stop for the shares no working order holds (none when the exit is working). */
  async #restore(cid: ClientOrderId, result: SubmitResult | 'blocked' | undefined): Promise<void> {
    const entry = this.#d.ledger.get(cid);
    if (entry === undefined) return;
    try {
      const placed = await this.protect(entry);
      if (placed.length > 0) this.#d.log.warn('exit did not take the shares: their stop is restored', { entry: cid, exit: typeof result === 'object' ? result.kind : result ?? 'nothing_held', stops: placed.map((p) => p.kind).join(',') });
    } catch (error) {
      this.#d.log.critical('could not restore the stop after an exit attempt; reconciliation will', { entry: cid, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Writes the audit mark that an exit started (never cleared; protection does not read it). */
  #noteExitStarted(entry: OrderIntentRecord): void {
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const x = decodeExtra(fresh);
    if (!x.exiting) this.#d.ledger.updateExtra(fresh.clientOrderId, encodeExtra({ ...x, exiting: true }), 'exit_started');
  }

  /**
   * Holds protection back for this entry in this process (cancelAll with its protective orders: the caller wants
   * the position naked). Marks the exit as started. Forgotten on restart; cleared by `ensureProtection`.
   */
  leaveUnprotected(entry: OrderIntentRecord): void {
    this.#unprotected.add(entry.clientOrderId);
    this.#noteExitStarted(entry);
  }

  /** Protects the entry now, lifting a leaveUnprotected hold (reconciliation, shutdown). */
  async ensureProtection(entry: OrderIntentRecord): Promise<SubmitResult[]> {
    this.#unprotected.delete(entry.clientOrderId);
    return this.protect(entry);
  }

  /** An entry ended (cancel, expiry, reject): a partial fill under the minimum is closed (SPEC §7). */
  async entryEnded(entry: OrderIntentRecord): Promise<void> {
    if (this.#exiting.has(entry.clientOrderId) || this.#unprotected.has(entry.clientOrderId)) return;
    const fresh = this.#d.ledger.get(entry.clientOrderId) ?? entry;
    const children = this.children(fresh);
    const held = exposure(fresh, children);
    // An exit already working holds these shares: closing them again would sell them twice.
    if (!held.isPositive() || !held.lt(this.#d.minPartial) || exitCover(children).isPositive() || fresh.state === 'FILLED') return;
    this.#d.log.info('partial entry ended under the minimum: closing the filled part', { entry: fresh.clientOrderId, held: held.toString(), minimum: this.#d.minPartial.toString() });
    await this.exitEntry(fresh, 'partial_remainder', 'close');
  }
}
