import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { parseBrokerOrderId, parseClientOrderId } from '../../domain/ids.js';
import { ORDER_CLASSES, ORDER_ROLES, ORDER_STATES, ORDER_TYPES, TIME_IN_FORCE, type OrderState } from '../../domain/order.js';
import { DuplicateBrokerEventError, DuplicateIntentError, IntentNotFoundError, InvalidStoreValueError, VersionConflictError } from '../../ports/store-errors.js';
import type { Store } from '../../ports/store.js';
import { openStore } from './open-store.js';
import { ManualClock, sampleIntent } from './sqlite-test-kit.js';

const cid = (n: number) => parseClientOrderId(`cid-${String(n).padStart(4, '0')}`);

// Every test runs on the plain store and on one that caches intents (backtests): both must behave the same.
describe.each([{ cacheRecords: false }, { cacheRecords: true }])('order intents (cacheRecords: $cacheRecords)', ({ cacheRecords }) => {
  let store: Store;
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
    store = openStore(':memory:', { now: clock.now, cacheRecords });
  });
  afterEach(() => {
    store.close();
  });


  describe('orderIntents.insert', () => {
    it('writes the intent as PENDING_SUBMIT at version 0 with a created event', () => {
      const record = store.orderIntents.insert(sampleIntent({ limitPrice: Decimal.of('187.1234'), type: 'limit', extra: { legs: ['stop'] } }));
      expect(record).toMatchObject({ state: 'PENDING_SUBMIT', version: 0, attempts: 0, orderClass: 'simple', role: 'entry', createdAt: clock.now(), updatedAt: clock.now() });
      expect(record.limitPrice?.toString()).toBe('187.1234');
      expect(record.filledQty.toString()).toBe('0');
      expect(record.extra).toEqual({ legs: ['stop'] });
      expect(store.orderEvents.listFor(record.clientOrderId)).toMatchObject([{ type: 'created', fromState: null, toState: 'PENDING_SUBMIT', ts: clock.now() }]);
    });

    it('refuses a client_order_id already in the store with DuplicateIntentError, changing nothing (S4)', () => {
      const first = store.orderIntents.insert(sampleIntent());
      let caught: unknown;
      try {
        store.orderIntents.insert(sampleIntent({ qty: Decimal.of('999') }));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DuplicateIntentError);
      expect((caught as DuplicateIntentError).clientOrderId).toBe(first.clientOrderId);
      expect((caught as Error).message).toMatch(/already exists.*never sent again/);
      expect(store.orderIntents.get(first.clientOrderId)?.qty.toString()).toBe('10');
      expect(store.orderEvents.listFor(first.clientOrderId)).toHaveLength(1);
    });

    it('rejects a non-positive quantity or price, naming the field and value', () => {
      expect(() => store.orderIntents.insert(sampleIntent({ qty: Decimal.of('0') }))).toThrow('qty must be greater than 0, got 0');
      expect(() => store.orderIntents.insert(sampleIntent({ type: 'limit', limitPrice: Decimal.of('-1') }))).toThrow('limit_price must be greater than 0, got -1');
    });

    it('refuses a parent that is not stored, naming it', () => {
      expect(() => store.orderIntents.insert(sampleIntent({ role: 'stop', parentClientOrderId: cid(9) }))).toThrow(InvalidStoreValueError);
      expect(() => store.orderIntents.insert(sampleIntent({ role: 'stop', parentClientOrderId: cid(9) }))).toThrow(/cid-0009 .*not in the store/);
    });

    it("accepts every value of the domain's enumerations (the CHECK constraints agree with src/domain/order.ts)", () => {
      let n = 0;
      for (const type of ORDER_TYPES) store.orderIntents.insert(sampleIntent({ clientOrderId: cid(n++), type }));
      for (const timeInForce of TIME_IN_FORCE) store.orderIntents.insert(sampleIntent({ clientOrderId: cid(n++), timeInForce }));
      for (const orderClass of ORDER_CLASSES) store.orderIntents.insert(sampleIntent({ clientOrderId: cid(n++), orderClass }));
      for (const role of ORDER_ROLES) store.orderIntents.insert(sampleIntent({ clientOrderId: cid(n++), role }));
      for (const state of ORDER_STATES) store.orderIntents.insert(sampleIntent({ clientOrderId: cid(n++), state }));
      expect(store.orderIntents.list()).toHaveLength(n);
    });

    it('refuses values outside the enumerations', () => {
      const bad = (overrides: object) => () => store.orderIntents.insert(sampleIntent({ clientOrderId: cid(1), ...overrides }));
      expect(bad({ side: 'short' })).toThrow(/CHECK constraint failed/);
      expect(bad({ type: 'iceberg' })).toThrow(/CHECK constraint failed/);
      expect(bad({ state: 'NEW' })).toThrow(/CHECK constraint failed/);
      expect(bad({ timeInForce: 'gtd' })).toThrow(/CHECK constraint failed/);
      expect(bad({ role: 'hedge' })).toThrow(/order role "hedge" is not one of entry, stop/);
    });
  });

  describe('orderIntents.updateState', () => {
    it('applies the patch, bumps the version and writes the event in the same transaction', () => {
      const created = store.orderIntents.insert(sampleIntent());
      clock.advance(1000);
      const submitted = store.orderIntents.updateState(created.clientOrderId, 0, {
        state: 'SUBMITTED',
        brokerOrderId: parseBrokerOrderId('61e69015-8549-4bfd-b9c3-01e75843f47d'),
        attempts: 1,
        event: { type: 'submitted', payload: { http: 200 } },
      });
      expect(submitted).toMatchObject({ state: 'SUBMITTED', version: 1, attempts: 1, updatedAt: clock.now(), createdAt: created.createdAt });
      clock.advance(1000);
      const partial = store.orderIntents.updateState(created.clientOrderId, 1, {
        state: 'PARTIALLY_FILLED',
        filledQty: Decimal.of('4'),
        avgFillPrice: Decimal.of('100.0001'),
        event: { type: 'partially_filled', brokerEventId: 'exec-1' },
      });
      expect(partial.filledQty.toString()).toBe('4');
      expect(partial.avgFillPrice?.toString()).toBe('100.0001');
      expect(partial.brokerOrderId).toBe('61e69015-8549-4bfd-b9c3-01e75843f47d');
      expect(store.orderIntents.findByBrokerOrderId('61e69015-8549-4bfd-b9c3-01e75843f47d')?.version).toBe(2);
      const events = store.orderEvents.listFor(created.clientOrderId);
      expect(events.map((e) => [e.type, e.fromState, e.toState])).toEqual([
        ['created', null, 'PENDING_SUBMIT'],
        ['submitted', 'PENDING_SUBMIT', 'SUBMITTED'],
        ['partially_filled', 'SUBMITTED', 'PARTIALLY_FILLED'],
      ]);
      expect(events[1]?.payload).toEqual({ http: 200 });
    });

    it('throws VersionConflictError when the version moved, and changes nothing', () => {
      const created = store.orderIntents.insert(sampleIntent());
      store.orderIntents.updateState(created.clientOrderId, 0, { state: 'SUBMITTED', event: { type: 'submitted' } });
      let caught: unknown;
      try {
        store.orderIntents.updateState(created.clientOrderId, 0, { state: 'SUBMIT_FAILED', lastError: 'stale writer', event: { type: 'submit_failed' } });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(VersionConflictError);
      expect(caught).toMatchObject({ expectedVersion: 0, actualVersion: 1, code: 'VERSION_CONFLICT' });
      const stored = store.orderIntents.get(created.clientOrderId);
      expect(stored).toMatchObject({ state: 'SUBMITTED', version: 1, lastError: null });
      expect(store.orderEvents.listFor(created.clientOrderId)).toHaveLength(2);
    });

    it('a duplicate broker event id rolls the whole update back', () => {
      const created = store.orderIntents.insert(sampleIntent());
      store.orderIntents.updateState(created.clientOrderId, 0, { state: 'SUBMITTED', event: { type: 'submitted', brokerEventId: 'evt-1' } });
      expect(() => store.orderIntents.updateState(created.clientOrderId, 1, { state: 'CANCELED', event: { type: 'canceled', brokerEventId: 'evt-1' } })).toThrow(
        DuplicateBrokerEventError,
      );
      expect(store.orderIntents.get(created.clientOrderId)).toMatchObject({ state: 'SUBMITTED', version: 1 });
      expect(store.orderEvents.hasBrokerEvent('evt-1')).toBe(true);
    });

    it('throws IntentNotFoundError for an unknown id', () => {
      expect(() => store.orderIntents.updateState(cid(1), 0, { state: 'SUBMITTED', event: { type: 'submitted' } })).toThrow(IntentNotFoundError);
    });
  });

  describe('orderIntents queries', () => {
    it('lists open intents, by state, children, and by time window', () => {
      const parent = store.orderIntents.insert(sampleIntent({ clientOrderId: cid(1) }));
      clock.advance(10);
      store.orderIntents.insert(sampleIntent({ clientOrderId: cid(2), role: 'stop', type: 'stop', stopPrice: Decimal.of('95'), side: 'sell', parentClientOrderId: parent.clientOrderId }));
      clock.advance(10);
      const done = store.orderIntents.insert(sampleIntent({ clientOrderId: cid(3) }));
      store.orderIntents.updateState(done.clientOrderId, 0, { state: 'REJECTED', event: { type: 'rejected' } });
      const ids = (list: { clientOrderId: string }[]) => list.map((r) => r.clientOrderId);
      expect(ids(store.orderIntents.listOpen())).toEqual(['cid-0001', 'cid-0002']);
      expect(ids(store.orderIntents.listByState(['REJECTED'] as OrderState[]))).toEqual(['cid-0003']);
      expect(ids(store.orderIntents.listChildren(parent.clientOrderId))).toEqual(['cid-0002']);
      expect(ids(store.orderIntents.list({ since: parent.createdAt + 5 }))).toEqual(['cid-0002', 'cid-0003']);
      expect(ids(store.orderIntents.list({ limit: 1 }))).toEqual(['cid-0003']);
      expect(store.orderIntents.exists(cid(2))).toBe(true);
      expect(store.orderIntents.exists(cid(7))).toBe(false);
    });
  });

  it('a write inside a rolled-back transaction is not read back, even after the record was read in it', () => {
    const created = store.orderIntents.insert(sampleIntent({ clientOrderId: cid(1) }));
    expect(() => store.transaction(() => {
      const updated = store.orderIntents.updateState(cid(1), created.version, { state: 'SUBMITTED', event: { type: 'submitted' } });
      expect(store.orderIntents.get(cid(1))).toEqual(updated);
      throw new Error('crash after the write');
    })).toThrow('crash after the write');
    expect(store.orderIntents.get(cid(1))).toEqual(created);
    expect(store.orderIntents.updateState(cid(1), created.version, { state: 'SUBMITTED', event: { type: 'submitted' } }).version).toBe(created.version + 1);
  });

  it('a rolled-back insert is not found afterwards', () => {
    expect(() => store.transaction(() => {
      store.orderIntents.insert(sampleIntent({ clientOrderId: cid(2) }));
      throw new Error('rolled back');
    })).toThrow('rolled back');
    expect(store.orderIntents.get(cid(2))).toBeUndefined();
    expect(store.orderIntents.exists(cid(2))).toBe(false);
  });
});

