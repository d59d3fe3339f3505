// Storage and indexes of every order the venue has accepted: by id, by client_order_id (unique forever),
// open orders by symbol, and the per-symbol working index the matcher scans on each bar.
// Must never: forget an order (client_order_id uniqueness is for the account's lifetime), or keep a
// closed order in the working index.
import { isOpenStatus, type SimOrder } from './order-record.js';

export class OrderBook {
  readonly #all: SimOrder[] = [];
  readonly #byId = new Map<string, SimOrder>();
  readonly #byClientId = new Map<string, SimOrder>();
  readonly #open = new Map<string, Set<SimOrder>>();
  readonly #working = new Map<string, SimOrder[]>();

  /** Stores a new order; it is indexed as open when its status is open. */
  add(order: SimOrder): void {
    this.#all.push(order);
    this.#byId.set(order.id, order);
    this.#byClientId.set(order.clientOrderId, order);
    if (isOpenStatus(order.status)) this.#openSet(order.symbol).add(order);
  }

  get(id: string): SimOrder | undefined {
    return this.#byId.get(id) ?? this.#byId.get(id.toLowerCase());
  }

  byClientOrderId(clientOrderId: string): SimOrder | undefined {
    return this.#byClientId.get(clientOrderId);
  }

  hasClientOrderId(clientOrderId: string): boolean {
    return this.#byClientId.has(clientOrderId);
  }

  /** Every order ever accepted, in creation order. */
  all(): readonly SimOrder[] {
    return this.#all;
  }

  /** Open orders of one symbol (any status in which they can still trade or be canceled). */
  openOf(symbol: string): ReadonlySet<SimOrder> {
    return this.#open.get(symbol) ?? EMPTY;
  }

  /** Open orders of every symbol, in creation order. */
  openOrders(): SimOrder[] {
    const out: SimOrder[] = [];
    for (const set of this.#open.values()) for (const order of set) out.push(order);
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Call after a status change: drops closed orders from the open and working indexes. */
  refresh(order: SimOrder): void {
    if (isOpenStatus(order.status)) return;
    this.#open.get(order.symbol)?.delete(order);
    this.stopWorking(order);
  }

  /** Puts an order in its symbol's working index from bar `barSeq` on. */
  startWorking(order: SimOrder, barSeq: number): void {
    order.workingSinceBar = barSeq;
    if (order.working) return;
    order.working = true;
    let list = this.#working.get(order.symbol);
    if (list === undefined) {
      list = [];
      this.#working.set(order.symbol, list);
    }
    list.push(order);
  }

  stopWorking(order: SimOrder): void {
    if (!order.working) return;
    order.working = false;
    const list = this.#working.get(order.symbol);
    if (list === undefined) return;
    const i = list.indexOf(order);
    if (i >= 0) list.splice(i, 1);
  }

  /** Orders working on `symbol` (do not mutate; copy before iterating while filling). */
  working(symbol: string): readonly SimOrder[] | undefined {
    return this.#working.get(symbol);
  }

  #openSet(symbol: string): Set<SimOrder> {
    let set = this.#open.get(symbol);
    if (set === undefined) {
      set = new Set();
      this.#open.set(symbol, set);
    }
    return set;
  }
}

const EMPTY: ReadonlySet<SimOrder> = new Set();
