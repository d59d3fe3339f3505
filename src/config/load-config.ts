// Loads the configuration (SPEC §3): defaults < config.yaml < .env < environment < settings_overrides,
// validates it with the one schema, runs the live-trading gates, and returns a deeply frozen result that
// records the source of every value. Must never mutate process.env, never stop at the first problem, and
// never put a secret into an error or warning.
import { resolve } from 'node:path';
import { applyEnvLayer, applyOverrides, applyYaml, defaultState, getAt, type MergeState, type SettingOverride } from './apply-layers.js';
import { ConfigError, type ConfigIssue, type ConfigSource } from './config-error.js';
import { formatZodIssue as formatIssue } from './format-issue.js';
import { fieldByKey } from './config-fields.js';
import { readConfigLayers, type EnvMap } from './config-layers.js';
import { ConfigSchema, type Config } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { endpointWarnings, webWarnings } from './endpoints.js';
import { checkGates, MODES, parseMode, type GateConfig, type Mode, type ModeDecision } from './safety-gates.js';
import { scrubSecrets } from './secrets.js';

export interface LoadConfigInput {
  /** The environment (process.env in production; a plain object in tests). Never mutated. */
  readonly env: EnvMap;
  /** Working directory: `.env`, `config.yaml` and relative paths resolve against it. */
  readonly cwd: string;
  /** settings_overrides rows (only run-time-editable keys are allowed). */
  readonly overrides?: readonly SettingOverride[];
  /** `--mode` from the command line, when given (validated here). */
  readonly argvMode?: string | undefined;
  /** `--dry-run` from the command line. */
  readonly argvDryRun?: boolean | undefined;
}

/** The result of loading: frozen values, where each came from, the resolved mode, and warnings to log. */
export interface LoadedConfig {
  readonly values: Config;
  /** Source of each dotted key (every leaf; plus `strategies.<name>.…` keys set by env or overrides). */
  readonly sources: Readonly<Record<string, ConfigSource>>;
  /** The environment variable that supplied a key, for keys whose source is `.env` or `env`. */
  readonly envNames: Readonly<Record<string, string>>;
  readonly mode: Mode;
  readonly dryRun: boolean;
  /** Why this mode was chosen, for people. */
  readonly modeReason: string;
  /** Legal but risky settings (non-Alpaca endpoints, exposed dashboard, near-miss env names). */
  readonly warnings: readonly string[];
  readonly files: { readonly configPath: string; readonly configFound: boolean; readonly dotEnvPath: string; readonly dotEnvFound: boolean };
}

const GATE_KEYS = ['alpaca.api_key', 'alpaca.secret_key', 'alpaca.paper', 'alpaca.api_base_url', 'safety.allow_live_trading', 'safety.dry_run'] as const;

/** Parses just the gate fields, so gate problems are reported even when other keys are invalid. */
function gateConfigFrom(state: MergeState): GateConfig | undefined {
  const out: Record<string, unknown> = {};
  for (const key of GATE_KEYS) {
    const field = fieldByKey(key);
    const parsed = field?.schema.safeParse(getAt(state.raw, field.path));
    if (parsed?.success !== true) return undefined;
    out[key] = parsed.data;
  }
  return {
    alpaca: { api_key: out['alpaca.api_key'] as string, secret_key: out['alpaca.secret_key'] as string, paper: out['alpaca.paper'] as boolean, api_base_url: out['alpaca.api_base_url'] as string },
    safety: { allow_live_trading: out['safety.allow_live_trading'] as boolean, dry_run: out['safety.dry_run'] as boolean },
  };
}

/** Every raw string that is, or was offered as, a secret (to scrub from messages). */
function rawSecrets(state: MergeState, env: EnvMap, dotEnv: EnvMap): string[] {
  const names = ['ALPACA_API_KEY', 'APCA_API_KEY_ID', 'ALPACA_SECRET_KEY', 'APCA_API_SECRET_KEY', 'DASHBOARD_TOKEN'];
  const fromTree = ['alpaca.api_key', 'alpaca.secret_key', 'web.dashboard_token'].map((k) => getAt(state.raw, k.split('.')));
  const all = [...fromTree, ...names.map((n) => env[n]), ...names.map((n) => dotEnv[n])];
  return all.filter((v): v is string => typeof v === 'string').flatMap((v) => [v, v.trim()]).filter((v) => v !== '');
}

function modeIssue(argvMode: string | undefined): { mode: Mode | undefined; issues: ConfigIssue[] } {
  if (argvMode === undefined) return { mode: undefined, issues: [] };
  const mode = parseMode(argvMode);
  if (mode !== undefined) return { mode, issues: [] };
  return { mode: undefined, issues: [{ key: '--mode', source: 'cli', message: `--mode = ${argvMode} is not one of the allowed values: allowed ${MODES.join(', ')}` }] };
}

function withPaths(config: Config, cwd: string, configPath: string): Config {
  const paths = { data_dir: resolve(cwd, config.paths.data_dir), log_dir: resolve(cwd, config.paths.log_dir), config_path: configPath };
  return { ...config, paths };
}

/**
 * Loads and validates the whole configuration and resolves the mode.
 * @throws ConfigError listing every problem (bad values, unknown keys, non-editable overrides, half-set gates).
 */
export function loadConfig(input: LoadConfigInput): LoadedConfig {
  const layers = readConfigLayers({ env: input.env, cwd: input.cwd });
  const state = defaultState();
  applyYaml(state, layers.yaml);
  applyEnvLayer(state, layers.dotEnv, '.env');
  applyEnvLayer(state, layers.env, 'env');
  applyOverrides(state, input.overrides ?? []);
  const parsed = ConfigSchema.safeParse(state.raw);
  const cli = modeIssue(input.argvMode);
  const issues: ConfigIssue[] = [...layers.issues, ...state.issues, ...cli.issues];
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => formatIssue(i, state)));
  const gateConfig = parsed.success ? parsed.data : gateConfigFrom(state);
  let decision: ModeDecision | undefined;
  if (gateConfig !== undefined && cli.issues.length === 0) {
    const gates = checkGates({ cliMode: cli.mode, cliDryRun: input.argvDryRun, config: gateConfig });
    issues.push(...gates.issues);
    decision = gates.decision;
  }
  const secrets = rawSecrets(state, layers.env, layers.dotEnv);
  if (issues.length > 0 || !parsed.success || decision === undefined) {
    throw new ConfigError(issues.map((i) => ({ ...i, message: scrubSecrets(i.message, secrets) })));
  }
  const values = withPaths(parsed.data, input.cwd, layers.configPath);
  const warnings = [...state.warnings, ...endpointWarnings(values), ...webWarnings(values)].map((w) => scrubSecrets(w, secrets));
  return deepFreeze({
    values, mode: decision.mode, dryRun: decision.dryRun, modeReason: decision.reason, warnings,
    sources: Object.fromEntries(state.sources), envNames: Object.fromEntries(state.envNames),
    files: { configPath: layers.configPath, configFound: layers.configFound, dotEnvPath: layers.dotEnvPath, dotEnvFound: layers.dotEnvFound },
  });
}
