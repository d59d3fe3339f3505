import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { CONFIG_FIELDS } from './config-fields.js';
import { renderConfigYaml, renderDotEnv } from './config-template.js';
import { loadConfig, type LoadConfigInput } from './load-config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); };
const load = (input: Partial<LoadConfigInput> = {}) => loadConfig({ env: {}, cwd: dir, ...input });
function problems(input: Partial<LoadConfigInput> = {}): string[] {
  try {
    load(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.message);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: sources, lowest to highest', () => {
  it('defaults < config.yaml < .env < env < override, each value recording its source', () => {
    write('config.yaml', 'risk:\n  max_position_pct: 0.06\n  max_trades_per_day: 30\n  max_open_positions: 6\n  max_drawdown_pct: 0.2\n');
    write('.env', 'MAX_TRADES_PER_DAY=40\nMAX_OPEN_POSITIONS=7\nMAX_DRAWDOWN_PCT=0.3\n');
    const c = load({ env: { MAX_OPEN_POSITIONS: '8', MAX_DRAWDOWN_PCT: '0.4' }, overrides: [{ key: 'risk.max_drawdown_pct', value: '0.45' }] });
    expect(c.values.risk).toMatchObject({ max_daily_loss_pct: 0.02, max_position_pct: 0.06, max_trades_per_day: 40, max_open_positions: 8, max_drawdown_pct: 0.45 });
    expect(c.sources).toMatchObject({
      'risk.max_daily_loss_pct': 'default',
      'risk.max_position_pct': 'config.yaml',
      'risk.max_trades_per_day': '.env',
      'risk.max_open_positions': 'env',
      'risk.max_drawdown_pct': 'override',
    });
    expect(c.envNames['risk.max_open_positions']).toBe('MAX_OPEN_POSITIONS');
  });

  it('records a source for every leaf key', () => {
    const c = load();
    for (const f of CONFIG_FIELDS) expect(c.sources[f.key]).toBe('default');
  });

  it('APCA_API_KEY_ID / APCA_API_SECRET_KEY are aliases; ALPACA_* wins when both are set (with a warning)', () => {
    const viaAlias = load({ env: { APCA_API_KEY_ID: 'PKALIASKEY00000001', APCA_API_SECRET_KEY: 'aliassecret0000000001' } });
    expect(viaAlias.values.alpaca).toMatchObject({ api_key: 'PKALIASKEY00000001', secret_key: 'aliassecret0000000001' });
    expect(viaAlias.envNames['alpaca.api_key']).toBe('APCA_API_KEY_ID');
    expect(viaAlias.mode).toBe('paper');
    const both = load({ env: { ALPACA_API_KEY: 'PKPRIMARY000000001', APCA_API_KEY_ID: 'PKALIASKEY00000001', ALPACA_SECRET_KEY: 'x'.repeat(20) } });
    expect(both.values.alpaca.api_key).toBe('PKPRIMARY000000001');
    expect(both.warnings.join('\n')).toMatch(/ALPACA_API_KEY and APCA_API_KEY_ID are both set/);
    expect(both.warnings.join('\n')).not.toContain('PKPRIMARY');
  });

  it('.env is parsed without touching process.env; empty values count as unset', () => {
    write('.env', 'LOG_LEVEL=debug\nSYMBOLS=\nALPACA_BOT_TEST_MARKER=1\n');
    const c = load();
    expect(c.values.log.level).toBe('debug');
    expect(c.values.watchlist).toEqual(['AAPL', 'MSFT']);
    expect(process.env.LOG_LEVEL).not.toBe('debug');
    expect(process.env.ALPACA_BOT_TEST_MARKER).toBeUndefined();
  });

  it('SMA_FAST / SMA_SLOW set the sma_crossover parameters', () => {
    const c = load({ env: { SMA_FAST: '5', SMA_SLOW: '50' } });
    expect(c.values.strategies.find((s) => s.name === 'sma_crossover')?.params).toEqual({ fast: 5, slow: 50 });
    expect(c.sources['strategies.sma_crossover.params.fast']).toBe('env');
  });

  it('overrides: editable keys apply (watchlist, strategy enabled, log level); restart-only and unknown keys are errors', () => {
    const c = load({ overrides: [{ key: 'watchlist', value: 'SPY,QQQ' }, { key: 'strategies.velez.enabled', value: 'true' }, { key: 'log.level', value: 'warn' }] });
    expect(c.values.watchlist).toEqual(['SPY', 'QQQ']);
    expect(c.values.strategies.find((s) => s.name === 'velez')?.enabled).toBe(true);
    expect(c.sources['strategies.velez.enabled']).toBe('override');
    const msgs = problems({ overrides: [{ key: 'web.port', value: '9000' }, { key: 'alpaca.paper', value: 'false' }, { key: 'risk.nope', value: '1' }] });
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toMatch(/web\.port cannot be changed at run time/);
    expect(msgs[1]).toMatch(/alpaca\.paper cannot be changed at run time/);
    expect(msgs[2]).toMatch(/unknown key risk\.nope/);
  });

  it('CONFIG_PATH picks the file; a missing explicit file is an error; relative paths resolve against cwd', () => {
    write('other.yaml', 'paths:\n  data_dir: var/data\n');
    const c = load({ env: { CONFIG_PATH: 'other.yaml', LOG_DIR: 'l' } });
    expect(c.values.paths).toEqual({ data_dir: join(dir, 'var/data'), log_dir: join(dir, 'l'), config_path: join(dir, 'other.yaml') });
    expect(c.sources['paths.data_dir']).toBe('config.yaml');
    expect(problems({ env: { CONFIG_PATH: 'missing.yaml' } })[0]).toMatch(/CONFIG_PATH .*missing\.yaml does not exist/);
  });

  it('the result is deeply frozen', () => {
    const c = load();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.values.risk)).toBe(true);
    expect(Object.isFrozen(c.values.strategies[0]?.params)).toBe(true);
    expect(() => {
      (c.values.risk as { max_position_pct: number }).max_position_pct = 0.9;
    }).toThrow(TypeError);
  });
});

