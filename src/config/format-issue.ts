// Turns one zod issue into one line a person can act on: the key (env name and dotted key when it came from
// the environment), the bad value, and the allowed range or values. Must never echo a secret value.
import type { z } from 'zod';
import { coerceList } from './coerce.js';
import type { ConfigIssue, ConfigSource } from './config-error.js';
import { fieldForPath } from './config-fields.js';
import { STRATEGY_ENTRY_ALLOWED } from './config-schema.js';
import type { FieldKind } from './field-registry.js';
import { getAt, isPlainObject, type MergeState } from './apply-layers.js';

const MAX_SHOWN = 60;

const SOURCE_NOTE: Record<ConfigSource, string> = {
  default: 'built-in default',
  'config.yaml': 'config.yaml',
  '.env': '.env',
  env: 'environment',
  override: 'settings_overrides',
};

/** How a value is shown in a message: secrets hidden, long values cut. */
export function showValue(value: unknown, secret: boolean): string {
  if (secret) return typeof value === 'string' ? `<hidden, ${value.length} chars>` : '<hidden>';
  if (value === undefined) return '(missing)';
  let text: string;
  if (typeof value === 'string') text = value === '' ? '(empty)' : value;
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) text = value.length === 0 ? '(empty)' : value.join(',');
  else text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

const NOT_A: Partial<Record<FieldKind, string>> = {
  number: 'is not a number',
  integer: 'is not a whole number',
  boolean: 'is not a boolean',
  symbols: 'is not a list of symbols',
  strategies: 'is not a list of strategies',
};

function problem(issue: z.core.$ZodIssue, kind: FieldKind): string {
  switch (issue.code) {
    case 'too_big':
    case 'too_small':
      return issue.origin === 'array' ? (issue.code === 'too_small' ? 'is empty' : 'is too long') : issue.origin === 'string' ? 'is too long' : 'is out of range';
    case 'invalid_type':
      return issue.expected === 'int' ? 'is not a whole number' : (NOT_A[kind] ?? `is not ${issue.expected === 'string' ? 'text' : `a ${issue.expected}`}`);
    case 'invalid_value':
      return 'is not one of the allowed values';
    case 'invalid_format':
      return 'does not match the allowed format';
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/** Label of a path inside the strategies list: `strategies.sma_crossover.enabled` or `strategies[2].name`. */
function strategyLabel(state: MergeState, path: readonly PropertyKey[]): string {
  const index = path[1];
  if (typeof index !== 'number') return 'strategies';
  const entry = getAt(state.raw, ['strategies', index]);
  const name = isPlainObject(entry) && typeof entry.name === 'string' && /^[a-z][a-z0-9_]*$/.test(entry.name) ? entry.name : undefined;
  const rest = path.slice(2).map(String);
  return [name === undefined ? `strategies[${index}]` : `strategies.${name}`, ...rest].join('.');
}

function strategyIssue(issue: z.core.$ZodIssue, state: MergeState): ConfigIssue {
  const key = strategyLabel(state, issue.path);
  const source = state.sources.get(key) ?? state.sources.get('strategies') ?? 'default';
  const sub = typeof issue.path[2] === 'string' ? issue.path[2] : undefined;
  const allowed = (sub === undefined ? undefined : STRATEGY_ENTRY_ALLOWED[sub]) ?? 'a list of { name, enabled, symbols?, timeframe?, params }';
  const value = showValue(getAt(state.raw, issue.path), false);
  return { key, source, message: `${key} = ${value} ${problem(issue, 'strategies')}: allowed ${allowed} [${SOURCE_NOTE[source]}]` };
}

/** One zod issue → one ConfigIssue with a complete, secret-free message. */
export function formatZodIssue(issue: z.core.$ZodIssue, state: MergeState): ConfigIssue {
  const field = fieldForPath(issue.path);
  if (field?.meta.kind === 'strategies') return strategyIssue(issue, state);
  if (!field) {
    const key = issue.path.map(String).join('.') || '(root)';
    return { key, source: 'config.yaml', message: `${key} ${problem(issue, 'text')}` };
  }
  const source = state.sources.get(field.key) ?? 'default';
  const envName = source === 'env' || source === '.env' ? state.envNames.get(field.key) : undefined;
  const label = envName === undefined ? field.key : `${envName} (${field.key})`;
  const leaf = getAt(state.raw, field.path);
  const rest = issue.path.slice(field.path.length);
  const bad = rest.length === 0 ? leaf : getAt(field.meta.kind === 'symbols' ? coerceList(leaf) : leaf, rest);
  const value = showValue(bad, field.meta.kind === 'secret');
  const message = `${label} = ${value} ${problem(issue, field.meta.kind)}: allowed ${field.meta.allowed} [${SOURCE_NOTE[source]}]`;
  return envName === undefined ? { key: field.key, source, message } : { key: field.key, envName, source, message };
}
