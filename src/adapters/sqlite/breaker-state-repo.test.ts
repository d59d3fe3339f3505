// SPEC S3: 5 consecutive order failures or 10 consecutive reconnect failures trip the breaker; its state lives in
// SQLite and survives restarts; only a person resets it (or deletes its row).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../ports/store.js';
import { BREAKER_KEY, BREAKER_CLEAR } from './breaker-state-repo.js';
import { openStore } from './open-store.js';
import { makeTempDir, ManualClock } from './sqlite-test-kit.js';

let store: Store;
let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock();
  store = openStore(':memory:', { now: clock.now });
});
afterEach(() => {
  store.close();
});

describe('failure breaker', () => {
  it('starts clear', () => {
    expect(store.breaker.readBreaker()).toEqual(BREAKER_CLEAR);
  });

  it('4 consecutive order failures do not trip it; the 5th does, once', () => {
    for (let i = 1; i <= 4; i += 1) {
      const change = store.breaker.recordOrderFailure(`reject ${String(i)}`);
      expect(change.trippedNow).toBe(false);
      expect(change.state).toMatchObject({ tripped: false, consecutiveOrderFailures: i });
    }
    clock.advance(1000);
    const fifth = store.breaker.recordOrderFailure('403 insufficient buying power');
    expect(fifth.trippedNow).toBe(true);
    expect(fifth.state).toMatchObject({ tripped: true, trippedAt: clock.now(), consecutiveOrderFailures: 5 });
    expect(fifth.state.reason).toBe('5 consecutive order failures; last: 403 insufficient buying power');
    const sixth = store.breaker.recordOrderFailure('again');
    expect(sixth.trippedNow).toBe(false);
    expect(sixth.state.reason).toBe(fifth.state.reason);
  });

  it('a success in between resets the order counter', () => {
    for (let i = 0; i < 4; i += 1) store.breaker.recordOrderFailure();
    expect(store.breaker.recordOrderSuccess().consecutiveOrderFailures).toBe(0);
    for (let i = 0; i < 4; i += 1) expect(store.breaker.recordOrderFailure().trippedNow).toBe(false);
    expect(store.breaker.readBreaker()).toMatchObject({ tripped: false, consecutiveOrderFailures: 4 });
  });

  it('10 consecutive reconnect failures trip it; a successful reconnect resets that count', () => {
    for (let i = 0; i < 9; i += 1) store.breaker.recordReconnectFailure();
    store.breaker.recordReconnectSuccess();
    for (let i = 0; i < 9; i += 1) expect(store.breaker.recordReconnectFailure().trippedNow).toBe(false);
    const tenth = store.breaker.recordReconnectFailure('ECONNRESET');
    expect(tenth.trippedNow).toBe(true);
    expect(tenth.state.reason).toBe('10 consecutive stream reconnect failures; last: ECONNRESET');
  });

  it('thresholds are parameters', () => {
    expect(store.breaker.recordOrderFailure(undefined, 2).trippedNow).toBe(false);
    expect(store.breaker.recordOrderFailure(undefined, 2).trippedNow).toBe(true);
    expect(() => store.breaker.recordReconnectFailure(undefined, 0)).toThrow('reconnect failure limit must be a positive integer, got 0');
  });

  it('tripBreaker keeps the first reason; resetBreaker records who and when and clears the counters', () => {
    store.breaker.recordReconnectFailure();
    const first = store.breaker.tripBreaker('manual: broker outage');
    expect(first.trippedNow).toBe(true);
    clock.advance(5000);
    expect(store.breaker.tripBreaker('second reason').state.reason).toBe('manual: broker outage');
    clock.advance(5000);
    const reset = store.breaker.resetBreaker('alice via alpaca-bot breaker reset');
    expect(reset.previous.tripped).toBe(true);
    expect(reset.state).toEqual({
      tripped: false,
      reason: 'manual: broker outage',
      trippedAt: first.state.trippedAt,
      consecutiveOrderFailures: 0,
      consecutiveReconnectFailures: 0,
      resetBy: 'alice via alpaca-bot breaker reset',
      resetAt: clock.now(),
    });
    expect(() => store.breaker.resetBreaker('')).toThrow(/who/);
  });

  it('stores snake_case JSON under bot_state key "breaker"; deleting the row resets it', () => {
    store.breaker.tripBreaker('x');
    expect(store.botState.get(BREAKER_KEY)).toMatchObject({ tripped: true, reason: 'x', consecutive_order_failures: 0, reset_by: null });
    store.botState.delete(BREAKER_KEY);
    expect(store.breaker.readBreaker()).toEqual(BREAKER_CLEAR);
  });

  it('an unreadable row reads as tripped (fail-safe), and a reset repairs it', () => {
    store.botState.set(BREAKER_KEY, { tripped: 'no' });
    const state = store.breaker.readBreaker();
    expect(state.tripped).toBe(true);
    expect(state.reason).toMatch(/unreadable.*tripped: /);
    store.breaker.resetBreaker('bob');
    expect(store.breaker.readBreaker().tripped).toBe(false);
  });

  it('persists across a reopen of a file database (a restart)', () => {
    const temp = makeTempDir();
    try {
      const path = join(temp.dir, 'alpaca-bot.db');
      const first = openStore(path);
      for (let i = 0; i < 5; i += 1) first.breaker.recordOrderFailure('rejected');
      first.close();
      const second = openStore(path);
      expect(second.breaker.readBreaker()).toMatchObject({ tripped: true, consecutiveOrderFailures: 5 });
      second.breaker.resetBreaker('carol');
      second.close();
      const third = openStore(path);
      expect(third.breaker.readBreaker()).toMatchObject({ tripped: false, resetBy: 'carol' });
      third.close();
    } finally {
      temp.cleanup();
    }
  });

  it('two connections to one file never lose a count (each record is one IMMEDIATE transaction)', () => {
    const temp = makeTempDir();
    try {
      const path = join(temp.dir, 'alpaca-bot.db');
      const a = openStore(path);
      const b = openStore(path);
      for (let i = 0; i < 4; i += 1) (i % 2 === 0 ? a : b).breaker.recordOrderFailure();
      expect(a.breaker.readBreaker().consecutiveOrderFailures).toBe(4);
      expect(b.breaker.recordOrderFailure().trippedNow).toBe(true);
      expect(a.breaker.readBreaker().tripped).toBe(true);
      a.close();
      b.close();
    } finally {
      temp.cleanup();
    }
  });
});

describe('failure breaker writes', () => {
  it('a success with nothing to clear writes nothing (no row appears)', () => {
    const store = openStore(':memory:');
    try {
      store.breaker.recordOrderSuccess();
      store.breaker.recordReconnectSuccess();
      expect(store.botState.get(BREAKER_KEY)).toBeUndefined();
      store.breaker.recordOrderFailure();
      expect(store.botState.get(BREAKER_KEY)).toMatchObject({ consecutive_order_failures: 1 });
    } finally {
      store.close();
    }
  });
});
