import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { evaluateRisk } from './evaluate-risk.js';
import { RISK_CODES } from './risk-denial.js';
import type { RiskLimits } from './risk-limits.js';
import { d, position, testFacts, testLimits, testSignal } from './risk-test-kit.js';

const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => Decimal.of(c).div(100));
const fraction = (min: number, max: number) => fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((m) => m / 1000);

const scenario = fc.record({
  equity: cents(0, 200_000_000),
  buyingPowerRatio: fc.integer({ min: 0, max: 400 }),
  priceTicks: fc.oneof(fc.integer({ min: 100, max: 300_000 }).map((c) => Decimal.of(c).div(100)), fc.integer({ min: 1, max: 9999 }).map((t) => Decimal.of(t).div(10_000))),
  stopDistancePct: fraction(0.001, 0.2),
  held: fc.integer({ min: 0, max: 2000 }),
  side: fc.constantFrom('enter_long' as const, 'enter_short' as const),
  sizeFraction: fc.option(fraction(0, 1), { nil: undefined }),
  fractional: fc.boolean(),
  limits: fc.record({
    max_position_pct: fraction(0.01, 0.25),
    max_risk_per_trade_pct: fraction(0.001, 0.05),
    max_risk_per_trade_abs: fc.integer({ min: 10, max: 5000 }),
    min_equity_buffer_pct: fraction(0, 0.5),
    notional_max: fc.integer({ min: 1, max: 100_000 }),
    sizing_mode: fc.constantFrom('pct_equity' as const, 'risk' as const, 'fixed' as const),
    fixed_qty: fc.integer({ min: 1, max: 10_000 }),
  }),
});

describe('sizing properties', () => {
  const seen = { approved: 0, denied: 0 };

  it('an approved entry is whole (unless fractional), ≥ 1 unit, within the position cap, notional_max and buying power minus the buffer; risk sizing never risks more than the budget', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const price = s.priceTicks;
        const limits: RiskLimits = testLimits({ ...s.limits, fractional_shares: s.fractional });
        const buyingPower = s.equity.times(s.buyingPowerRatio).div(100).floor(2);
        const long = s.side === 'enter_long';
        const stop = long ? price.times(Decimal.ONE.minus(Decimal.fromNumber(s.stopDistancePct, 3))) : price.times(Decimal.ONE.plus(Decimal.fromNumber(s.stopDistancePct, 3)));
        const heldPosition = position('AAPL', long ? 'long' : 'short', s.held, price.toString());
        const facts = testFacts({
          account: { equity: s.equity, buyingPower, cash: buyingPower }, startOfDayEquity: s.equity, peakEquity: s.equity,
          openPositions: s.held > 0 ? [heldPosition] : [],
        });
        const signal = testSignal(s.side, { stop: stop.toNumber(), ...(s.sizeFraction === undefined ? {} : { sizeFraction: s.sizeFraction }) }, { price: price.toNumber() });
        const decision = evaluateRisk({ signal, limits, facts });
        seen[decision.approved ? 'approved' : 'denied'] += 1;
        if (!decision.approved) {
          expect(RISK_CODES).toContain(decision.denial.code);
          expect(decision.denial.reason.length).toBeGreaterThan(10);
          return;
        }
        if (decision.action !== 'enter_long' && decision.action !== 'enter_short') throw new Error('entry expected');
        const qty = decision.qty;
        expect(qty.gte(long && s.fractional ? d('0.0001') : 1)).toBe(true);
        if (!(long && s.fractional)) expect(qty.isInteger()).toBe(true);
        expect(qty.decimalPlaces()).toBeLessThanOrEqual(4);
        const cost = qty.times(decision.price);
        expect(cost.eq(decision.notional)).toBe(true);
        expect(cost.plus(heldPosition.marketValue).lte(s.equity.times(Decimal.fromNumber(s.limits.max_position_pct, 3)))).toBe(true);
        expect(cost.lte(Decimal.of(s.limits.notional_max))).toBe(true);
        expect(cost.lte(buyingPower.minus(s.equity.times(Decimal.fromNumber(s.limits.min_equity_buffer_pct, 3))))).toBe(true);
        if (s.limits.sizing_mode === 'risk') {
          const budget = Decimal.min(s.equity.times(Decimal.fromNumber(s.limits.max_risk_per_trade_pct, 3)), Decimal.of(s.limits.max_risk_per_trade_abs));
          expect(qty.times(decision.price.minus(decision.stop).abs()).lte(budget)).toBe(true);
        }
        expect(long ? decision.stop.lt(decision.price) : decision.stop.gt(decision.price)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Not vacuous: a good share of the random entries is approved and checked.
    expect(seen.approved).toBeGreaterThan(30);
  });
});
