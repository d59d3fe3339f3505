// Proves the OpenEntryIndex mirrors the store: after any random sequence of ledger writes (entries, stops and
// exits inserted; submits, accepts, fills, cancels, expiries, rejections, forced states, external closes), the
// index's active entries and their children equal a full scan of the store with the same definition, and an
// index rebuilt from the store (a restart) equals the incrementally maintained one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker, type ClientOrderId } from '../../domain/ids.js';
import { ORDER_STATES, type OrderState } from '../../domain/order.js';
import type { OrderIntentRecord, Store } from '../../ports/store.js';
import { isActiveEntry, OpenEntryIndex } from './open-entry-index.js';
import type { OrderMachineEvent } from './apply-order-event.js';
import { OrderLedger } from './order-ledger.js';
import { OrderTransitionError } from './order-transitions.js';

const SYMBOLS = ['AAA', 'BBB'] as const;

type Op =
  | { readonly kind: 'entry'; readonly symbol: number; readonly qty: number; readonly side: 'buy' | 'sell' }
  | { readonly kind: 'child'; readonly parent: number; readonly role: 'stop' | 'exit'; readonly qty: number }
  | { readonly kind: 'event'; readonly target: number; readonly event: 'submitted' | 'accepted' | 'fill' | 'canceled' | 'expired' | 'rejected' | 'submit_failed'; readonly qty: number }
  | { readonly kind: 'force'; readonly target: number; readonly state: OrderState; readonly filled: number | null }
  | { readonly kind: 'close_externally'; readonly target: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('entry' as const), symbol: fc.integer({ min: 0, max: 1 }), qty: fc.integer({ min: 1, max: 10 }), side: fc.constantFrom('buy' as const, 'sell' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('child' as const), parent: fc.nat(), role: fc.constantFrom('stop' as const, 'exit' as const), qty: fc.integer({ min: 1, max: 10 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('event' as const), target: fc.nat(), qty: fc.integer({ min: 1, max: 6 }),
      event: fc.constantFrom('submitted' as const, 'accepted' as const, 'fill' as const, 'fill' as const, 'canceled' as const, 'expired' as const, 'rejected' as const, 'submit_failed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('force' as const), target: fc.nat(), state: fc.constantFrom(...ORDER_STATES), filled: fc.option(fc.integer({ min: 0, max: 10 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close_externally' as const), target: fc.nat() }) },
);

/** The definition activeEntries has always had, computed by scanning the store. */
function fullScan(store: Store, symbol: string): OrderIntentRecord[] {
  return store.orderIntents.list({ symbol: parseTicker(symbol) }).filter((e) => isActiveEntry(e, store.orderIntents.listChildren(e.clientOrderId)));
}

const view = (records: readonly OrderIntentRecord[]): string[] => records.map((r) => `${r.clientOrderId}@${String(r.version)}`);

function machineEvent(op: Extract<Op, { kind: 'event' }>, seq: number): OrderMachineEvent {
  switch (op.event) {
    case 'fill':
      return { type: 'fill', executionId: `x${String(seq)}`, qty: Decimal.of(op.qty), price: Decimal.of('10.5') };
    case 'rejected':
    case 'submit_failed':
      return { type: op.event, reason: 'test' };
    default:
      return { type: op.event };
  }
}

class Harness {
  readonly store: Store;
  readonly index: OpenEntryIndex;
  readonly ledger: OrderLedger;
  readonly all: OrderIntentRecord[] = [];
  #t = 1_700_000_000_000;
  #seq = 0;

