// Properties over thousands of random fills: the ledger balances to the cent-fraction with an independent
// computation, every round trip's P&L sums to the realized total, and neither the interleaving of symbols nor
// a fill applied twice changes anything; a rebuild from the fills equals the live result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import type { Ticker } from '../../domain/ids.js';
import type { NewTrade } from '../../ports/store-records.js';
import type { PortfolioAdjustment, PortfolioFill } from './portfolio-fill.js';
import { AAPL, MSFT, T0, TSLA, fill, installDecimalEquality, stateOf } from './portfolio-test-kit.js';
import { Portfolio } from './portfolio.js';
import { rebuildFromFills } from './rebuild.js';

installDecimalEquality();

const SYMBOLS: readonly Ticker[] = [AAPL, MSFT, TSLA];
const START = Decimal.of('250000');

const step = fc.record({
  buy: fc.boolean(),
  milliShares: fc.integer({ min: 1, max: 300_000 }),
  cents: fc.integer({ min: 1, max: 100_000 }),
  commissionCents: fc.integer({ min: 0, max: 500 }),
  strategy: fc.constantFrom('alpha', 'beta'),
});
const sequences = fc.tuple(...SYMBOLS.map(() => fc.array(step, { maxLength: 60 })));
const schedule = fc.array(fc.nat(), { minLength: 200, maxLength: 200 });
const marks = fc.tuple(...SYMBOLS.map(() => fc.integer({ min: 1, max: 100_000 })));

const milli = (n: number): string => Decimal.of(n).div(1000).toString();
const cent = (n: number): string => Decimal.of(n).div(100).toString();

interface Step { buy: boolean; milliShares: number; cents: number; commissionCents: number; strategy: string }

/** Per-symbol fill sequences with times increasing within each symbol. */
function toFills(seqs: readonly (readonly Step[])[]): PortfolioFill[][] {
  return seqs.map((seq, s) => seq.map((x, i) => fill({
    symbol: SYMBOLS[s]!,
    side: x.buy ? 'buy' : 'sell',
    qty: milli(x.milliShares),
    price: cent(x.cents),
    commission: cent(x.commissionCents),
    at: T0 + i * 1000 + s,
    exec: `${SYMBOLS[s]!}-${String(i)}`,
    cid: `${SYMBOLS[s]!}-${String(i)}`,
    strategy: x.strategy,
    role: 'entry',
  })));
}

/** Merges the sequences in an order picked by `picks`, keeping each symbol's own order. */
function interleave(perSymbol: readonly PortfolioFill[][], picks: readonly number[]): PortfolioFill[] {
  const queues = perSymbol.map((q) => [...q]);
  const out: PortfolioFill[] = [];
  let k = 0;
  for (;;) {
    const open = queues.filter((q) => q.length > 0);
    if (open.length === 0) return out;
    out.push(open[(picks[k % picks.length] ?? 0) % open.length]!.shift()!);
    k += 1;
  }
}

function apply(p: Portfolio, fills: readonly PortfolioFill[]): NewTrade[] {
  return fills.flatMap((f) => p.applyFill(f).trade ?? []);
}

/** A state without the numbers that depend on the order in which round trips of different symbols complete. */
function withoutStreaks(state: unknown): unknown {
  const { snapshot, facts, lossStreak: _streak, lastLossAt: _last, ...rest } = state as { snapshot: object; facts: object; lossStreak: number; lastLossAt: number };
  const neutral = { lossStreak: 0, lossStreakToday: 0, lastLossAt: 0 };
  return { ...rest, snapshot: { ...snapshot, lossStreak: 0 }, facts: { ...facts, ...neutral } };
}

const sortedTrades = (trades: readonly NewTrade[]): string[] => trades.map((t) => JSON.stringify(t)).sort();

