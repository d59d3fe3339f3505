// Hand-computed ledger cases: long and short round trips, partial exits, adds at different prices, flips,
// commissions, the trades row, and validation. Every expected number is worked out in the comment beside it.
import { describe, expect, it } from 'vitest';
import { parseStrategyId } from '../../domain/ids.js';
import { PortfolioInputError } from './portfolio-fill.js';
import { AAPL, MSFT, T0, TSLA, d, fill, installDecimalEquality } from './portfolio-test-kit.js';
import { Portfolio } from './portfolio.js';
import { averagePrice } from './position.js';
import { cashBefore } from './rebuild.js';
import { durationSeconds } from './round-trip.js';

installDecimalEquality();

const fresh = (cash = '100000'): Portfolio => new Portfolio({ startingCash: d(cash) });

describe('test harness', () => {
  it('compares Decimals by value in toEqual (vitest alone would not)', () => {
    expect(d('1')).not.toEqual(d('2'));
    expect({ x: d('1.50') }).toEqual({ x: d('1.5') });
  });
});

describe('Portfolio: a long round trip', () => {
  it('books cash, realized P&L net of commissions and a hand-checked trades row', () => {
    const p = fresh();
    const entry = fill({ side: 'buy', qty: '100', price: '150.10', commission: '1', at: T0, cid: 'entry-1' });
    const exit = fill({ side: 'sell', qty: '100', price: '151.35', commission: '1', at: T0 + 90_000, cid: 'stop-1', role: 'stop' });
    expect(p.applyFill(entry).trade).toBeUndefined();
    // cash 100000 − 15010 − 1 = 84989; position 100 @ 150.1
    expect(p.cash.toString()).toBe('84989');
    expect(averagePrice(p.position(AAPL)!).toString()).toBe('150.1');
    const { trade } = p.applyFill(exit);
    // cash 84989 + 15135 − 1 = 100123; gross (151.35 − 150.10) × 100 = 125; net 125 − 2 = 123
    expect(p.cash.toString()).toBe('100123');
    expect(p.grossRealizedPnl.toString()).toBe('125');
    expect(p.realizedPnl.toString()).toBe('123');
    expect(p.position(AAPL)).toBeUndefined();
    expect(p.equity().toString()).toBe('100123');
    expect(trade).toEqual({
      strategy: 'sma_crossover',
      symbol: 'AAPL',
      side: 'long',
      qty: d('100'),
      entryPrice: d('150.1'),
      exitPrice: d('151.35'),
      entryTs: T0,
      exitTs: T0 + 90_000,
      pnl: d('123'),
      // 123 / 15010 = 0.00819453697534976…, 12 places half-even
      pnlPct: d('0.008194536975'),
      commission: d('2'),
      entryClientOrderId: 'entry-1',
      exitClientOrderId: 'stop-1',
      correlationId: null,
      exitReason: 'stop',
    });
    expect(durationSeconds(trade!)).toBe(90);
  });
});

describe('Portfolio: a short round trip', () => {
  it('realizes (entry − exit) × qty and counts negative market value in equity', () => {
    const p = fresh();
    p.applyFill(fill({ symbol: TSLA, side: 'sell', qty: '50', price: '200', commission: '0.5', role: 'entry', at: T0 }));
    // cash 100000 + 10000 − 0.5 = 109999.5; market value −50 × 200 = −10000 → equity 99999.5
    expect(p.cash.toString()).toBe('109999.5');
    expect(p.equity().toString()).toBe('99999.5');
    p.mark(TSLA, d('190'));
    // unrealized (200 − 190) × 50 = 500
    expect(p.unrealizedPnl().toString()).toBe('500');
    expect(p.equity().toString()).toBe('100499.5');
    const { trade } = p.applyFill(fill({ symbol: TSLA, side: 'buy', qty: '50', price: '190', commission: '0.5', role: 'take_profit', at: T0 + 3_600_000 }));
    // gross 500, commissions 1 → 499; pct 499 / 10000 = 0.0499
    expect(trade?.side).toBe('short');
    expect(trade?.pnl.toString()).toBe('499');
    expect(trade?.pnlPct.toString()).toBe('0.0499');
    expect(trade?.exitReason).toBe('take_profit');
    expect(p.cash.toString()).toBe('100499');
    expect(p.equity().toString()).toBe('100499');
  });
});

