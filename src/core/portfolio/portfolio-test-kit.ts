// Helpers for the portfolio's tests: a fill builder with readable defaults.
// Must never: be imported by production code.
import { expect } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import { parseClientOrderId, parseStrategyId, parseTicker, type Ticker } from '../../domain/ids.js';
import type { OrderRole, OrderSide } from '../../domain/order.js';
import type { PortfolioFill } from './portfolio-fill.js';
import type { Portfolio } from './portfolio.js';

export const T0 = Date.UTC(2025, 2, 10, 14, 30);
export const AAPL: Ticker = parseTicker('AAPL');
export const MSFT: Ticker = parseTicker('MSFT');
export const TSLA: Ticker = parseTicker('TSLA');

let counter = 0;

/** A fill; `exec` defaults to a fresh id, `cid` to one per (side, strategy, symbol). */
export function fill(args: {
  side: OrderSide;
  qty: string;
  price: string;
  symbol?: Ticker;
  commission?: string;
  at?: number;
  exec?: string;
  cid?: string;
  strategy?: string;
  role?: OrderRole;
}): PortfolioFill {
  counter += 1;
  const symbol = args.symbol ?? AAPL;
  const strategy = args.strategy ?? 'sma_crossover';
  return {
    executionId: args.exec ?? `exec-${String(counter)}`,
    clientOrderId: parseClientOrderId(args.cid ?? `${args.side}-${strategy}-${symbol}-${String(counter)}`),
    strategy: parseStrategyId(strategy),
    symbol,
    side: args.side,
    qty: Decimal.of(args.qty),
    price: Decimal.of(args.price),
    commission: Decimal.of(args.commission ?? '0'),
    at: args.at ?? T0,
    role: args.role ?? (args.side === 'buy' ? 'entry' : 'exit'),
  };
}

/** Shorthand for Decimal.of. */
export const d = (value: string | number): Decimal => Decimal.of(value);

/**
 * Makes toEqual/toMatchObject compare Decimals by value. Without it they pass for ANY two Decimals: the
 * value lives in a #private field, which vitest's structural equality does not see.
 */
export function installDecimalEquality(): void {
  expect.addEqualityTesters([
    (a: unknown, b: unknown) => (a instanceof Decimal && b instanceof Decimal ? a.eq(b) : undefined),
  ]);
}

/** Everything a Portfolio holds, as plain comparable JSON (peak aside: it depends on the path of marks). */
export function stateOf(p: Portfolio): unknown {
  const { peakEquity: _peak, drawdown: _drawdown, ...snapshot } = p.snapshot();
  return JSON.parse(JSON.stringify({
    snapshot,
    grossRealized: p.grossRealizedPnl,
    positions: p.positions(),
    strategies: p.strategies.all(),
    lossStreak: p.lossStreak,
    lastLossAt: p.lastLossAt,
    roundTrips: p.roundTrips,
    facts: { ...p.riskFacts(), peakEquity: null, drawdown: null },
  })) as unknown;
}