describe('orderIntents cache (cacheRecords)', () => {
  it('hands out frozen records equal to the stored rows', () => {
    const cached = openStore(':memory:', { now: new ManualClock().now, cacheRecords: true });
    try {
      const record = cached.orderIntents.insert(sampleIntent({ clientOrderId: cid(3), extra: { legs: ['stop'], nested: { a: 1 } } }));
      expect(Object.isFrozen(record)).toBe(true);
      expect(Object.isFrozen(record.extra)).toBe(true);
      expect(Object.isFrozen((record.extra as { nested: object }).nested)).toBe(true);
      expect(cached.orderIntents.get(cid(3))).toBe(record);
      expect(cached.orderIntents.list()).toEqual([record]);
    } finally {
      cached.close();
    }
  });

  it('what it hands out equals the table (list() reads the table) after inserts and every kind of update', () => {
    const clock = new ManualClock();
    const cachedStore = openStore(':memory:', { now: clock.now, cacheRecords: true });
    try {
      const repo = cachedStore.orderIntents;
      repo.insert(sampleIntent({ clientOrderId: cid(10), type: 'limit', limitPrice: Decimal.of('187.1200'), extra: { legs: ['stop'], n: 1.5 } }));
      clock.advance(1000);
      repo.insert(sampleIntent({ clientOrderId: cid(11), parentClientOrderId: cid(10), role: 'stop', side: 'sell', type: 'stop', stopPrice: Decimal.of('180.5'), timeInForce: 'gtc', signalTs: null, state: 'SUBMITTED' }));
      let v = 0;
      const update = (patch: Omit<Parameters<typeof repo.updateState>[2], 'event'>) => {
        clock.advance(1000);
        repo.updateState(cid(10), v++, { ...patch, event: { type: 'step', payload: { n: v } } });
      };
      update({ state: 'SUBMITTED' });
      update({ brokerOrderId: parseBrokerOrderId('broker-10') });
      update({ state: 'PARTIALLY_FILLED', filledQty: Decimal.of('4.000'), avgFillPrice: Decimal.of('187.10') });
      update({ attempts: 2, lastError: 'timeout' });
      update({ extra: { legs: [], closed_externally: true } });
      update({ extra: null, lastError: null, brokerOrderId: null });
      update({ state: 'FILLED', filledQty: Decimal.of('10'), avgFillPrice: Decimal.of('187.111') });
      const stored = repo.list();
      expect(stored).toHaveLength(2);
      for (const record of stored) expect(repo.get(record.clientOrderId)).toEqual(record);
      expect(repo.get(cid(10))).toMatchObject({ version: 7, state: 'FILLED', extra: null, brokerOrderId: null, attempts: 2 });
    } finally {
      cachedStore.close();
    }
  });

  it('is refused for a database file (another connection could write it)', () => {
    expect(() => openStore('/tmp/never-created/alpaca-bot.db', { cacheRecords: true })).toThrow(/cacheRecords is only for ':memory:' stores/);
  });
});
