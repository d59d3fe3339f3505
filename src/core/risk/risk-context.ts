// What every risk rule reads: the signal, the normalized limits and the facts, plus small shared queries
// (which side an entry opens, what the account already holds in a symbol). Must never: mutate anything or
// read anything that is not in the context (rules stay pure and replayable).
import { Decimal } from '../../domain/decimal.js';
import type { IntentAction, Signal } from '../../domain/intent.js';
import type { RiskFacts, PositionSide } from './risk-facts.js';
import type { NormalizedRiskLimits } from './risk-limits.js';

/** The input of every rule. */
export interface RiskContext {
  readonly signal: Signal;
  readonly limits: NormalizedRiskLimits;
  readonly facts: RiskFacts;
}

/** True for actions that open or add to a position (entry limits apply to them only). */
export function isEntry(action: IntentAction): action is 'enter_long' | 'enter_short' {
  return action === 'enter_long' || action === 'enter_short';
}

/** The side an entry opens. */
export function entrySide(action: 'enter_long' | 'enter_short'): PositionSide {
  return action === 'enter_long' ? 'long' : 'short';
}

/** The symbol the signal is about (the context's; intent-validity checks the intent agrees). */
export function signalSymbol(ctx: RiskContext): string {
  return ctx.signal.context.symbol;
}

/** Absolute value already committed to `symbol`: open position market value plus working entries. */
export function exposureIn(facts: RiskFacts, symbol: string): Decimal {
  const held = facts.openPositions.filter((p) => p.symbol === symbol).map((p) => p.marketValue.abs());
  const pending = facts.pendingEntries.filter((p) => p.symbol === symbol).map((p) => p.notional.abs());
  return Decimal.sum([...held, ...pending]);
}

/** Quantity decimals for an entry: whole shares unless fractional is on (longs only; shorts are whole). */
export function qtyDecimals(ctx: RiskContext, side: PositionSide, dp: number): number {
  return ctx.limits.fractionalShares && side === 'long' ? dp : 0;
}
