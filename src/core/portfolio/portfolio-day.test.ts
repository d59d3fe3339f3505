// The day's numbers, peak and drawdown, the loss streak, entries today, adoption and local closes.
import { describe, expect, it } from 'vitest';
import { PortfolioStateError } from './portfolio-fill.js';
import { AAPL, MSFT, T0, d, fill, installDecimalEquality } from './portfolio-test-kit.js';
import { Portfolio } from './portfolio.js';

installDecimalEquality();

const DAY = 86_400_000;
const fresh = (cash = '100000'): Portfolio => new Portfolio({ startingCash: d(cash) });

describe('daily P&L across startDay', () => {
  it('measures against the start-of-day equity and restarts today’s numbers', () => {
    const p = fresh();
    expect(p.startDay({ date: '2025-03-10', startsAt: T0 })).toBe(true);
    p.applyFill(fill({ side: 'buy', qty: '10', price: '100', at: T0 + 1000 }));
    p.mark(AAPL, d('105'));
    // equity 100000 − 1000 + 1050 = 100050 → +50 today
    expect(p.dailyPnl().toString()).toBe('50');
    expect(p.riskFacts().entriesToday).toBe(1);
    // the same date again changes nothing
    expect(p.startDay({ date: '2025-03-10', startsAt: T0, equity: d('1') })).toBe(false);
    expect(p.startOfDayEquity().toString()).toBe('100000');

    expect(p.startDay({ date: '2025-03-11', startsAt: T0 + DAY })).toBe(true);
    expect(p.startOfDayEquity().toString()).toBe('100050');
    expect(p.riskFacts().entriesToday).toBe(0);
    p.mark(AAPL, d('110'));
    expect(p.dailyPnl().toString()).toBe('50');
    p.applyFill(fill({ side: 'sell', qty: '4', price: '110', commission: '1', at: T0 + DAY + 5000 }));
    // realized today (110 − 100) × 4 − 1 = 39
    expect(p.snapshot().realizedToday).toBe('39');
    expect(p.snapshot().dailyPnlPct).toBe(d('49').div(d('100050')).toString());
  });

  it('counts an entry order once across its partial fills, and not a fill from before the day start', () => {
    const p = fresh();
    p.startDay({ date: '2025-03-11', startsAt: T0 });
    p.applyFill(fill({ side: 'buy', qty: '3', price: '10', at: T0 - 1, cid: 'late-yesterday' }));
    p.applyFill(fill({ side: 'buy', qty: '3', price: '10', at: T0 + 1, cid: 'entry-a' }));
    p.applyFill(fill({ side: 'buy', qty: '2', price: '10', at: T0 + 2, cid: 'entry-a' }));
    p.applyFill(fill({ symbol: MSFT, side: 'buy', qty: '1', price: '10', at: T0 + 3, cid: 'entry-b' }));
    p.applyFill(fill({ side: 'sell', qty: '8', price: '10', at: T0 + 4, cid: 'exit-a' }));
    expect(p.riskFacts().entriesToday).toBe(2);
  });

  it('counts today’s events recorded before startDay was called (restart before the session start call)', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '1', price: '10', at: T0 - 10, cid: 'old' }));
    p.applyFill(fill({ side: 'buy', qty: '1', price: '10', at: T0 + 10, cid: 'new' }));
    p.startDay({ date: '2025-03-10', startsAt: T0 });
    expect(p.riskFacts().entriesToday).toBe(1);
  });

  it('uses the given start-of-day equity', () => {
    const p = fresh();
    p.startDay({ date: '2025-03-10', startsAt: T0, equity: d('99000') });
    expect(p.dailyPnl().toString()).toBe('1000');
  });
});

describe('peak and drawdown', () => {
  it('tracks the peak through marks and resets it by hand', () => {
    const p = fresh('10000');
    p.applyFill(fill({ side: 'buy', qty: '100', price: '100' }));
    p.mark(AAPL, d('110'));
    expect(p.peakEquity.toString()).toBe('11000');
    p.mark(AAPL, d('99'));
    // (11000 − 9900) / 11000 = 0.1
    expect(p.drawdown().toString()).toBe('0.1');
    expect(p.riskFacts()).toMatchObject({ peakEquity: d('11000'), drawdown: d('0.1'), equity: d('9900') });
    p.mark(AAPL, d('120'));
    expect(p.peakEquity.toString()).toBe('12000');
    expect(p.drawdown().isZero()).toBe(true);
    p.mark(AAPL, d('90'));
    expect(p.resetPeak().toString()).toBe('9000');
    expect(p.drawdown().isZero()).toBe(true);
    p.restorePeak(d('9500'));
    expect(p.peakEquity.toString()).toBe('9500');
    p.restorePeak(d('100'));
    expect(p.peakEquity.toString()).toBe('9000');
  });
});

