// Merges the layers into one raw tree, lowest first: defaults < config.yaml < .env < environment <
// settings_overrides, recording which layer set each dotted key. Values stay raw here (strings from the
// environment); the schema checks them afterwards. Must never accept an unknown key or a non-editable
// override silently, and must never put a secret value into a message.
import { z } from 'zod';
import { coerceNumber } from './coerce.js';
import type { ConfigIssue, ConfigSource } from './config-error.js';
import { CONFIG_FIELDS, CONFIG_SECTIONS, EDITABLE_KEYS, fieldByKey, type ConfigField } from './config-fields.js';
import { STRATEGY_ENV_PARAMS } from './config-schema.js';
import type { EnvMap } from './config-layers.js';
import { suggestKey } from './suggest-key.js';

/** The tree being built plus what is known about where each value came from. */
export interface MergeState {
  readonly raw: Record<string, unknown>;
  readonly sources: Map<string, ConfigSource>;
  /** Env variable that supplied a key (when its source is `.env` or `env`). */
  readonly envNames: Map<string, string>;
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
}

/** One settings_overrides row as the store hands it over. */
export interface SettingOverride {
  readonly key: string;
  readonly value: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(tree: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = tree;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

function setAt(tree: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    if (!isPlainObject(next)) node[step] = {};
    node = node[step] as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ''] = value;
}

/** A fresh tree holding every default, each recorded with source `default`. */
export function defaultState(): MergeState {
  const state: MergeState = { raw: {}, sources: new Map(), envNames: new Map(), issues: [], warnings: [] };
  for (const field of CONFIG_FIELDS) {
    setAt(state.raw, field.path, structuredClone(field.meta.default));
    state.sources.set(field.key, 'default');
  }
  return state;
}

const ALL_KEYS = [...CONFIG_FIELDS.map((f) => f.key), ...CONFIG_SECTIONS];

function yamlHint(field: ConfigField): string {
  const where = field.meta.kind === 'secret' ? '.env (mode 0600) or the environment' : 'the environment or .env';
  return `${field.key} cannot be set in config.yaml: set ${field.meta.env ?? field.key} in ${where}`;
}

function applyYamlLeaf(state: MergeState, field: ConfigField, value: unknown): void {
  if (field.meta.yaml === false) {
    state.issues.push({ key: field.key, source: 'config.yaml', message: yamlHint(field) });
  } else if (value === null) {
    if (field.meta.default !== '') state.issues.push({ key: field.key, source: 'config.yaml', message: `${field.key} has no value in config.yaml: allowed ${field.meta.allowed} (remove the line to use the default)` });
  } else {
    setAt(state.raw, field.path, value);
    state.sources.set(field.key, 'config.yaml');
  }
}

function unknownKey(key: string, where: string): string {
  const hint = suggestKey(key, ALL_KEYS);
  return `${where}: unknown key ${key}${hint === undefined ? '' : ` (did you mean ${hint}?)`}`;
}

/** Applies the parsed config.yaml; every unknown key is an issue naming it. */
export function applyYaml(state: MergeState, doc: unknown, prefix: readonly string[] = []): void {
  if (doc === undefined || doc === null) return;
  if (!isPlainObject(doc)) {
    const key = prefix.join('.') || 'config.yaml';
    state.issues.push({ key, source: 'config.yaml', message: `config.yaml: ${prefix.length > 0 ? key : 'the top level'} must be a mapping of keys to values` });
    return;
  }
  for (const [name, value] of Object.entries(doc)) {
    const path = [...prefix, name];
    const key = path.join('.');
    const field = fieldByKey(key);
    if (field) applyYamlLeaf(state, field, value);
    else if (prefix.length === 0 && CONFIG_SECTIONS.has(name)) applyYaml(state, value, path);
    else state.issues.push({ key, source: 'config.yaml', message: unknownKey(key, 'config.yaml') });
  }
}

function pickEnv(state: MergeState, values: EnvMap, names: readonly string[]): string | undefined {
  const present = names.filter((n) => (values[n] ?? '').trim() !== '');
  const distinct = new Set(present.map((n) => (values[n] ?? '').trim()));
  if (distinct.size > 1) state.warnings.push(`${present.join(' and ')} are both set with different values; using ${present[0] ?? ''}`);
  return present[0];
}

const SMA_PARAM = (min: number, max: number) => z.preprocess(coerceNumber, z.number().int().min(min).max(max));

function applyStrategyEnv(state: MergeState, values: EnvMap, layer: '.env' | 'env'): void {
  for (const spec of STRATEGY_ENV_PARAMS) {
    const text = values[spec.env]?.trim();
    if (text === undefined || text === '') continue;
    const key = `strategies.${spec.strategy}.params.${spec.param}`;
    const parsed = SMA_PARAM(spec.min, spec.max).safeParse(text);
    if (!parsed.success) {
      state.issues.push({ key, envName: spec.env, source: layer, message: `${spec.env} (${key}) = ${text} is not allowed: allowed ${spec.min}–${spec.max} (whole number)` });
      continue;
    }
    const list = state.raw.strategies;
    const entry = Array.isArray(list) ? (list as unknown[]).find((e) => isPlainObject(e) && e.name === spec.strategy) : undefined;
    if (!isPlainObject(entry)) {
      state.warnings.push(`${spec.env} is set but no ${spec.strategy} strategy is configured; it is ignored`);
      continue;
    }
    entry.params = { ...(isPlainObject(entry.params) ? entry.params : {}), [spec.param]: parsed.data };
    state.sources.set(key, layer);
    state.envNames.set(key, spec.env);
  }
}

const KNOWN_ENV = [...CONFIG_FIELDS.flatMap((f) => [f.meta.env ?? '', ...(f.meta.aliases ?? [])]).filter((n) => n !== ''), ...STRATEGY_ENV_PARAMS.map((s) => s.env)];

function warnNearMisses(state: MergeState, values: EnvMap, layer: '.env' | 'env'): void {
  for (const name of Object.keys(values)) {
    if (KNOWN_ENV.includes(name) || (layer === 'env' && !/^(ALPACA|APCA)_/.test(name))) continue;
    const hint = suggestKey(name, KNOWN_ENV);
    if (hint !== undefined) state.warnings.push(`${name} (in ${layer === 'env' ? 'the environment' : '.env'}) is not a setting alpaca-bot knows; did you mean ${hint}?`);
  }
}

/** Applies `.env` or the environment: each key by its env name (or alias); empty values count as unset. */
export function applyEnvLayer(state: MergeState, values: EnvMap, layer: '.env' | 'env'): void {
  for (const field of CONFIG_FIELDS) {
    if (field.meta.env === undefined) continue;
    const name = pickEnv(state, values, [field.meta.env, ...(field.meta.aliases ?? [])]);
    if (name === undefined) continue;
    setAt(state.raw, field.path, values[name]);
    state.sources.set(field.key, layer);
    state.envNames.set(field.key, name);
  }
  applyStrategyEnv(state, values, layer);
  warnNearMisses(state, values, layer);
}

function overrideStrategyEnabled(state: MergeState, name: string, key: string, value: string): void {
  const list = Array.isArray(state.raw.strategies) ? (state.raw.strategies as unknown[]) : [];
  const entry = list.find((e) => isPlainObject(e) && e.name === name);
  if (!isPlainObject(entry)) {
    const names = list.filter(isPlainObject).map((e) => String(e.name)).join(', ');
    state.issues.push({ key, source: 'override', message: `settings_overrides ${key}: no strategy named ${name} is configured: allowed ${names}` });
    return;
  }
  entry.enabled = value;
  state.sources.set(key, 'override');
}

/** Applies settings_overrides rows; only run-time-editable keys are allowed. */
export function applyOverrides(state: MergeState, rows: readonly SettingOverride[]): void {
  for (const { key, value } of rows) {
    const strategy = /^strategies\.([^.]+)\.enabled$/.exec(key);
    const field = fieldByKey(key);
    if (strategy) overrideStrategyEnabled(state, strategy[1] ?? '', key, value);
    else if (!field) state.issues.push({ key, source: 'override', message: unknownKey(key, 'settings_overrides') });
    else if (field.meta.editable !== true) {
      state.issues.push({ key, source: 'override', message: `settings_overrides ${key} cannot be changed at run time (restart-only): allowed ${EDITABLE_KEYS.join(', ')}, strategies.<name>.enabled` });
    } else {
      setAt(state.raw, field.path, value);
      state.sources.set(key, 'override');
    }
  }
}
