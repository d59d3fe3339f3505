// Proves PortfolioLedger.recentTrades (what the risk rules read on every signal) always equals the store's
// `trades.list({ limit })`: read once, then kept in step with each round trip the ledger writes, ties on exit
// time and out-of-order exits included.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { PortfolioLedger } from './portfolio-ledger.js';
import { AAPL, MSFT, T0, d, fill, installDecimalEquality } from './portfolio-test-kit.js';

installDecimalEquality();

describe('PortfolioLedger.recentTrades', () => {
  it('matches trades.list({ limit }) after every round trip', () => {
    const store = openStore(':memory:', { now: () => T0 });
    try {
      const ledger = PortfolioLedger.restore(store, d('100000')).ledger;
      const fromStore = (limit: number) => store.trades.list({ limit }).map((t) => ({ entryTs: t.entryTs, exitTs: t.exitTs, pnl: t.pnl }));
      expect(ledger.recentTrades(3)).toEqual([]);
      // exit minutes: increasing, a tie, then one earlier than the newest (a late-reported exit)
      const exits = [5, 9, 9, 14, 7, 20, 20, 3];
      exits.forEach((minute, i) => {
        const symbol = i % 2 === 0 ? AAPL : MSFT;
        ledger.applyFill(fill({ side: 'buy', qty: '10', price: '100', symbol, at: T0 + i * 60_000 }));
        ledger.applyFill(fill({ side: 'sell', qty: '10', price: String(99 + (i % 3)), symbol, at: T0 + minute * 3_600_000 }));
        expect(ledger.recentTrades(3)).toEqual(fromStore(3));
      });
      expect(ledger.recentTrades(2)).toEqual(fromStore(2));
      expect(ledger.recentTrades(6)).toEqual(fromStore(6)); // a larger window re-reads the store
      expect(ledger.recentTrades(50)).toHaveLength(exits.length);
    } finally {
      store.close();
    }
  });
});
