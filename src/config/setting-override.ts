// Checks one settings override (SPEC §3: the dashboard's run-time edits, the highest layer) exactly as loading
// would: the same editable-key rule, the same schema and bounds, the same messages. The dashboard validates
// with it before writing a row, and loading drops stale rows with it instead of refusing to start.
// Must never accept a restart-only key or a value outside the schema's bounds.
import { applyOverrides, defaultState, getAt, type SettingOverride } from './apply-layers.js';
import type { ConfigIssue } from './config-error.js';
import { fieldByKey } from './config-fields.js';
import { ConfigSchema, type Config } from './config-schema.js';
import { formatZodIssue } from './format-issue.js';

/** The outcome: the value as the schema reads it (number, boolean, list…), or every problem. */
export type SettingOverrideCheck =
  | { readonly ok: true; readonly key: string; readonly value: string | number | boolean | readonly string[] }
  | { readonly ok: false; readonly key: string; readonly issues: readonly ConfigIssue[] };

/** An override value as the loader takes it: text (numbers and booleans as written, lists comma-separated). */
export function overrideText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return value === undefined ? '' : JSON.stringify(value);
}

/** Rows for loadConfig from the store's current overrides (key → stored JSON value). */
export function overrideRows(current: ReadonlyMap<string, unknown>): SettingOverride[] {
  return [...current].map(([key, value]) => ({ key, value: overrideText(value) }));
}

const STRATEGY_ENABLED = /^strategies\.([^.]+)\.enabled$/;

function valueOf(key: string, parsed: Config): string | number | boolean | readonly string[] {
  const strategy = STRATEGY_ENABLED.exec(key);
  if (strategy) return parsed.strategies.find((s) => s.name === strategy[1])?.enabled ?? false;
  return getAt(parsed, fieldByKey(key)?.path ?? []) as string | number | boolean | readonly string[];
}

/**
 * Checks `key = value` as a settings override on top of `config` (its strategies list decides which
 * `strategies.<name>.enabled` keys exist; default: the built-in list).
 */
export function checkSettingOverride(key: string, value: unknown, config?: Pick<Config, 'strategies'>): SettingOverrideCheck {
  const state = defaultState();
  if (config !== undefined) state.raw.strategies = structuredClone(config.strategies);
  applyOverrides(state, [{ key, value: overrideText(value) }]);
  if (state.issues.length > 0) return { ok: false, key, issues: [...state.issues] };
  const parsed = ConfigSchema.safeParse(state.raw);
  if (!parsed.success) return { ok: false, key, issues: parsed.error.issues.map((i) => formatZodIssue(i, state)) };
  return { ok: true, key, value: valueOf(key, parsed.data) };
}
