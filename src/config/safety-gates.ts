// Safety gate S1: which venue the bot talks to. Paper unless ALPACA_PAPER=false AND ALLOW_LIVE_TRADING=true
// AND --mode live; any partial combination is a startup error naming what is missing. Must never return
// `live` unless all three are present, and must never fall back to another mode when a gate is half set.
import type { ConfigIssue } from './config-error.js';
import { ConfigError } from './config-error.js';
import type { Config } from './config-schema.js';

/** Where orders go: embedded simulator, Alpaca paper, Alpaca live, or an in-process backtest. */
export const MODES = ['sim', 'paper', 'live', 'backtest'] as const;
export type Mode = (typeof MODES)[number];

/** The slice of the configuration the gates read. */
export interface GateConfig {
  readonly alpaca: Pick<Config['alpaca'], 'api_key' | 'secret_key' | 'paper' | 'api_base_url'>;
  readonly safety: Pick<Config['safety'], 'allow_live_trading' | 'dry_run'>;
}

export interface ResolveModeInput {
  /** `--mode` from the command line, when given. */
  readonly cliMode?: Mode | undefined;
  /** `--dry-run` from the command line. */
  readonly cliDryRun?: boolean | undefined;
  readonly config: GateConfig;
}

/** The outcome: the mode, whether orders are suppressed, and why this mode was chosen. */
export interface ModeDecision {
  readonly mode: Mode;
  readonly dryRun: boolean;
  readonly reason: string;
}

const KEY_VAR = 'ALPACA_API_KEY (or APCA_API_KEY_ID)';
const SECRET_VAR = 'ALPACA_SECRET_KEY (or APCA_API_SECRET_KEY)';
const LIVE_HOST = 'api.alpaca.markets';
const PAPER_HOST = 'paper-api.alpaca.markets';

function liveGateIssue(cliMode: Mode | undefined, config: GateConfig): ConfigIssue | undefined {
  const parts = [
    { ok: !config.alpaca.paper, flag: 'ALPACA_PAPER=false', key: 'alpaca.paper', envName: 'ALPACA_PAPER' },
    { ok: config.safety.allow_live_trading, flag: 'ALLOW_LIVE_TRADING=true', key: 'safety.allow_live_trading', envName: 'ALLOW_LIVE_TRADING' },
    { ok: cliMode === 'live', flag: '--mode live', key: '--mode', envName: undefined },
  ];
  const set = parts.filter((p) => p.ok);
  const missing = parts.filter((p) => !p.ok);
  const first = missing[0];
  if (set.length === 0 || first === undefined) return undefined;
  const given = cliMode === undefined || cliMode === 'live' ? '' : ` (--mode is ${cliMode})`;
  const message =
    `live-trading gate is half set: ${set.map((p) => p.flag).join(' and ')} ${set.length === 1 ? 'is' : 'are'} set but ` +
    `${missing.map((p) => p.flag).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing${given}. ` +
    'Live trading needs all three: ALPACA_PAPER=false, ALLOW_LIVE_TRADING=true and --mode live. To stay on paper, set ALPACA_PAPER=true and ALLOW_LIVE_TRADING=false.';
  return first.envName === undefined ? { key: first.key, source: 'gate', message } : { key: first.key, envName: first.envName, source: 'gate', message };
}

function credentialIssue(cliMode: Mode | undefined, config: GateConfig): ConfigIssue | undefined {
  const hasKey = config.alpaca.api_key !== '';
  const hasSecret = config.alpaca.secret_key !== '';
  if (hasKey && hasSecret) return undefined;
  if (cliMode === 'paper' || cliMode === 'live') {
    const missing = [hasKey ? undefined : KEY_VAR, hasSecret ? undefined : SECRET_VAR].filter((v) => v !== undefined);
    return { key: hasKey ? 'alpaca.secret_key' : 'alpaca.api_key', source: 'gate', message: `--mode ${cliMode} needs Alpaca credentials: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set` };
  }
  if (cliMode === undefined && hasKey !== hasSecret) {
    const [set, missing] = hasKey ? [KEY_VAR, SECRET_VAR] : [SECRET_VAR, KEY_VAR];
    return { key: hasKey ? 'alpaca.secret_key' : 'alpaca.api_key', source: 'gate', message: `${missing} is not set but ${set} is: set both to use Alpaca paper, or neither to run the simulator` };
  }
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function endpointIssue(mode: Mode, config: GateConfig): ConfigIssue | undefined {
  const host = config.alpaca.api_base_url === '' ? undefined : hostOf(config.alpaca.api_base_url);
  const wrong = (mode === 'paper' && host === LIVE_HOST) || (mode === 'live' && host === PAPER_HOST);
  if (!wrong) return undefined;
  const message = `ALPACA_API_BASE_URL (alpaca.api_base_url) = ${config.alpaca.api_base_url} points at Alpaca's ${mode === 'paper' ? 'live' : 'paper'} trading API but the mode is ${mode}: allowed empty (the ${mode} default) or a non-${mode === 'paper' ? 'live' : 'paper'} endpoint`;
  return { key: 'alpaca.api_base_url', envName: 'ALPACA_API_BASE_URL', source: 'gate', message };
}

function pickMode(cliMode: Mode | undefined, config: GateConfig): { mode: Mode; reason: string } {
  if (cliMode !== undefined) return { mode: cliMode, reason: `--mode ${cliMode}` };
  return config.alpaca.api_key !== '' && config.alpaca.secret_key !== ''
    ? { mode: 'paper', reason: 'Alpaca credentials are set and no --mode was given' }
    : { mode: 'sim', reason: 'no Alpaca credentials and no --mode was given' };
}

/** Every gate problem for this input (empty when the gates allow a start), plus the decision. */
export function checkGates({ cliMode, cliDryRun, config }: ResolveModeInput): { decision: ModeDecision; issues: readonly ConfigIssue[] } {
  const { mode, reason } = pickMode(cliMode, config);
  const issues = [liveGateIssue(cliMode, config), credentialIssue(cliMode, config), endpointIssue(mode, config)].filter((i) => i !== undefined);
  const dryRun = cliDryRun === true || config.safety.dry_run;
  return { decision: { mode, dryRun, reason }, issues };
}

/**
 * Resolves the mode (SPEC §1, S1): `--mode` wins; otherwise `paper` with credentials, `sim` without.
 * `live` only with ALPACA_PAPER=false, ALLOW_LIVE_TRADING=true and `--mode live`.
 * @throws ConfigError naming every missing flag or credential when a gate is half set.
 */
export function resolveMode(input: ResolveModeInput): ModeDecision {
  const { decision, issues } = checkGates(input);
  if (issues.length > 0) throw new ConfigError(issues);
  return decision;
}

/** Parses a `--mode` value; undefined when it is not one of MODES. */
export function parseMode(value: string): Mode | undefined {
  return (MODES as readonly string[]).includes(value) ? (value as Mode) : undefined;
}
