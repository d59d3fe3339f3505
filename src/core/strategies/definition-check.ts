// Checks that something a strategy file exported is a usable StrategyDefinition before the engine trusts it.
// A user file can export anything; garbage is refused with a sentence naming the field and what was expected.
// Must never: call decide, or use `instanceof` (a user file may load its own copy of zod or of our modules).
import { TIMEFRAMES } from '../../domain/bar.js';
import type { StrategyDefinition } from './strategy-api.js';
import { describeThrown } from './strategy-events.js';

/** lower_snake_case, starting with a letter, at most 64 characters (it is part of every client_order_id). */
export const STRATEGY_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export type DefinitionCheck =
  | { readonly ok: true; readonly definition: StrategyDefinition<unknown> }
  | { readonly ok: false; readonly problem: string };

const FUNCTIONS = ['warmUp', 'indicators', 'initialState', 'decide'] as const;

function fieldProblem(def: Record<string, unknown>): string | undefined {
  if (typeof def.name !== 'string' || !STRATEGY_NAME_PATTERN.test(def.name)) {
    return `name ${JSON.stringify(def.name)}: expected lower_snake_case matching ${STRATEGY_NAME_PATTERN.source}`;
  }
  if (typeof def.description !== 'string') return 'description: expected a string';
  if (typeof def.defaultTimeframe !== 'string' || !(TIMEFRAMES as readonly string[]).includes(def.defaultTimeframe)) {
    return `defaultTimeframe ${JSON.stringify(def.defaultTimeframe)}: allowed ${TIMEFRAMES.join(', ')}`;
  }
  for (const fn of FUNCTIONS) if (typeof def[fn] !== 'function') return `${fn}: expected a function, got ${typeof def[fn]}`;
  if (def.lookback !== undefined && typeof def.lookback !== 'function') return `lookback: expected a function or nothing, got ${typeof def.lookback}`;
  if (def.stateVersion !== undefined && !(typeof def.stateVersion === 'number' && Number.isSafeInteger(def.stateVersion) && def.stateVersion >= 1)) {
    return `stateVersion ${typeof def.stateVersion === 'number' ? def.stateVersion : typeof def.stateVersion}: expected a whole number >= 1`;
  }
  return undefined;
}

function paramsProblem(params: unknown): string | undefined {
  const schema = params as { safeParse?: unknown } | null;
  if (typeof schema !== 'object' || schema === null || typeof schema.safeParse !== 'function') return 'params: expected a zod schema (z.object({...}))';
  try {
    const parsed = (schema.safeParse as (v: unknown) => { success: boolean; error?: { issues?: { path?: unknown[]; message?: string }[] } })({});
    if (!parsed.success) {
      const issue = parsed.error?.issues?.[0];
      return `params: an empty object must parse (give every field a default): ${(issue?.path ?? []).join('.')} ${issue?.message ?? ''}`.trim();
    }
  } catch (error) {
    return `params: parsing {} threw ${describeThrown(error)}`;
  }
  return undefined;
}

/** Checks an exported value (a module's default export) as a strategy definition. */
export function checkDefinition(exported: unknown): DefinitionCheck {
  if (typeof exported !== 'object' || exported === null) {
    return { ok: false, problem: `the default export is ${exported === null ? 'null' : typeof exported}: expected defineStrategy({...})` };
  }
  const def = exported as Record<string, unknown>;
  const problem = fieldProblem(def) ?? paramsProblem(def.params);
  return problem === undefined ? { ok: true, definition: exported as StrategyDefinition<unknown> } : { ok: false, problem };
}
