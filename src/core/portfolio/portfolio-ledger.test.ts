// The ledger's writes through the Store port and the restore at startup, against an in-memory store slice:
// trades written once, adjustments persisted before they apply, a crash between fill and trade backfilled,
// the day's start equity and the peak surviving a restart.
import { describe, expect, it } from 'vitest';
import type { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import type { BotStateEntry, EquityPoint, FillRecord, JsonValue, NewTrade, OrderIntentRecord } from '../../ports/store-records.js';
import type { PortfolioFill } from './portfolio-fill.js';
import { PortfolioLedger, type PortfolioRestoreStore } from './portfolio-ledger.js';
import { PORTFOLIO_STATE_KEYS } from './portfolio-state-codec.js';
import { AAPL, MSFT, T0, d, fill, installDecimalEquality, stateOf } from './portfolio-test-kit.js';
import { Portfolio } from './portfolio.js';

installDecimalEquality();

/** An in-memory store slice; `fills` is filled by the test the way the order manager would. */
class MemoryStore implements PortfolioRestoreStore {
  readonly tradeRows: NewTrade[] = [];
  readonly points: EquityPoint[] = [];
  readonly fillRows: FillRecord[] = [];
  readonly intentRows = new Map<ClientOrderId, OrderIntentRecord>();
  readonly state = new Map<string, JsonValue>();
  failStateWrites = false;

  readonly trades = {
    insert: (trade: NewTrade): number => this.tradeRows.push(trade),
    list: () => this.tradeRows.map((t, i) => ({ ...t, id: i + 1, durationS: 0, createdAt: 0 }) as never),
  };
  readonly equity = { record: (point: EquityPoint): void => { this.points.push(point); } };
  readonly fills = { list: (): FillRecord[] => [...this.fillRows].sort((a, b) => a.ts - b.ts) };
  readonly orderIntents = { get: (id: ClientOrderId): OrderIntentRecord | undefined => this.intentRows.get(id) };
  readonly botState = {
    get: (key: string): JsonValue | undefined => this.state.get(key),
    set: (key: string, value: JsonValue): void => {
      if (this.failStateWrites) throw new Error('disk full');
      this.state.set(key, JSON.parse(JSON.stringify(value)) as JsonValue);
    },
    delete: (key: string): boolean => this.state.delete(key),
    list: (): BotStateEntry[] => [...this.state].map(([key, value]) => ({ key, value, updatedAt: 0 })),
  };
  transaction<T>(fn: () => T): T { return fn(); }

  /** Records a fill row and its intent, as the order manager does before the ledger sees it. */
  record(f: PortfolioFill): PortfolioFill {
    this.fillRows.push({ id: this.fillRows.length + 1, executionId: f.executionId, clientOrderId: f.clientOrderId, brokerOrderId: null, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, commission: f.commission, ts: f.at });
    this.intentRows.set(f.clientOrderId, { clientOrderId: f.clientOrderId, strategy: f.strategy, role: f.role, correlationId: null } as unknown as OrderIntentRecord);
    return f;
  }
}

const START: Decimal = d('100000');
const newLedger = (store: MemoryStore): PortfolioLedger => new PortfolioLedger(new Portfolio({ startingCash: START }), store);

describe('PortfolioLedger live path', () => {
  it('writes a completed round trip once, never for a duplicate fill', () => {
    const store = new MemoryStore();
    const ledger = newLedger(store);
    ledger.applyFill(store.record(fill({ side: 'buy', qty: '10', price: '100', at: T0 })));
    expect(store.tradeRows).toEqual([]);
    const exit = store.record(fill({ side: 'sell', qty: '10', price: '101', commission: '1', at: T0 + 1000 }));
    ledger.applyFill(exit);
    ledger.applyFill(exit);
    expect(store.tradeRows).toHaveLength(1);
    expect(store.tradeRows[0]).toMatchObject({ symbol: 'AAPL', pnl: d('9'), qty: d('10') });
  });

  it('persists an adjustment before applying it, and applies nothing when the write fails', () => {
    const store = new MemoryStore();
    const ledger = newLedger(store);
    store.failStateWrites = true;
    expect(() => ledger.adoptPosition(AAPL, d('5'), d('10'), { at: T0 })).toThrow('disk full');
    expect(ledger.portfolio.position(AAPL)).toBeUndefined();
    store.failStateWrites = false;
    ledger.adoptPosition(AAPL, d('5'), d('10'), { at: T0 });
    expect(store.state.get(PORTFOLIO_STATE_KEYS.adjustments)).toEqual([
      { kind: 'adopt', symbol: 'AAPL', qty: '5', avgPrice: '10', at: T0, strategy: 'adopted', afterExecutionId: null },
    ]);
  });

  it('records equity points and the peak, and a manual peak reset with who did it', () => {
    const store = new MemoryStore();
    const ledger = newLedger(store);
    ledger.applyFill(store.record(fill({ side: 'buy', qty: '100', price: '100', at: T0 })));
    ledger.mark(AAPL, d('110'));
    const point = ledger.recordEquity(T0 + 60_000);
    expect(point).toMatchObject({ ts: T0 + 60_000, equity: d('101000'), cash: d('90000'), openPositions: 1 });
    expect(store.points).toHaveLength(1);
    expect(store.state.get(PORTFOLIO_STATE_KEYS.peak)).toEqual({ equity: '101000', at: T0 + 60_000, resetBy: null });
    ledger.mark(AAPL, d('90'));
    ledger.recordEquity(T0 + 120_000);
    expect(store.state.get(PORTFOLIO_STATE_KEYS.peak)).toMatchObject({ equity: '101000' });
    expect(ledger.resetPeak('cli', T0 + 130_000).toString()).toBe('99000');
    expect(store.state.get(PORTFOLIO_STATE_KEYS.peak)).toEqual({ equity: '99000', at: T0 + 130_000, resetBy: 'cli' });
  });
});

describe('PortfolioLedger.restore', () => {
  /** A session: two symbols, a flip, an adoption and a local close, a day start. */
  function session(store: MemoryStore): PortfolioLedger {
    const ledger = newLedger(store);
    ledger.startDay({ date: '2025-03-10', startsAt: T0 });
    ledger.applyFill(store.record(fill({ side: 'buy', qty: '10', price: '50', at: T0 + 1, exec: 'a1', cid: 'c-a1' })));
    ledger.applyFill(store.record(fill({ side: 'sell', qty: '25', price: '49', commission: '1', at: T0 + 2, exec: 'a2', cid: 'c-a2', role: 'entry' })));
    ledger.adoptPosition(MSFT, d('7'), d('300'), { at: T0 + 3 });
    ledger.applyFill(store.record(fill({ symbol: MSFT, side: 'sell', qty: '7', price: '301', at: T0 + 4, exec: 'm1', cid: 'c-m1' })));
    ledger.applyFill(store.record(fill({ symbol: MSFT, side: 'buy', qty: '3', price: '302', at: T0 + 5, exec: 'm2', cid: 'c-m2' })));
    ledger.closePositionLocally(MSFT, 'vanished at broker', T0 + 6);
    ledger.applyFill(store.record(fill({ symbol: MSFT, side: 'buy', qty: '2', price: '303', at: T0 + 7, exec: 'm3', cid: 'c-m3' })));
    ledger.mark(AAPL, d('47'));
    ledger.recordEquity(T0 + 60_000);
    return ledger;
  }

  it('rebuilds the same ledger from the store and writes no trade twice', () => {
    const store = new MemoryStore();
    const live = session(store);
    expect(store.tradeRows.map((t) => [t.symbol, t.side, t.strategy, t.pnl.toString()])).toEqual([
      ['AAPL', 'long', 'sma_crossover', '-10.4'],
      ['MSFT', 'long', 'adopted', '7'],
    ]);
    // The account's cash at startup: what the live ledger ended with.
    const report = PortfolioLedger.restore(store, live.portfolio.cash);
    expect(report).toMatchObject({ fills: 5, duplicates: 0, backfilledTrades: [], unattributedFills: [] });
    expect(report.ledger.portfolio.startingCash.toString()).toBe('100000');
    report.ledger.mark(AAPL, d('47'));
    expect(stateOf(report.ledger.portfolio)).toEqual(stateOf(live.portfolio));
    expect(report.ledger.portfolio.peakEquity.toString()).toBe(live.portfolio.peakEquity.toString());
    expect(report.ledger.portfolio.startOfDayEquity().toString()).toBe('100000');
  });

  it('holds the peak after a restart until cash is synced with the account', () => {
    const store = new MemoryStore();
    const live = newLedger(store);
    live.applyFill(store.record(fill({ side: 'buy', qty: '10', price: '100', at: T0, exec: 'b1' })));
    live.recordEquity(T0 + 1);
    // The bot dies; at the broker the stop sold at 120, and the account's cash (101200) already holds it.
    const { ledger } = PortfolioLedger.restore(store, d('101200'));
    expect(ledger.portfolio.peakHeld).toBe(true);
    // Reconciliation records the missing fill: local cash counts the 1200 twice for a moment.
    ledger.applyFill(store.record(fill({ side: 'sell', qty: '10', price: '120', at: T0 + 2, exec: 's1', role: 'stop' })));
    expect(ledger.portfolio.equity().toString()).toBe('102400');
    expect(ledger.portfolio.peakEquity.toString()).toBe('100000');
    expect(ledger.syncCash(d('101200')).toString()).toBe('-1200');
    expect(ledger.portfolio.peakHeld).toBe(false);
    expect(ledger.portfolio.peakEquity.toString()).toBe('101200');
    expect(store.tradeRows.map((t) => t.pnl.toString())).toEqual(['200']);
  });

  it('backfills a round trip lost between the fill and its trade row, once', () => {
    const store = new MemoryStore();
    session(store);
    const lost = store.tradeRows.pop()!;
    const first = PortfolioLedger.restore(store, START);
    expect(first.backfilledTrades).toEqual([lost]);
    expect(store.tradeRows).toHaveLength(2);
    expect(PortfolioLedger.restore(store, START).backfilledTrades).toEqual([]);
  });

  it('keeps the stored start-of-day equity when the same day is started again after a restart', () => {
    const store = new MemoryStore();
    session(store);
    const { ledger } = PortfolioLedger.restore(store, START);
    expect(ledger.startDay({ date: '2025-03-10', startsAt: T0, equity: d('1') })).toBe(false);
    expect(ledger.portfolio.startOfDayEquity().toString()).toBe('100000');
    expect(ledger.startDay({ date: '2025-03-11', startsAt: T0 + 86_400_000 })).toBe(true);
    expect(store.state.get(PORTFOLIO_STATE_KEYS.day)).toEqual({ date: '2025-03-11', startsAt: T0 + 86_400_000, equity: ledger.portfolio.equity().toString() });
  });

  it('attributes a fill without a known order to `reconciled` and reports it', () => {
    const store = new MemoryStore();
    store.record(fill({ side: 'buy', qty: '1', price: '10', exec: 'x1', cid: 'manual-1' }));
    store.intentRows.clear();
    const report = PortfolioLedger.restore(store, START);
    expect(report.unattributedFills).toEqual(['x1']);
    expect(report.ledger.portfolio.position(AAPL)?.strategy).toBe('reconciled');
  });

  it('refuses a malformed bot_state row with the key and field', () => {
    const store = new MemoryStore();
    store.state.set(PORTFOLIO_STATE_KEYS.adjustments, [{ kind: 'adopt', symbol: 'AAPL', qty: 1.5, avgPrice: '1', at: 1, strategy: 'adopted', afterExecutionId: null }]);
    expect(() => PortfolioLedger.restore(store, START)).toThrow('bot_state portfolio:adjustments[0]: qty must be a string, got 1.5');
    store.state.set(PORTFOLIO_STATE_KEYS.adjustments, []);
    store.state.set(PORTFOLIO_STATE_KEYS.peak, { equity: 'lots', at: 1, resetBy: null });
    expect(() => PortfolioLedger.restore(store, START)).toThrow('bot_state portfolio:peak: equity must be a decimal string, got "lots"');
  });
});
