// Validates a strategy's configured params against the definition's own zod schema (defaults filled in) with
// errors a person can act on: strategy, key, bad value and what is allowed. Unknown keys are refused, because a
// misspelt parameter silently falling back to its default is how a tuned strategy ends up untuned.
// Must never: return params the schema did not produce.
import type { StrategyDefinition } from './strategy-api.js';
import { describeThrown } from './strategy-events.js';

export type ParamsCheck<P> = { readonly ok: true; readonly params: P } | { readonly ok: false; readonly problems: readonly string[] };

interface LooseIssue {
  readonly path?: readonly PropertyKey[];
  readonly message?: string;
  readonly code?: string;
  readonly input?: unknown;
  readonly values?: readonly unknown[];
  readonly minimum?: unknown;
  readonly maximum?: unknown;
}

function shownValue(value: unknown): string {
  try {
    return value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function shapeKeys(schema: unknown): readonly string[] | undefined {
  const shape = (schema as { shape?: unknown } | null)?.shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : undefined;
}

function describeIssue(strategy: string, raw: Readonly<Record<string, unknown>>, issue: LooseIssue): string {
  const path = (issue.path ?? []).map(String).join('.');
  // The configured value at the issue's path (a refinement's own input is the whole params object).
  let value: unknown = (issue.path ?? []).length === 0 ? issue.input : raw;
  for (const key of issue.path ?? []) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  value ??= issue.input;
  const allowed = issue.values !== undefined ? ` (allowed: ${issue.values.map(shownValue).join(', ')})` : '';
  return `strategy ${strategy}: params.${path || '(root)'} = ${shownValue(value)}: ${issue.message ?? 'invalid'}${allowed}`;
}

/** Parses `raw` (the config's `params`) with the definition's schema; every problem is one sentence. */
export function parseStrategyParams<P>(definition: StrategyDefinition<P>, raw: Readonly<Record<string, unknown>>): ParamsCheck<P> {
  const name = definition.name;
  const keys = shapeKeys(definition.params);
  const unknownKeys = keys === undefined ? [] : Object.keys(raw).filter((k) => !keys.includes(k));
  if (unknownKeys.length > 0 && keys !== undefined) {
    return { ok: false, problems: unknownKeys.map((k) => `strategy ${name}: unknown parameter params.${k} = ${shownValue(raw[k])}: allowed ${keys.join(', ') || '(none)'}`) };
  }
  try {
    const parsed = definition.params.safeParse(raw, { reportInput: true });
    if (parsed.success) return { ok: true, params: parsed.data };
    return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(name, raw, issue as LooseIssue)) };
  } catch (error) {
    return { ok: false, problems: [`strategy ${name}: its params schema threw ${describeThrown(error)}`] };
  }
}
