// Reads a few settings without requiring the whole configuration to be valid. The kill switch must be
// usable when something else in the configuration is broken (turning it on is the emergency action), so
// `alpaca-bot kill` reads DATA_DIR and KILL_SWITCH this way. Must never guess a value: when a requested key
// cannot be determined (e.g. config.yaml is unreadable and the environment does not set it) it throws.
import { resolve } from 'node:path';
import { applyEnvLayer, applyYaml, defaultState, getAt } from './apply-layers.js';
import { ConfigError, type ConfigIssue, type ConfigSource } from './config-error.js';
import { fieldByKey } from './config-fields.js';
import { readConfigLayers, type EnvMap } from './config-layers.js';
import { formatZodIssue } from './format-issue.js';

/** A value with where it came from. */
export interface PeekedSetting {
  readonly value: unknown;
  readonly source: ConfigSource;
}

/**
 * The validated values of `keys` (dotted leaf keys), with path values resolved against `cwd`.
 * @throws ConfigError when a key is unknown, invalid, or may come from a config.yaml that cannot be read.
 */
export function peekSettings({ env, cwd }: { env: EnvMap; cwd: string }, keys: readonly string[]): Record<string, PeekedSetting> {
  const layers = readConfigLayers({ env, cwd });
  const state = defaultState();
  applyYaml(state, layers.yaml);
  applyEnvLayer(state, layers.dotEnv, '.env');
  applyEnvLayer(state, layers.env, 'env');
  const out: Record<string, PeekedSetting> = {};
  const issues: ConfigIssue[] = [];
  for (const key of keys) {
    const field = fieldByKey(key);
    if (!field) throw new Error(`peekSettings: unknown key ${key}`);
    const source = state.sources.get(key) ?? 'default';
    const fromFile = source !== 'env' && source !== '.env';
    if (fromFile && layers.issues.length > 0) {
      issues.push(...layers.issues, { key, source, message: `${key} cannot be determined while the config file is unreadable: set ${field.meta.env ?? key} in the environment` });
      continue;
    }
    // A broken section or top level of config.yaml may hide this key's real value: refuse rather than guess.
    issues.push(...state.issues.filter((i) => i.key === key || (fromFile && (i.key === 'config.yaml' || key.startsWith(`${i.key}.`)))));
    const parsed = field.schema.safeParse(getAt(state.raw, field.path));
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => formatZodIssue({ ...i, path: [...field.path, ...i.path] }, state)));
      continue;
    }
    out[key] = { value: field.meta.kind === 'path' ? resolve(cwd, String(parsed.data)) : parsed.data, source };
  }
  if (issues.length > 0) throw new ConfigError([...new Map(issues.map((i) => [i.message, i])).values()]);
  return out;
}