describe('Portfolio properties', () => {
  it('balances exactly against an independent computation, and round trips sum to the realized P&L', () => {
    fc.assert(fc.property(sequences, schedule, marks, (seqs, picks, markCents) => {
      const perSymbol = toFills(seqs);
      const fills = interleave(perSymbol, picks);
      const p = new Portfolio({ startingCash: START });
      const trades = apply(p, fills);
      let cash = START;
      let commissions = Decimal.ZERO;
      const held = new Map<Ticker, Decimal>();
      for (const f of fills) {
        const signed = f.side === 'buy' ? f.qty : f.qty.neg();
        cash = cash.minus(signed.times(f.price)).minus(f.commission);
        commissions = commissions.plus(f.commission);
        held.set(f.symbol, (held.get(f.symbol) ?? Decimal.ZERO).plus(signed));
      }
      SYMBOLS.forEach((symbol, i) => { p.mark(symbol, Decimal.of(markCents[i]!).div(100)); });
      const value = Decimal.sum(SYMBOLS.map((symbol, i) => (held.get(symbol) ?? Decimal.ZERO).times(Decimal.of(markCents[i]!).div(100))));
      expect(p.cash.toString()).toBe(cash.toString());
      expect(p.commissions.toString()).toBe(commissions.toString());
      expect(p.equity().toString()).toBe(cash.plus(value).toString());
      expect(START.plus(p.grossRealizedPnl).plus(p.unrealizedPnl()).minus(p.commissions).plus(p.cashAdjustments).toString()).toBe(p.equity().toString());
      for (const symbol of SYMBOLS) expect((p.position(symbol)?.qty ?? Decimal.ZERO).toString()).toBe((held.get(symbol) ?? Decimal.ZERO).toString());
      // Flatten everything: the round trips then account for every cent of the change in equity.
      SYMBOLS.forEach((symbol, i) => {
        const position = p.position(symbol);
        if (position === undefined) return;
        const closing = fill({ symbol, side: position.qty.isPositive() ? 'sell' : 'buy', qty: position.qty.abs().toString(), price: cent(markCents[i]!), at: T0 + 1_000_000 });
        trades.push(p.applyFill(closing).trade!);
      });
      expect(p.positions()).toEqual([]);
      expect(Decimal.sum(trades.map((t) => t.pnl)).toString()).toBe(p.realizedPnl.toString());
      expect(p.equity().minus(START).toString()).toBe(p.realizedPnl.toString());
      for (const t of trades) expect(t.exitTs).toBeGreaterThanOrEqual(t.entryTs);
    }), { numRuns: 60 });
  });

  it('gives the same result for any interleaving that keeps each symbol’s order, and with every fill applied twice', () => {
    fc.assert(fc.property(sequences, schedule, schedule, (seqs, picksA, picksB) => {
      const perSymbol = toFills(seqs);
      const a = new Portfolio({ startingCash: START });
      const tradesA = apply(a, interleave(perSymbol, picksA));
      const b = new Portfolio({ startingCash: START });
      const fillsB = interleave(perSymbol, picksB);
      const tradesB = apply(b, fillsB.flatMap((f, i) => (picksB[i % picksB.length]! % 2 === 0 ? [f, f] : [f])));
      expect(apply(b, fillsB)).toEqual([]);
      expect(sortedTrades(tradesB)).toEqual(sortedTrades(tradesA));
      // The loss streak follows the order round trips complete in, which an interleaving may change.
      expect(withoutStreaks(stateOf(b))).toEqual(withoutStreaks(stateOf(a)));
    }), { numRuns: 40 });
  });

  it('rebuildFromFills (with adoptions and local closes at their points) equals the incremental ledger', () => {
    fc.assert(fc.property(sequences, schedule, fc.array(fc.nat(9), { minLength: 50, maxLength: 50 }), (seqs, picks, dice) => {
      const fills = interleave(toFills(seqs), picks);
      const live = new Portfolio({ startingCash: START });
      const day = { date: '2025-03-10', startsAt: T0 + 20_000 };
      live.startDay({ ...day, equity: START });
      const adjustments: PortfolioAdjustment[] = [];
      const trades: NewTrade[] = [];
      fills.forEach((f, i) => {
        const roll = dice[i % dice.length]!;
        const position = live.position(f.symbol);
        if (roll === 0 && position === undefined) adjustments.push(live.adoptPosition(f.symbol, Decimal.of(i + 1), Decimal.of('12.34'), { at: f.at }));
        if (roll === 1 && position !== undefined) adjustments.push(live.closePositionLocally(f.symbol, 'vanished', f.at).adjustment);
        const outcome = live.applyFill(f);
        if (outcome.trade !== undefined) trades.push(outcome.trade);
      });
      const rebuilt = rebuildFromFills({ startingCash: START, fills: [...fills, ...fills.slice(0, 5)], adjustments, day: { ...day, equity: START } });
      expect(rebuilt.duplicates).toBe(Math.min(5, fills.length));
      expect(rebuilt.trades.map((t) => JSON.stringify(t))).toEqual(trades.map((t) => JSON.stringify(t)));
      expect(stateOf(rebuilt.portfolio)).toEqual(stateOf(live));
    }), { numRuns: 40 });
  });
});