describe('loadConfig: validation', () => {
  it('reports every problem at once: two bad values, two messages', () => {
    const msgs = problems({ env: { MAX_POSITION_PCT: '0.5', BAR_TIMEFRAME: '3Min' } });
    expect(msgs).toHaveLength(2);
    expect(msgs).toContainEqual(expect.stringContaining('MAX_POSITION_PCT (risk.max_position_pct) = 0.5 is out of range: allowed 0.01–0.25'));
    expect(msgs).toContainEqual(expect.stringContaining('BAR_TIMEFRAME (data.bar_timeframe) = 3Min'));
    expect(msgs.find((m) => m.includes('BAR_TIMEFRAME'))).toContain('1Min, 2Min, 5Min, 10Min, 15Min, 30Min, 1Hour, 1Day');
  });

  it('problems from every layer are reported together (yaml, .env, env, override)', () => {
    write('config.yaml', 'risk:\n  max_trades_per_day: 0\n');
    write('.env', 'STREAM_FEED=otc\n');
    const msgs = problems({ env: { KILL_SWITCH: 'maybe' }, overrides: [{ key: 'log.level', value: 'loud' }] });
    expect(msgs).toHaveLength(4);
    expect(msgs.join('\n')).toMatch(/risk\.max_trades_per_day = 0 is out of range: allowed 1–500/);
    expect(msgs.join('\n')).toMatch(/STREAM_FEED \(data\.feed\) = otc .*allowed iex, sip/);
    expect(msgs.join('\n')).toMatch(/KILL_SWITCH \(safety\.kill_switch\) = maybe is not a boolean: allowed true, false, 1, 0, yes, no/);
    expect(msgs.join('\n')).toMatch(/log\.level = loud .*settings_overrides/);
  });

  it('an unknown key in config.yaml is an error naming it, with a suggestion', () => {
    write('config.yaml', 'risk:\n  max_postion_pct: 0.2\nmax_daily_loss_pct: 0.05\nfoo: 1\n');
    const msgs = problems();
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toBe('config.yaml: unknown key risk.max_postion_pct (did you mean risk.max_position_pct?)');
    expect(msgs[1]).toContain('unknown key max_daily_loss_pct (did you mean risk.max_daily_loss_pct?)');
    expect(msgs[2]).toContain('unknown key foo');
  });

  it('secrets cannot be set in config.yaml, and YAML syntax errors are reported', () => {
    write('config.yaml', 'alpaca:\n  api_key: PKINYAMLFILE000000\n');
    expect(problems()[0]).toMatch(/alpaca\.api_key cannot be set in config\.yaml: set ALPACA_API_KEY in \.env/);
    expect(problems().join('\n')).not.toContain('PKINYAMLFILE000000');
    write('config.yaml', 'risk: [unclosed\n');
    expect(problems()[0]).toMatch(/is not valid YAML/);
  });

  it('a bad secret is reported without echoing it, and secrets are scrubbed from every message', () => {
    const key = 'PKTESTKEY VISIBLE123';
    const msgs = problems({ env: { ALPACA_API_KEY: key, ALPACA_SECRET_KEY: 'SECRETVALUE987654321', SYMBOLS: 'SECRETVALUE987654321' } });
    const text = msgs.join('\n');
    expect(text).toContain('ALPACA_API_KEY (alpaca.api_key) = <hidden, 20 chars>');
    expect(text).not.toContain('VISIBLE123');
    expect(text).not.toContain('SECRETVALUE987654321');
    expect(text).toContain('SYMBOLS (watchlist)');
  });

  it('a bad --mode value is reported with the allowed values', () => {
    expect(problems({ argvMode: 'production' })).toEqual(['--mode = production is not one of the allowed values: allowed sim, paper, live, backtest']);
  });

  it('gate problems are reported with value problems', () => {
    const msgs = problems({ env: { ALPACA_API_KEY: 'PKTESTKEYVISIBLE123', ALPACA_SECRET_KEY: 'SECRETVALUE987654321', ALPACA_PAPER: 'false', MAX_POSITION_PCT: '0.5' } });
    expect(msgs).toHaveLength(2);
    expect(msgs.join('\n')).toMatch(/ALLOW_LIVE_TRADING/);
    expect(msgs.join('\n')).toMatch(/MAX_POSITION_PCT/);
  });

  it('warns about non-Alpaca endpoints and near-miss env names', () => {
    write('.env', 'SYMBOLZ=AAPL\n');
    const c = load({ env: { ALPACA_DATA_BASE_URL: 'https://example.com' } });
    expect(c.warnings.join('\n')).toMatch(/ALPACA_DATA_BASE_URL .*example\.com is not an Alpaca endpoint/);
    expect(c.warnings.join('\n')).toMatch(/SYMBOLZ .*did you mean SYMBOLS\?/);
  });
});

