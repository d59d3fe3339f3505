// The order manager's in-memory view of the entries that still matter: open (not terminal) or still holding
// shares, with their child orders (stops, exits). Per-bar work (bot-side take-profit and trailing, buy-stop
// expiry, the engine's "still holding?" checks, risk facts) reads it instead of scanning a symbol's whole order
// history in SQLite, so that work stays O(active entries) however long the day or the backtest runs.
// The store is the truth: the index is built from it at construction (startup and crash recovery are one
// path) and is told every committed write by the OrderLedger, the only writer of order intents.
// Must never: be written to except from a committed store record, decide anything itself, or keep an entry
// that no longer holds shares and can no longer fill (memory must not grow with the day's history).
//
// Why child writes on an untracked entry are ignored: children are exit-side orders, so their fills can only
// lower an entry's exposure; an entry that left the index (terminal, nothing held, or closed externally) cannot
// come back through a child. It can come back through a write to the entry itself (a fill after a cancel, a
// state forced by reconciliation), which re-evaluates it with its children loaded from the store.
import type { ClientOrderId } from '../../domain/ids.js';
import { isTerminalState } from '../../domain/order.js';
import type { OrderIntentRecord, OrderIntentRepo } from '../../ports/store.js';
import { exposure } from './entry-extra.js';

interface Tracked {
  entry: OrderIntentRecord;
  /** Children by client_order_id, in creation order. */
  readonly children: Map<ClientOrderId, OrderIntentRecord>;
}

/** The repo slice the index reads: the full scan at construction, and children of an entry it re-admits. */
export type IndexSource = Pick<OrderIntentRepo, 'list' | 'listChildren'>;

/**
 * Whether an entry still counts for the bot (the definition `activeEntries` has always used): an entry intent,
 * not closed externally, and either open or holding shares (fills minus exit-side children's fills).
 */
export function isActiveEntry(entry: OrderIntentRecord, children: readonly OrderIntentRecord[]): boolean {
  if (entry.role !== 'entry' || entry.extra?.['closed_externally'] === true) return false;
  return !isTerminalState(entry.state) || exposure(entry, children).isPositive();
}

/** Active entries and their children, by creation order, maintained from committed store records. */
export class OpenEntryIndex {
  readonly #source: IndexSource;
  /** Tracked entries in creation order. */
  readonly #entries = new Map<ClientOrderId, Tracked>();
  readonly #bySymbol = new Map<string, Tracked[]>();

  /** Builds the index from the store: every entry intent, its children for the terminal ones. */
  constructor(source: IndexSource) {
    this.#source = source;
    for (const record of source.list()) {
      if (record.role !== 'entry') continue;
      if (record.extra?.['closed_externally'] === true) continue;
      // A terminal entry with no fills holds nothing whatever its children did: skip the children query.
      if (isTerminalState(record.state) && !record.filledQty.isPositive()) continue;
      const children = source.listChildren(record.clientOrderId);
      if (isActiveEntry(record, children)) this.#track(record, children, false);
    }
  }

  /** Active entries (oldest first), optionally of one symbol. The records are the stored ones: do not mutate. */
  active(symbol?: string): OrderIntentRecord[] {
    if (symbol !== undefined) return (this.#bySymbol.get(symbol) ?? []).map((t) => t.entry);
    return [...this.#entries.values()].map((t) => t.entry);
  }

  /** The children of an active entry (creation order), or undefined when the entry is not tracked. */
  children(entryCid: ClientOrderId): OrderIntentRecord[] | undefined {
    const tracked = this.#entries.get(entryCid);
    return tracked === undefined ? undefined : [...tracked.children.values()];
  }

  /** Number of tracked entries (tests, diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  /** Takes in a record as it was just committed (insert or update). */
  note(record: OrderIntentRecord): void {
    if (record.role === 'entry') this.#noteEntry(record);
    else this.#noteChild(record);
  }

  #noteEntry(record: OrderIntentRecord): void {
    const tracked = this.#entries.get(record.clientOrderId);
    if (tracked !== undefined) {
      tracked.entry = record;
      if (!isActiveEntry(record, [...tracked.children.values()])) this.#untrack(record);
      return;
    }
    if (record.extra?.['closed_externally'] === true) return;
    if (isTerminalState(record.state) && !record.filledQty.isPositive()) return;
    // A fresh insert (version 0) has no children yet; anything else re-admitted reads them from the store.
    const children = record.version === 0 ? [] : this.#source.listChildren(record.clientOrderId);
    if (isActiveEntry(record, children)) this.#track(record, children, true);
  }

  #noteChild(record: OrderIntentRecord): void {
    if (record.parentClientOrderId === null) return;
    const parent = this.#entries.get(record.parentClientOrderId);
    if (parent === undefined) return; // see the header: a child cannot bring its entry back
    parent.children.set(record.clientOrderId, record);
    if (!isActiveEntry(parent.entry, [...parent.children.values()])) this.#untrack(parent.entry);
  }

  #track(entry: OrderIntentRecord, children: readonly OrderIntentRecord[], late: boolean): void {
    const tracked: Tracked = { entry, children: new Map(children.map((c) => [c.clientOrderId, c])) };
    let newest = -Infinity;
    if (late) for (const t of this.#entries.values()) newest = Math.max(newest, t.entry.createdAt);
    this.#entries.set(entry.clientOrderId, tracked);
    const list = this.#bySymbol.get(entry.symbol) ?? [];
    list.push(tracked);
    this.#bySymbol.set(entry.symbol, list);
    // Re-admitted (or clock stepped back): keep creation order. Stable sort keeps equal times in arrival order.
    if (newest > entry.createdAt) this.#resort(entry.symbol);
  }

  #untrack(entry: OrderIntentRecord): void {
    this.#entries.delete(entry.clientOrderId);
    const list = this.#bySymbol.get(entry.symbol);
    if (list === undefined) return;
    const i = list.findIndex((t) => t.entry.clientOrderId === entry.clientOrderId);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#bySymbol.delete(entry.symbol);
  }

  #resort(symbol: string): void {
    const byTime = (a: Tracked, b: Tracked): number => a.entry.createdAt - b.entry.createdAt;
    this.#bySymbol.get(symbol)?.sort(byTime);
    const all = [...this.#entries.values()].sort(byTime);
    this.#entries.clear();
    for (const t of all) this.#entries.set(t.entry.clientOrderId, t);
  }
}
