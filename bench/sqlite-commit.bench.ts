// SQLite write transactions as the order manager commits them (issue #5, SPEC §17: p99 under 5 ms): one
// `orderIntents.insert` (intent + its `created` event) and one `updateState` (state + event), each its own
// transaction, on a file database with WAL and synchronous=FULL — the real durability cost. No assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../src/adapters/sqlite/index.js';
import { Decimal } from '../src/domain/decimal.js';
import { asCorrelationId, parseBrokerOrderId, parseClientOrderId, parseStrategyId, parseTicker } from '../src/domain/ids.js';
import type { BenchResult } from './run.js';
import { ms3, quantile } from './support/engine-rig.js';

const OPERATIONS = 2000;

export function benchSqliteCommit(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-bench-sqlite-'));
  const store = openStore(join(dir, 'bench.db'));
  const inserts: number[] = [];
  const updates: number[] = [];
  try {
    for (let i = 0; i < OPERATIONS / 2; i++) {
      const cid = parseClientOrderId(`bench${String(i).padStart(8, '0')}`);
      let start = performance.now();
      const record = store.orderIntents.insert({
        clientOrderId: cid, correlationId: asCorrelationId(`corr-${String(i)}`), strategy: parseStrategyId('sma_crossover'), symbol: parseTicker('AAPL'),
        side: 'buy', type: 'market', timeInForce: 'day', qty: Decimal.of('10'), role: 'entry', signalTs: 1_718_000_000_000 + i * 60_000,
      });
      inserts.push(performance.now() - start);
      start = performance.now();
      store.orderIntents.updateState(cid, record.version, { state: 'SUBMITTED', brokerOrderId: parseBrokerOrderId(`b-${String(i)}`), event: { type: 'submitted' } });
      updates.push(performance.now() - start);
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const all = [...inserts, ...updates];
  return Promise.resolve([
    { name: `SQLite commit p50 (${String(all.length)} transactions: intent insert or state update, file DB, WAL, synchronous=FULL)`, value: ms3(quantile(all, 0.5)), unit: 'ms' },
    { name: 'SQLite commit p99', value: ms3(quantile(all, 0.99)), unit: 'ms' },
    { name: 'SQLite commit max', value: ms3(Math.max(...all)), unit: 'ms' },
    { name: 'SQLite intent insert p99', value: ms3(quantile(inserts, 0.99)), unit: 'ms' },
    { name: 'SQLite state update p99', value: ms3(quantile(updates, 0.99)), unit: 'ms' },
  ]);
}
