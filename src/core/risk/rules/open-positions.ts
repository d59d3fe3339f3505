// Rule 9 (SPEC §6): at most max_open_positions symbols held or with a working entry. Adding to a symbol already
// held does not open a new position (the position cap bounds its size). Exits and stop moves always pass.
// Must never: forget working entries — they may fill, and then the count is exceeded.
import { signalSymbol, type RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { RiskFacts } from '../risk-facts.js';
import type { GateRule } from '../risk-rule.js';

/** Distinct symbols with an open position or a working entry. */
export function heldSymbols(facts: RiskFacts): ReadonlySet<string> {
  return new Set([...facts.openPositions.map((p) => p.symbol), ...facts.pendingEntries.map((p) => p.symbol)]);
}

/** Denies MAX_OPEN_POSITIONS when a new symbol would exceed the limit. */
export function checkOpenPositions(ctx: RiskContext): RiskDenial | undefined {
  const held = heldSymbols(ctx.facts);
  const symbol = signalSymbol(ctx);
  const max = ctx.limits.maxOpenPositions;
  if (held.has(symbol) || held.size < max) return undefined;
  return deny(
    'MAX_OPEN_POSITIONS',
    `${held.size} positions open or pending (${[...held].sort().join(', ')}) reached max_open_positions ${max}: cannot open ${symbol}`,
    { open: held.size, max, symbol },
  );
}

export const OPEN_POSITIONS_RULE: GateRule = { name: 'open_positions', appliesTo: 'entries', check: checkOpenPositions };
