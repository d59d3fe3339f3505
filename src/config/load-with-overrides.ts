// Loads the configuration with the settings_overrides rows of a running bot (SPEC §3: the highest layer). A row
// that no longer fits (its strategy was removed from config.yaml, a bound changed, a key became restart-only)
// is left out and reported, so a stale dashboard edit can never stop the bot from starting or reloading.
// Must never let an override reach a restart-only key or bypass the schema.
import type { SettingOverride } from './apply-layers.js';
import type { ConfigIssue } from './config-error.js';
import { loadConfig, type LoadConfigInput, type LoadedConfig } from './load-config.js';
import { checkSettingOverride } from './setting-override.js';

export interface LoadedWithOverrides {
  readonly loaded: LoadedConfig;
  /** Overrides left out, each with the reason (key, stored value, allowed values). */
  readonly ignored: readonly ConfigIssue[];
}

/**
 * loadConfig with `rows` as the override layer, minus the rows that do not validate against the configuration
 * underneath them.
 * @throws ConfigError when the configuration without overrides is invalid (the same errors as loadConfig).
 */
export function loadConfigWithOverrides(input: Omit<LoadConfigInput, 'overrides'>, rows: readonly SettingOverride[]): LoadedWithOverrides {
  const base = loadConfig(input);
  if (rows.length === 0) return { loaded: base, ignored: [] };
  const kept: SettingOverride[] = [];
  const ignored: ConfigIssue[] = [];
  for (const row of rows) {
    const check = checkSettingOverride(row.key, row.value, base.values);
    if (check.ok) kept.push(row);
    else ignored.push(...check.issues);
  }
  return { loaded: kept.length === 0 ? base : loadConfig({ ...input, overrides: kept }), ignored };
}