describe('loss streak', () => {
  const trip = (p: Portfolio, exit: string, at: number): void => {
    p.applyFill(fill({ side: 'buy', qty: '1', price: '100', at }));
    p.applyFill(fill({ side: 'sell', qty: '1', price: exit, at: at + 1 }));
  };

  it('counts consecutive losing round trips, resets on a winner, and today’s count resets at startDay', () => {
    const p = fresh();
    p.startDay({ date: '2025-03-10', startsAt: T0 });
    trip(p, '99', T0 + 10);
    trip(p, '98', T0 + 20);
    expect(p.riskFacts()).toMatchObject({ lossStreak: 2, lossStreakToday: 2, lastLossAt: T0 + 21 });
    trip(p, '101', T0 + 30);
    expect(p.riskFacts()).toMatchObject({ lossStreak: 0, lossStreakToday: 0 });
    trip(p, '99', T0 + 40);
    trip(p, '99', T0 + 50);
    trip(p, '99', T0 + 60);
    expect(p.riskFacts()).toMatchObject({ lossStreak: 3, lossStreakToday: 3 });
    p.startDay({ date: '2025-03-11', startsAt: T0 + DAY });
    expect(p.riskFacts()).toMatchObject({ lossStreak: 3, lossStreakToday: 0 });
  });

  it('counts a trip that loses only through commission as a loss, and break-even as not', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '1', price: '100' }));
    p.applyFill(fill({ side: 'sell', qty: '1', price: '100', commission: '0.01' }));
    expect(p.lossStreak).toBe(1);
    p.applyFill(fill({ side: 'buy', qty: '1', price: '100' }));
    p.applyFill(fill({ side: 'sell', qty: '1', price: '100' }));
    expect(p.lossStreak).toBe(0);
    expect(p.strategies.all()[0]).toMatchObject({ roundTrips: 2, wins: 0, losses: 1 });
  });
});

describe('adoption and local closes (SPEC §8)', () => {
  it('adopts at the broker’s average without moving cash, and the later exit is an adopted round trip', () => {
    const p = fresh();
    const adjustment = p.adoptPosition(AAPL, d('10'), d('150'), { at: T0 });
    expect(adjustment).toMatchObject({ kind: 'adopt', strategy: 'adopted', afterExecutionId: null });
    expect(p.cash.toString()).toBe('100000');
    expect(p.equity().toString()).toBe('101500');
    expect(p.snapshot().positions[0]).toMatchObject({ strategy: 'adopted', adopted: true, qty: '10', avgEntryPrice: '150' });
    const { trade } = p.applyFill(fill({ side: 'sell', qty: '10', price: '155', at: T0 + 5000 }));
    expect(trade).toMatchObject({ strategy: 'adopted', side: 'long', pnl: d('50'), entryTs: T0, entryClientOrderId: null });
    expect(p.strategies.of(adjustment.strategy).realizedPnl.toString()).toBe('50');
  });

  it('adopts a short (negative qty)', () => {
    const p = fresh();
    p.adoptPosition(MSFT, d('-5'), d('200'), { at: T0 });
    expect(p.equity().toString()).toBe('99000');
    expect(p.position(MSFT)?.costBasis.toString()).toBe('1000');
  });

  it('refuses to adopt over an open position or with zero qty, and to close a flat symbol', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '1', price: '1' }));
    expect(() => p.adoptPosition(AAPL, d('1'), d('1'), { at: T0 })).toThrow(PortfolioStateError);
    expect(() => p.adoptPosition(MSFT, d('0'), d('1'), { at: T0 })).toThrow(/adopted qty of MSFT must be a non-zero Decimal/);
    expect(() => p.closePositionLocally(MSFT, 'vanished', T0)).toThrow(/no local position/);
  });

  it('closes locally without cash, P&L or a round trip; syncCash then aligns with the account', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '10', price: '100', exec: 'e1' }));
    p.mark(AAPL, d('90'));
    const closed = p.closePositionLocally(AAPL, 'vanished at broker', T0 + 1000);
    expect(closed).toMatchObject({ adjustment: { kind: 'close', afterExecutionId: 'e1', reason: 'vanished at broker' }, marketValue: d('900'), unrealizedPnl: d('-100') });
    expect(p.position(AAPL)).toBeUndefined();
    expect(p.roundTrips).toBe(0);
    expect(p.cash.toString()).toBe('99000');
    expect(p.syncCash(d('99905')).toString()).toBe('905');
    expect(p.cashAdjustments.toString()).toBe('905');
    expect(p.equity().toString()).toBe('99905');
  });
});
