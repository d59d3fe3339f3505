// SPEC §9: order_events and trades are append-only (triggers forbid UPDATE/DELETE); fills, settings history
// and decided signals too. Raw SQL is used on purpose: the guarantee must hold for a person with sqlite3.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import { openDatabase } from './open-store.js';
import { openStore } from './open-store.js';
import { makeTempDir, sampleIntent } from './sqlite-test-kit.js';
import type { Store } from '../../ports/store.js';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let raw: Database.Database;

beforeEach(() => {
  temp = makeTempDir();
  const path = `${temp.dir}/alpaca-bot.db`;
  store = openStore(path);
  const intent = store.orderIntents.insert(sampleIntent());
  store.orderIntents.updateState(intent.clientOrderId, intent.version, { state: 'SUBMITTED', event: { type: 'submitted' } });
  store.fills.insert({ executionId: 'exec-1', clientOrderId: intent.clientOrderId, symbol: intent.symbol, side: 'buy', qty: Decimal.of('10'), price: Decimal.of('100.01'), ts: 1 });
  store.trades.insert({
    strategy: parseStrategyId('sma_crossover'),
    symbol: parseTicker('AAPL'),
    side: 'long',
    qty: Decimal.of('10'),
    entryPrice: Decimal.of('100'),
    exitPrice: Decimal.of('101'),
    entryTs: 1_000,
    exitTs: 61_000,
    pnl: Decimal.of('10'),
    pnlPct: Decimal.of('0.01'),
  });
  store.settingsOverrides.set('risk.max_trades_per_day', 10, 'tester');
  const signal = store.signals.insert({
    correlationId: asCorrelationId('c'),
    strategy: parseStrategyId('sma_crossover'),
    symbol: parseTicker('AAPL'),
    timeframe: '1Min',
    signalTs: 1,
    action: 'enter_long',
    reason: 'fast crossed above slow',
  });
  store.signals.recordDecision(signal, { decision: 'denied', code: 'KILL_SWITCH', reason: 'kill switch on' });
  raw = openDatabase(path);
});

afterEach(() => {
  raw.close();
  store.close();
  temp.cleanup();
});

describe('append-only tables', () => {
  for (const table of ['order_events', 'trades', 'fills', 'settings_overrides']) {
    it(`${table}: UPDATE fails with a message saying it is append-only`, () => {
      const column = table === 'trades' ? 'pnl' : table === 'fills' ? 'price' : table === 'settings_overrides' ? 'changed_by' : 'type';
      expect(() => raw.prepare(`UPDATE ${table} SET ${column} = '1'`).run()).toThrow(`${table} is append-only: UPDATE is not allowed`);
    });

    it(`${table}: DELETE fails with a message saying it is append-only`, () => {
      expect(() => raw.prepare(`DELETE FROM ${table}`).run()).toThrow(`${table} is append-only: DELETE is not allowed`);
      expect((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBeGreaterThan(0);
    });
  }

  it('a decided signal cannot be changed or deleted', () => {
    expect(() => raw.prepare("UPDATE signals SET risk_decision = 'approved'").run()).toThrow('a decided signal is immutable');
    expect(() => raw.prepare('DELETE FROM signals').run()).toThrow('signals is append-only');
  });

  it('inserting more rows still works (append is allowed)', () => {
    const cid = sampleIntent().clientOrderId;
    expect(store.orderEvents.append({ clientOrderId: cid, type: 'note_added' })).toBe(true);
    expect(store.orderEvents.listFor(cid).map((e) => e.type)).toEqual(['created', 'submitted', 'note_added']);
  });
});
