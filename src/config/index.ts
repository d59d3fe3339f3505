// Public surface of config/: loading, the schema and its types, safety gates, kill switch, secrets.
// Other layers import from here. Must never export anything that reads process.env by itself.
export { ConfigError, CONFIG_SOURCES, type ConfigIssue, type ConfigSource } from './config-error.js';
export {
  ConfigSchema, DEFAULT_STRATEGIES, LOG_LEVELS, SIZING_MODES, TIMEFRAMES,
  type Config, type LogLevel, type SizingMode, type StrategyConfig, type Timeframe,
} from './config-schema.js';
export { CONFIG_FIELDS, EDITABLE_KEYS, fieldByKey, isEditableKey, type ConfigField } from './config-fields.js';
export { loadConfig, type LoadConfigInput, type LoadedConfig } from './load-config.js';
export type { SettingOverride } from './apply-layers.js';
export type { EnvMap } from './config-layers.js';
export { peekSettings, type PeekedSetting } from './peek-settings.js';
export { checkGates, MODES, parseMode, resolveMode, type GateConfig, type Mode, type ModeDecision, type ResolveModeInput } from './safety-gates.js';
export { isKillSwitchOn, killSwitchPath, KILL_SWITCH_FILE, readKillSwitchFile, setKillSwitchFile, type KillSwitchState } from './kill-switch.js';
export { maskSecret, scrubSecrets, secretValues } from './secrets.js';
export { endpointWarnings, isAlpacaEndpoint, webWarnings } from './endpoints.js';
export { describeConfig, type DescribedValue } from './describe-config.js';
export { renderConfigYaml, renderDotEnv } from './config-template.js';
export { databasePath, DATABASE_FILE } from './paths.js';
export { diffConfig, isLiveKey, type ConfigChange } from './config-diff.js';
export { mergeLiveChanges } from './merge-live.js';
export { checkSettingOverride, overrideRows, overrideText, type SettingOverrideCheck } from './setting-override.js';
export { loadConfigWithOverrides, type LoadedWithOverrides } from './load-with-overrides.js';
