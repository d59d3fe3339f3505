// SPEC §9: "a person can answer 'what happened today' with sqlite3 alone" — the v_today_* views, read with
// plain SQL on a second connection as the sqlite3 shell would.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import type { Store } from '../../ports/store.js';
import { openStore } from './open-store.js';
import { makeTempDir, sampleIntent } from './sqlite-test-kit.js';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let path: string;
const DAY = 86_400_000;

beforeEach(() => {
  temp = makeTempDir();
  path = join(temp.dir, 'alpaca-bot.db');
  store = openStore(path);
});
afterEach(() => {
  store.close();
  temp.cleanup();
});

describe('views for people', () => {
  it("v_today_* show today's orders, fills, trades and signals, not yesterday's; v_today_summary and v_breaker summarise", () => {
    const now = Date.now();
    store.orderIntents.insert(sampleIntent());
    store.fills.insert({ executionId: 'x1', clientOrderId: sampleIntent().clientOrderId, symbol: parseTicker('AAPL'), side: 'buy', qty: Decimal.of('10'), price: Decimal.of('187.5'), ts: now });
    store.fills.insert({ executionId: 'x0', clientOrderId: sampleIntent().clientOrderId, symbol: parseTicker('AAPL'), side: 'buy', qty: Decimal.of('1'), price: Decimal.of('1'), ts: now - 2 * DAY });
    const base = { strategy: parseStrategyId('sma_crossover'), symbol: parseTicker('AAPL'), side: 'long' as const, qty: Decimal.of('10'), entryPrice: Decimal.of('187.5'), exitPrice: Decimal.of('188') };
    store.trades.insert({ ...base, entryTs: now - 1000, exitTs: now, pnl: Decimal.of('5.01'), pnlPct: Decimal.of('0.0027') });
    store.trades.insert({ ...base, entryTs: now - 2 * DAY, exitTs: now - 2 * DAY + 1, pnl: Decimal.of('-100'), pnlPct: Decimal.of('-0.05') });
    const signal = store.signals.insert({ correlationId: asCorrelationId('c'), strategy: base.strategy, symbol: base.symbol, timeframe: '1Min', signalTs: now, action: 'enter_long', reason: 'cross' });
    store.signals.recordDecision(signal, { decision: 'denied', code: 'MAX_TRADES_PER_DAY', reason: '20 trades today' });
    store.breaker.tripBreaker('e2e');

    const shell = new Database(path, { readonly: true });
    try {
      expect(shell.prepare('SELECT client_order_id, state, qty FROM v_today_orders').all()).toEqual([
        { client_order_id: parseClientOrderId('a1b2c3d4e5f60718'), state: 'PENDING_SUBMIT', qty: '10' },
      ]);
      expect(shell.prepare('SELECT execution_id, price FROM v_today_fills').all()).toEqual([{ execution_id: 'x1', price: '187.5' }]);
      expect(shell.prepare('SELECT pnl FROM v_today_trades').all()).toEqual([{ pnl: '5.01' }]);
      expect(shell.prepare('SELECT risk_decision, risk_code FROM v_today_signals').all()).toEqual([{ risk_decision: 'denied', risk_code: 'MAX_TRADES_PER_DAY' }]);
      expect(shell.prepare('SELECT type, to_state FROM v_today_order_events').all()).toEqual([{ type: 'created', to_state: 'PENDING_SUBMIT' }]);
      expect(shell.prepare('SELECT * FROM v_today_summary').get()).toEqual({ signals: 1, signals_denied: 1, orders: 1, fills: 1, trades: 1, pnl_display: 5.01, breaker_tripped: 1 });
      expect(shell.prepare('SELECT tripped, reason FROM v_breaker').get()).toEqual({ tripped: 1, reason: 'e2e' });
      const created = (shell.prepare('SELECT created FROM v_orders').get() as { created: string }).created;
      expect(created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    } finally {
      shell.close();
    }
  });

  it('v_settings_current shows the latest value per key and hides cleared overrides', () => {
    store.settingsOverrides.set('log_level', 'debug', 'a');
    store.settingsOverrides.set('log_level', 'warn', 'b');
    store.settingsOverrides.set('watchlist', ['AAPL'], 'a');
    store.settingsOverrides.clear('watchlist', 'a');
    const shell = new Database(path, { readonly: true });
    try {
      expect(shell.prepare('SELECT key, value, previous_value, changed_by FROM v_settings_current').all()).toEqual([
        { key: 'log_level', value: '"warn"', previous_value: '"debug"', changed_by: 'b' },
      ]);
    } finally {
      shell.close();
    }
  });
});
