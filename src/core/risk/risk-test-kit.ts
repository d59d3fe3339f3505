// Builders for risk tests: SPEC-default limits, a $25,000 account with nothing open on Monday 2025-01-06 at
// 10:00 ET, and signals for AAPL at $10. Tests override only what they are about.
// Must never: be imported by production code.
import { etDateTime } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Intent, IntentAction, Signal, SignalContext } from '../../domain/intent.js';
import type { RiskContext } from './risk-context.js';
import type { PositionFact, PositionSide, RiskFacts, RoundTripFact } from './risk-facts.js';
import { DEFAULT_RISK_LIMITS, normalizeRiskLimits, type RiskLimits } from './risk-limits.js';

/** Monday 2025-01-06 10:00 ET: a regular session, market open. */
export const MONDAY_10AM = etDateTime('2025-01-06', '10:00');

export const d = (value: string | number): Decimal => Decimal.of(value);

export function testLimits(over: Partial<RiskLimits> = {}): RiskLimits {
  return { ...DEFAULT_RISK_LIMITS, ...over };
}

export function testFacts(over: Partial<RiskFacts> = {}): RiskFacts {
  return {
    now: MONDAY_10AM,
    killSwitch: { on: false },
    breaker: { tripped: false },
    account: { equity: d(25000), buyingPower: d(25000), cash: d(25000) },
    startOfDayEquity: d(25000),
    pnlToday: d(0),
    peakEquity: d(25000),
    openPositions: [],
    pendingEntries: [],
    entriesToday: 0,
    recentRoundTrips: [],
    ...over,
  };
}

/** The account part of the facts with one value for equity, buying power and cash unless given. */
export function account(equity: string | number, buyingPower: string | number = equity): RiskFacts['account'] {
  return { equity: d(equity), buyingPower: d(buyingPower), cash: d(buyingPower) };
}

export function testSignal(action: IntentAction = 'enter_long', intent: Partial<Intent> = {}, context: Partial<SignalContext> = {}): Signal {
  const symbol = context.symbol ?? 'AAPL';
  return {
    intent: { action, symbol, reason: 'test', ...intent },
    context: { strategy: 'test', symbol, timeframe: '1Min', signalTs: MONDAY_10AM - 60_000, price: 10, correlationId: 'c-1', ...context },
  };
}

export function testContext(parts: { signal?: Signal; limits?: Partial<RiskLimits>; facts?: Partial<RiskFacts> } = {}): RiskContext {
  return { signal: parts.signal ?? testSignal(), limits: normalizeRiskLimits(testLimits(parts.limits)), facts: testFacts(parts.facts) };
}

export function position(symbol: string, side: PositionSide, qty: number | string, price: string | number): PositionFact {
  return { symbol, side, qty: d(qty), marketValue: d(qty).times(d(price)) };
}

/** A round trip closed at `closedAt` (opened an hour earlier unless given) with net P&L `pnl`. */
export function roundTrip(closedAt: number, pnl: string | number, openedAt = closedAt - 3_600_000): RoundTripFact {
  return { openedAt, closedAt, pnl: d(pnl) };
}

export { etDateTime };
