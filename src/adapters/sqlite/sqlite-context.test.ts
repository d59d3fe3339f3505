// The store's transaction runner (one reused better-sqlite3 transaction function): commits, rolls back on a
// throw, nests as a savepoint (an inner failure caught by the outer keeps the outer's writes), refuses a
// promise-returning body, and returns the body's value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../ports/store.js';
import { openStore } from './open-store.js';
import { ManualClock } from './sqlite-test-kit.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:', { now: new ManualClock().now });
});
afterEach(() => {
  store.close();
});

describe('store.transaction', () => {
  it('commits the writes of the body and returns its value', () => {
    const value = store.transaction(() => {
      store.botState.set('a', 1);
      store.botState.set('b', 2);
      return 'done';
    });
    expect(value).toBe('done');
    expect([store.botState.get('a'), store.botState.get('b')]).toEqual([1, 2]);
  });

  it('rolls every write back when the body throws, and rethrows', () => {
    expect(() => store.transaction(() => {
      store.botState.set('a', 1);
      throw new Error('boom');
    })).toThrow('boom');
    expect(store.botState.get('a')).toBeUndefined();
    store.transaction(() => { store.botState.set('a', 3); });
    expect(store.botState.get('a')).toBe(3);
  });

  it('nests as a savepoint: a failed inner body caught by the outer keeps the outer writes only', () => {
    store.transaction(() => {
      store.botState.set('outer', 1);
      try {
        store.transaction(() => {
          store.botState.set('inner', 2);
          throw new Error('inner');
        });
      } catch {
        // the outer goes on
      }
      store.transaction(() => { store.botState.set('inner2', 3); });
    });
    expect([store.botState.get('outer'), store.botState.get('inner'), store.botState.get('inner2')]).toEqual([1, undefined, 3]);
  });

  it('an outer failure rolls back the committed inner savepoints too', () => {
    expect(() => store.transaction(() => {
      store.transaction(() => { store.botState.set('inner', 2); });
      throw new Error('outer');
    })).toThrow('outer');
    expect(store.botState.get('inner')).toBeUndefined();
  });

  it('refuses a body that returns a promise, writing nothing', () => {
    expect(() => store.transaction(() => {
      store.botState.set('a', 1);
      return Promise.resolve();
    })).toThrow(/promise/);
    expect(store.botState.get('a')).toBeUndefined();
  });
});
