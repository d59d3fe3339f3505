// The one writer of settings overrides (SPEC §3: run-time edits from the dashboard, the highest config layer):
// validates the key and value exactly as loading will, then appends a row to settings_overrides (the previous
// value kept for audit). A running bot picks the row up at its next config reload (within 60 s, or at once when
// the caller wakes the reload task). Must never write a restart-only key, an out-of-bounds value or a secret.
import { checkSettingOverride, type Config, type ConfigIssue } from '../../config/index.js';
import type { SettingsOverrideRecord } from '../../ports/store-records.js';
import type { Store } from '../../ports/store.js';

export type SettingsOverrideResult =
  | { readonly ok: true; readonly record: SettingsOverrideRecord }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Validates `key = value` (an editable key: risk.*, watchlist, log.level, strategies.<name>.enabled…) against the
 * schema and bounds, and on success appends it to the store as the value the schema reads (e.g. `"7"` → 7).
 * @param config the configuration in force: its strategies list decides which `strategies.<name>.enabled` exist.
 * @param who who made the change (dashboard user, `cli`), kept on the row.
 * @throws InvalidStoreValueError when `who` is empty; store errors as the store throws them.
 */
export function applySettingsOverride(store: Pick<Store, 'settingsOverrides'>, key: string, value: unknown, who: string, config?: Pick<Config, 'strategies'>): SettingsOverrideResult {
  const check = checkSettingOverride(key, value, config);
  if (!check.ok) return { ok: false, issues: check.issues };
  const stored = typeof check.value === 'object' ? [...check.value] : check.value;
  return { ok: true, record: store.settingsOverrides.set(key, stored, who) };
}

/**
 * Removes the override of `key` (a row with value null): the value from config.yaml, .env or the environment
 * applies again at the next reload.
 */
export function clearSettingsOverride(store: Pick<Store, 'settingsOverrides'>, key: string, who: string): SettingsOverrideRecord {
  return store.settingsOverrides.clear(key, who);
}