describe('Portfolio: adds and partial exits', () => {
  it('averages the cost on adds and keeps the average on reductions', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '10', price: '100', at: T0 }));
    p.applyFill(fill({ side: 'buy', qty: '30', price: '104', at: T0 + 1000 }));
    // (1000 + 3120) / 40 = 103
    expect(averagePrice(p.position(AAPL)!).toString()).toBe('103');
    p.applyFill(fill({ side: 'sell', qty: '20', price: '110', at: T0 + 2000 }));
    // (110 − 103) × 20 = 140; 20 left at 103
    expect(p.grossRealizedPnl.toString()).toBe('140');
    expect(averagePrice(p.position(AAPL)!).toString()).toBe('103');
    expect(p.position(AAPL)!.qty.toString()).toBe('20');
    const { trade } = p.applyFill(fill({ side: 'sell', qty: '20', price: '101', at: T0 + 3000 }));
    // (101 − 103) × 20 = −40 → 100 in all; exit price (2200 + 2020) / 40 = 105.5; pct 100 / 4120
    expect(p.grossRealizedPnl.toString()).toBe('100');
    expect(trade).toMatchObject({ qty: d('40'), entryPrice: d('103'), exitPrice: d('105.5'), pnl: d('100'), entryTs: T0, exitTs: T0 + 3000 });
    expect(trade?.pnlPct.toString()).toBe('0.02427184466');
  });

  it('keeps a round trip exact when the average cost does not terminate (10 / 3)', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '1', price: '3' }));
    p.applyFill(fill({ side: 'buy', qty: '2', price: '3.5' }));
    // cost 10 for 3 shares: the average is 3.333333333333 (shown), the basis stays 10 (booked)
    expect(averagePrice(p.position(AAPL)!).toString()).toBe('3.333333333333');
    p.applyFill(fill({ side: 'sell', qty: '1', price: '4' }));
    // 4 − 10/3 = 0.666666666667 (the removed basis is rounded to 12 places)
    expect(p.grossRealizedPnl.toString()).toBe('0.666666666667');
    const { trade } = p.applyFill(fill({ side: 'sell', qty: '2', price: '4' }));
    // the full close removes the remaining basis exactly: total 12 − 10 = 2
    expect(p.grossRealizedPnl.toString()).toBe('2');
    expect(trade?.pnl.toString()).toBe('2');
    expect(p.cash.toString()).toBe('100002');
  });
});

describe('Portfolio: flips through zero', () => {
  it('splits the fill into a close and an open, commission pro rata', () => {
    const p = fresh();
    p.applyFill(fill({ side: 'buy', qty: '10', price: '50', at: T0, strategy: 'alpha' }));
    const flip = p.applyFill(fill({ side: 'sell', qty: '25', price: '55', commission: '2.5', at: T0 + 60_000, role: 'entry', strategy: 'beta', cid: 'flip-1' }));
    // close 10: gross 50, commission 2.5 × 10/25 = 1 → 49; pct 49 / 500 = 0.098
    expect(flip.trade).toMatchObject({ side: 'long', qty: d('10'), pnl: d('49'), commission: d('1'), strategy: 'alpha', exitReason: 'reversal' });
    expect(flip.trade?.pnlPct.toString()).toBe('0.098');
    // open short 15 @ 55 owned by beta, carrying the other 1.5 of commission
    const short = p.position(AAPL)!;
    expect(short.qty.toString()).toBe('-15');
    expect(short.strategy).toBe('beta');
    expect(averagePrice(short).toString()).toBe('55');
    const back = p.applyFill(fill({ side: 'buy', qty: '15', price: '53', at: T0 + 120_000, strategy: 'beta' }));
    // gross (55 − 53) × 15 = 30, − 1.5 = 28.5; pct 28.5 / 825 = 0.034545454545…
    expect(back.trade).toMatchObject({ side: 'short', qty: d('15'), entryPrice: d('55'), exitPrice: d('53'), pnl: d('28.5'), entryTs: T0 + 60_000, entryClientOrderId: 'flip-1' });
    expect(back.trade?.pnlPct.toString()).toBe('0.034545454545');
    expect(p.strategies.of(parseStrategyId('alpha')).realizedPnl.toString()).toBe('49');
    expect(p.strategies.of(parseStrategyId('beta')).realizedPnl.toString()).toBe('28.5');
    // 100000 − 500 + 1375 − 2.5 − 795 = 100077.5 = start + 49 + 28.5
    expect(p.cash.toString()).toBe('100077.5');
  });
});

