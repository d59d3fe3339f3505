// The files `alpaca-bot init` writes: a commented config.yaml and a .env, generated from the field registry
// so every key, default, bound and explanation matches the schema. Must never write a real secret into
// config.yaml, and the generated config.yaml must load without errors.
import { stringify } from 'yaml';
import { CONFIG_FIELDS, type ConfigField } from './config-fields.js';
import { STRATEGY_ENV_PARAMS } from './config-schema.js';

function describe(field: ConfigField): string {
  const env = field.meta.env === undefined ? '' : ` Env: ${[field.meta.env, ...(field.meta.aliases ?? [])].join(' or ')}.`;
  const editable = field.meta.editable === true ? ' Editable at run time.' : '';
  return `${field.meta.doc} Allowed: ${field.meta.allowed}.${env}${editable}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').filter((l) => l !== '').map((l) => `${pad}${l}`).join('\n');
}

function renderLeaf(field: ConfigField, depth: number): string {
  const name = field.path[field.path.length - 1] ?? field.key;
  const comment = indent(`# ${describe(field)}`, depth * 2);
  if (field.meta.yaml === false) {
    const where = field.meta.kind === 'secret' ? '.env (never in this file)' : 'the environment or .env';
    return `${comment}\n${indent(`# ${name}: set ${field.meta.env ?? field.key} in ${where}`, depth * 2)}`;
  }
  let extra = '';
  if (field.meta.kind === 'strategies') {
    const envs = STRATEGY_ENV_PARAMS.map((s) => `${s.env} sets ${s.doc}`).join('; ');
    extra = `\n# Each entry: name, enabled, optional symbols (default: the watchlist) and timeframe (default: data.bar_timeframe), params.\n# ${envs}.`;
  }
  return `${comment}${extra}\n${indent(stringify({ [name]: field.meta.default }, { lineWidth: 0 }), depth * 2)}`;
}

/** The commented config.yaml: every key with its default, bounds and a one-line explanation. */
export function renderConfigYaml(): string {
  const lines = [
    '# alpaca-bot configuration, written by `alpaca-bot init`.',
    '# Sources, lowest to highest: built-in defaults < this file < .env < environment variables < dashboard overrides.',
    '# Every key is shown with its default. Unknown keys are errors, and so is any value outside its bounds.',
    '# Secrets (API keys, dashboard token) belong in .env, never here. `alpaca-bot config` shows what is in force.',
  ];
  let section: string | undefined;
  for (const field of CONFIG_FIELDS) {
    const nested = field.path.length > 1;
    const head = nested ? field.path[0] : undefined;
    if (head !== section) {
      lines.push('');
      if (head !== undefined) lines.push(`${head}:`);
      section = head;
    } else if (!nested) {
      lines.push('');
    }
    lines.push(renderLeaf(field, nested ? 1 : 0));
  }
  return `${lines.join('\n')}\n`;
}

// Set in .env: credentials and the two live gates at their safe values (these only ever shadow config.yaml
// in the safe direction). Shown commented out: switches whose .env value would silently shadow config.yaml
// in the unsafe direction (e.g. DRY_RUN=false hiding `dry_run: true`).
const DOTENV_ACTIVE = ['alpaca.api_key', 'alpaca.secret_key', 'alpaca.paper', 'safety.allow_live_trading', 'web.dashboard_token'];
const DOTENV_COMMENTED = ['safety.kill_switch', 'safety.dry_run', 'safety.allow_extended_hours'];

function dotEnvValue(field: ConfigField, dashboardToken: string): string {
  if (field.key === 'web.dashboard_token') return dashboardToken;
  return field.meta.kind === 'secret' ? '' : String(field.meta.default);
}

/**
 * The .env file: credentials (empty placeholders: empty means "not set", so the simulator runs), the
 * live-trading gates at their safe defaults, the dashboard token (`dashboardToken`, may be empty), and the
 * other switches commented out.
 */
export function renderDotEnv({ dashboardToken }: { dashboardToken: string }): string {
  const lines = [
    '# alpaca-bot secrets and switches, written by `alpaca-bot init`. Keep this file private (mode 0600); never commit it.',
    '# A value set here wins over config.yaml; environment variables win over this file. Empty means "not set".',
    '# Paper keys: https://app.alpaca.markets → Paper account → API keys. With no keys, the embedded simulator runs.',
  ];
  for (const field of CONFIG_FIELDS) {
    const active = DOTENV_ACTIVE.includes(field.key);
    if ((!active && !DOTENV_COMMENTED.includes(field.key)) || field.meta.env === undefined) continue;
    lines.push('', `# ${describe(field)}`, `${active ? '' : '# '}${field.meta.env}=${dotEnvValue(field, dashboardToken)}`);
  }
  return `${lines.join('\n')}\n`;
}