describe('init templates', () => {
  it('the generated config.yaml and .env load without errors and give the defaults', () => {
    write('config.yaml', renderConfigYaml());
    write('.env', renderDotEnv({ dashboardToken: 'tok_0123456789abcdef' }));
    const c = load();
    mkdirSync(join(dir, 'empty'));
    const d = load({ cwd: join(dir, 'empty') });
    expect({ ...c.values, paths: undefined, web: undefined }).toEqual({ ...d.values, paths: undefined, web: undefined });
    expect(c.values.web.dashboard_token).toBe('tok_0123456789abcdef');
    expect(c.mode).toBe('sim');
    expect(c.sources['risk.max_position_pct']).toBe('config.yaml');
  });

  it('config.yaml mentions every key with its bounds; .env has the safe gate defaults', () => {
    const yaml = renderConfigYaml();
    for (const f of CONFIG_FIELDS) {
      expect(yaml).toMatch(new RegExp(`^\\s*#? ?${f.path[f.path.length - 1] ?? ''}:`, 'm'));
      expect(yaml).toContain(`Allowed: ${f.meta.allowed}.`);
    }
    const env = renderDotEnv({ dashboardToken: '' });
    expect(env).toMatch(/^ALPACA_PAPER=true$/m);
    expect(env).toMatch(/^ALLOW_LIVE_TRADING=false$/m);
    expect(env).toMatch(/^ALPACA_API_KEY=$/m);
    expect(env).toMatch(/^# DRY_RUN=false$/m);
  });
});