  constructor() {
    this.store = openStore(':memory:', { now: () => this.#t });
    this.index = new OpenEntryIndex(this.store.orderIntents);
    this.ledger = new OrderLedger(this.store, { now: () => this.#t, sleep: () => Promise.resolve() }, (r) => { this.index.note(r); });
  }

  run(op: Op): void {
    this.#t += 1000;
    this.#seq++;
    const pick = (n: number): ClientOrderId | undefined => this.all[n % Math.max(1, this.all.length)]?.clientOrderId;
    try {
      switch (op.kind) {
        case 'entry':
          this.#insert(SYMBOLS[op.symbol] ?? 'AAA', op.side, op.qty, 'entry', null);
          return;
        case 'child': {
          const entries = this.all.filter((r) => r.role === 'entry');
          const parent = entries[op.parent % Math.max(1, entries.length)];
          if (parent !== undefined) this.#insert(parent.symbol, parent.side === 'buy' ? 'sell' : 'buy', op.qty, op.role, parent.clientOrderId);
          return;
        }
        case 'event': {
          const cid = pick(op.target);
          if (cid !== undefined) this.ledger.apply(cid, machineEvent(op, this.#seq), { at: this.#t, source: 'stream' });
          return;
        }
        case 'force': {
          const cid = pick(op.target);
          const filled = op.filled === null ? undefined : { filledQty: Decimal.of(op.filled), avgFillPrice: op.filled === 0 ? null : Decimal.of('10') };
          if (cid !== undefined) this.ledger.forceState(cid, op.state, 'test', filled);
          return;
        }
        case 'close_externally': {
          const cid = pick(op.target);
          const record = cid === undefined ? undefined : this.ledger.get(cid);
          if (cid !== undefined && record?.role === 'entry') this.ledger.updateExtra(cid, { ...(record.extra ?? {}), closed_externally: true }, 'position_closed_externally');
          return;
        }
      }
    } catch (error) {
      if (!(error instanceof OrderTransitionError)) throw error;
    }
  }

  #insert(symbol: string, side: 'buy' | 'sell', qty: number, role: 'entry' | 'stop' | 'exit', parent: ClientOrderId | null): void {
    const record = this.ledger.insert({
      clientOrderId: parseClientOrderId(`cid${String(this.#seq).padStart(6, '0')}`), correlationId: asCorrelationId(`c${String(this.#seq)}`),
      strategy: parseStrategyId('s'), symbol: parseTicker(symbol), side, type: role === 'stop' ? 'stop' : 'market', timeInForce: 'day',
      qty: Decimal.of(qty), stopPrice: role === 'stop' ? Decimal.of('9') : null, role, parentClientOrderId: parent, signalTs: this.#t,
      extra: role === 'entry' ? { timeframe: '1Min', stop: '9' } : null,
    });
    this.all.push(record);
  }

  check(): void {
    const rebuilt = new OpenEntryIndex(this.store.orderIntents);
    for (const symbol of SYMBOLS) {
      const truth = fullScan(this.store, symbol);
      expect(view(this.index.active(symbol))).toEqual(view(truth));
      expect(view(rebuilt.active(symbol))).toEqual(view(truth));
      for (const entry of truth) expect(view(this.index.children(entry.clientOrderId) ?? [])).toEqual(view(this.store.orderIntents.listChildren(entry.clientOrderId)));
    }
    expect(view(this.index.active())).toEqual(view([...fullScan(this.store, 'AAA'), ...fullScan(this.store, 'BBB')].sort((a, b) => a.createdAt - b.createdAt)));
    expect(this.index.size).toBe(rebuilt.size);
  }
}

describe('OpenEntryIndex', () => {
  it('agrees with a full scan of the store, and with a rebuild from it, after random write sequences', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        const h = new Harness();
        try {
          for (const op of ops) {
            h.run(op);
            h.check();
          }
        } finally {
          (h.store as unknown as { close(): void }).close();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('drops an entry once it is terminal and holds nothing, and re-admits it on a fill after the cancel', () => {
    const h = new Harness();
    h.run({ kind: 'entry', symbol: 0, qty: 10, side: 'buy' });
    h.run({ kind: 'event', target: 0, event: 'accepted', qty: 1 });
    expect(h.index.active('AAA')).toHaveLength(1);
    h.run({ kind: 'event', target: 0, event: 'canceled', qty: 1 });
    expect(h.index.active('AAA')).toHaveLength(0);
    h.run({ kind: 'event', target: 0, event: 'fill', qty: 3 }); // a fill that lost the race to the cancel: shares are real
    expect(h.index.active('AAA').map((e) => e.filledQty.toString())).toEqual(['3']);
    h.run({ kind: 'child', parent: 0, role: 'exit', qty: 3 });
    h.run({ kind: 'event', target: 1, event: 'fill', qty: 3 });
    expect(h.index.active()).toHaveLength(0);
    h.check();
    (h.store as unknown as { close(): void }).close();
  });
});
