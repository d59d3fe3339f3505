// Rule 8 (SPEC §6): when equity falls max_drawdown_pct below its peak, the engine halts new entries until a
// person resets it. The halt is latched by the runtime (drawdownHaltedAt) so a bounce back above the line does
// not silently resume trading; a reset (drawdownResetAt after the halt) clears it, and the runtime re-bases
// peakEquity to the equity at the reset. Exits and stop moves still pass.
// Must never: clear a halt on its own.
import type { Decimal } from '../../../domain/decimal.js';
import { etTime, pct, usd } from '../format.js';
import type { RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { RiskFacts } from '../risk-facts.js';
import type { NormalizedRiskLimits } from '../risk-limits.js';
import type { GateRule } from '../risk-rule.js';

/** Equity at or below which the drawdown limit is hit: peak × (1 − max_drawdown_pct). */
export function drawdownFloor(facts: RiskFacts, limits: NormalizedRiskLimits): Decimal {
  return facts.peakEquity.minus(facts.peakEquity.times(limits.maxDrawdownPct));
}

/** True when current equity is at or below the drawdown floor (the runtime latches this). */
export function drawdownBreached(facts: RiskFacts, limits: NormalizedRiskLimits): boolean {
  return facts.peakEquity.isPositive() && facts.account.equity.lte(drawdownFloor(facts, limits));
}

/** True when an earlier breach is latched and not yet reset by a person. */
export function drawdownLatched(facts: RiskFacts): boolean {
  const halted = facts.drawdownHaltedAt;
  if (halted === undefined) return false;
  return facts.drawdownResetAt === undefined || halted > facts.drawdownResetAt;
}

/** Denies MAX_DRAWDOWN while the drawdown limit is breached or its halt is latched. */
export function checkMaxDrawdown(ctx: Pick<RiskContext, 'facts' | 'limits'>): RiskDenial | undefined {
  const { facts, limits } = ctx;
  const breached = drawdownBreached(facts, limits);
  const latched = drawdownLatched(facts);
  if (!breached && !latched) return undefined;
  const peak = facts.peakEquity;
  const equity = facts.account.equity;
  const depth = peak.isPositive() ? pct(peak.minus(equity).div(peak)) : 'n/a';
  const since = latched && facts.drawdownHaltedAt !== undefined ? `, halted since ${etTime(facts.drawdownHaltedAt)}` : '';
  return deny(
    'MAX_DRAWDOWN',
    `equity ${usd(equity)} is ${depth} below the peak ${usd(peak)} (limit ${pct(limits.maxDrawdownPct)}, floor ${usd(drawdownFloor(facts, limits))}${since}): entries halted until a manual reset`,
    {
      equity: equity.toString(), peakEquity: peak.toString(), floor: drawdownFloor(facts, limits).toString(),
      maxDrawdownPct: limits.maxDrawdownPct.toString(), latched, haltedAt: facts.drawdownHaltedAt ?? null,
    },
  );
}

export const MAX_DRAWDOWN_RULE: GateRule = { name: 'max_drawdown', appliesTo: 'entries', check: checkMaxDrawdown };
