// The safe wrapper around a strategy's `decide` (DESIGN §3.11, after Freqtrade's strategy_safe_wrapper): the
// input is already frozen by the caller; this catches whatever decide throws and validates what it returns,
// turning both into a value the runtime acts on (pause or disable that instance only).
// Must never: let an exception or a malformed output escape, or call decide more than once per candle.
import { checkDecision } from './decision-check.js';
import type { Intent } from '../../domain/intent.js';
import type { DecideInput, StrategyDefinition } from './strategy-api.js';
import { describeThrown } from './strategy-events.js';

export type SafeDecision =
  | { readonly ok: true; readonly intents: readonly Intent[]; readonly state: unknown }
  | { readonly ok: false; readonly phase: 'decide' | 'output'; readonly problem: string; readonly stack?: string };

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Calls `definition.decide(input)` once; never throws. `input` must already be frozen (see StrategyInstance). */
export function safeDecide<P, S>(definition: StrategyDefinition<P, S>, input: DecideInput<P, S>): SafeDecision {
  let raw: unknown;
  try {
    raw = definition.decide(input);
  } catch (error) {
    const stack = error instanceof Error ? error.stack : undefined;
    return { ok: false, phase: 'decide', problem: `decide threw ${describeThrown(error)}`, ...(stack === undefined ? {} : { stack }) };
  }
  if (isThenable(raw)) return { ok: false, phase: 'output', problem: 'decide returned a Promise: decide must be synchronous and pure' };
  try {
    const check = checkDecision(raw, { symbol: input.candle.symbol, close: input.candle.close, positionSide: input.position.side });
    return check.ok ? check : { ok: false, phase: 'output', problem: `decide returned garbage: ${check.problem}` };
  } catch (error) {
    // A getter on the returned object threw while it was being checked.
    return { ok: false, phase: 'output', problem: `decide returned an unreadable value: ${describeThrown(error)}` };
  }
}