describe('Portfolio: idempotency and validation', () => {
  it('ignores a fill applied twice', () => {
    const p = fresh();
    const once = fill({ side: 'buy', qty: '10', price: '10', exec: 'same' });
    expect(p.applyFill(once).applied).toBe(true);
    const before = JSON.stringify(p.snapshot());
    expect(p.applyFill(once).applied).toBe(false);
    expect(p.applyFill({ ...once, qty: d('99') }).applied).toBe(false);
    expect(JSON.stringify(p.snapshot())).toBe(before);
  });

  it.each([
    [{ qty: d('0') }, /fill qty must be > 0, got 0/],
    [{ price: d('-1') }, /fill price must be > 0, got -1/],
    [{ commission: d('-0.01') }, /commission must be >= 0, got -0.01/],
    [{ side: 'hold' }, /side must be one of buy, sell; got "hold"/],
    [{ executionId: '' }, /executionId must be a non-empty string/],
    [{ at: 1.5 }, /fill at must be epoch milliseconds/],
    [{ qty: 10 }, /fill qty must be a Decimal, got number 10/],
  ])('rejects %o with a message naming the field', (patch, message) => {
    const p = fresh();
    expect(() => p.applyFill({ ...fill({ side: 'buy', qty: '1', price: '1' }), ...patch } as never)).toThrow(message);
    expect(() => p.applyFill({ ...fill({ side: 'buy', qty: '1', price: '1' }), ...patch } as never)).toThrow(PortfolioInputError);
    expect(p.cash.toString()).toBe('100000');
  });

  it('rejects a non-positive mark', () => {
    expect(() => { fresh().mark(AAPL, d('0')); }).toThrow(/mark price of AAPL must be > 0/);
  });
});

describe('cashBefore', () => {
  it('undoes the cash flows of the fills (each execution once)', () => {
    const buy = fill({ side: 'buy', qty: '10', price: '100', commission: '1' });
    const sell = fill({ side: 'sell', qty: '4', price: '120.5', commission: '0.25' });
    // after: start − 1001 + 481.75 ; before = 5000 + 1001 − 481.75 = 5519.25
    expect(cashBefore(d('5000'), [buy, sell, buy]).toString()).toBe('5519.25');
    const p = fresh('5519.25');
    p.applyFill(buy);
    p.applyFill(sell);
    expect(p.cash.toString()).toBe('5000');
  });
});

describe('Portfolio: views', () => {
  it('snapshot, equity point and risk facts agree on the numbers', () => {
    const p = fresh('10000');
    p.applyFill(fill({ side: 'buy', qty: '10', price: '100', commission: '1', at: T0 }));
    p.applyFill(fill({ symbol: MSFT, side: 'sell', qty: '5', price: '200', role: 'entry', at: T0 }));
    p.mark(AAPL, d('101.5'));
    p.mark(MSFT, d('198'));
    // cash 10000 − 1000 − 1 + 1000 = 9999; long 1015, short −990 → equity 10024
    const snap = p.snapshot();
    expect(snap).toMatchObject({ equity: '10024', cash: '9999', longMarketValue: '1015', shortMarketValue: '-990', unrealizedPnl: '25', realizedPnl: '-1', commissions: '1', entriesToday: 2, dailyPnl: '24' });
    expect(snap.positions.map((x) => [x.symbol, x.side, x.qty, x.avgEntryPrice, x.lastPrice, x.marketValue, x.unrealizedPnl])).toEqual([
      ['AAPL', 'long', '10', '100', '101.5', '1015', '15'],
      ['MSFT', 'short', '-5', '200', '198', '-990', '10'],
    ]);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(p.equityPoint(T0 + 60_000)).toEqual({
      ts: T0 + 60_000, equity: d('10024'), cash: d('9999'), dailyPnl: d('24'), buyingPower: null,
      longMarketValue: d('1015'), shortMarketValue: d('-990'), openPositions: 2,
    });
    expect(p.riskFacts()).toMatchObject({ equity: d('10024'), openPositions: 2, openSymbols: ['AAPL', 'MSFT'], entriesToday: 2, lossStreak: 0, day: null });
  });
});
