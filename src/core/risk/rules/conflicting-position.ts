// An entry against the side already held or pending in the symbol (enter_short while long) would net against
// the position instead of opening one, and Alpaca rejects many such orders (a rejection counts toward the
// failure breaker). The strategy must exit first. Runs right after the open-positions count.
// Must never: block an entry on the same side (the position cap bounds it) or any exit.
import { entrySide, isEntry, signalSymbol, type RiskContext } from '../risk-context.js';
import { deny, type RiskDenial } from '../risk-denial.js';
import type { GateRule } from '../risk-rule.js';

/** Denies CONFLICTING_POSITION when the symbol is held or pending on the opposite side. */
export function checkConflictingPosition(ctx: RiskContext): RiskDenial | undefined {
  const action = ctx.signal.intent.action;
  if (!isEntry(action)) return undefined;
  const side = entrySide(action);
  const symbol = signalSymbol(ctx);
  const held = [...ctx.facts.openPositions, ...ctx.facts.pendingEntries].find((p) => p.symbol === symbol && p.side !== side);
  if (held === undefined) return undefined;
  return deny(
    'CONFLICTING_POSITION',
    `${action} ${symbol}: a ${held.side} position or entry of ${held.qty.toString()} shares is already there; exit it first`,
    { symbol, heldSide: held.side, heldQty: held.qty.toString(), action },
  );
}

export const CONFLICTING_POSITION_RULE: GateRule = { name: 'conflicting_position', appliesTo: 'entries', check: checkConflictingPosition };
