import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { CONFIG_FIELDS } from './config-fields.js';
import { ConfigSchema, TIMEFRAMES } from './config-schema.js';
import { loadConfig } from './load-config.js';

// SPEC §3 risk table, copied by hand (not derived from the schema) so the test checks the schema against the spec.
const RISK_BOUNDS: readonly { key: string; env: string; def: number; min: number; max: number; int?: boolean }[] = [
  { key: 'max_position_pct', env: 'MAX_POSITION_PCT', def: 0.05, min: 0.01, max: 0.25 },
  { key: 'max_risk_per_trade_pct', env: 'MAX_RISK_PER_TRADE_PCT', def: 0.01, min: 0.001, max: 0.05 },
  { key: 'max_risk_per_trade_abs', env: 'MAX_RISK_PER_TRADE_ABS', def: 500, min: 10, max: 5000 },
  { key: 'max_daily_loss_pct', env: 'MAX_DAILY_LOSS_PCT', def: 0.02, min: 0.005, max: 0.1 },
  { key: 'max_trades_per_day', env: 'MAX_TRADES_PER_DAY', def: 20, min: 1, max: 500, int: true },
  { key: 'max_open_positions', env: 'MAX_OPEN_POSITIONS', def: 5, min: 1, max: 50, int: true },
  { key: 'max_drawdown_pct', env: 'MAX_DRAWDOWN_PCT', def: 0.1, min: 0.02, max: 0.5 },
  { key: 'min_equity_buffer_pct', env: 'MIN_EQUITY_BUFFER_PCT', def: 0.05, min: 0, max: 0.5 },
  { key: 'consecutive_loss_pause', env: 'CONSECUTIVE_LOSS_PAUSE', def: 3, min: 2, max: 10, int: true },
  { key: 'stop_loss_pct', env: 'STOP_LOSS_PCT', def: 0.015, min: 0.001, max: 0.2 },
  { key: 'take_profit_pct', env: 'TAKE_PROFIT_PCT', def: 0.02, min: 0.001, max: 0.2 },
  { key: 'trailing_stop_activation_pct', env: 'TRAILING_STOP_ACTIVATION_PCT', def: 0.02, min: 0.001, max: 0.2 },
];

const riskOk = (key: string, value: unknown) => ConfigSchema.safeParse({ risk: { [key]: value } }).success;

describe('ConfigSchema: SPEC §3 risk bounds', () => {
  it.each(RISK_BOUNDS)('$key: default $def, accepted at $min and $max, rejected just outside', ({ key, def, min, max, int }) => {
    expect(ConfigSchema.parse({}).risk[key as keyof ReturnType<typeof ConfigSchema.parse>['risk']]).toBe(def);
    const step = int === true ? 1 : min === 0 ? 1e-9 : min / 1000;
    expect(riskOk(key, min)).toBe(true);
    expect(riskOk(key, max)).toBe(true);
    expect(riskOk(key, min - step)).toBe(false);
    expect(riskOk(key, max + (int === true ? 1 : max / 1000))).toBe(false);
    if (int === true) expect(riskOk(key, min + 0.5)).toBe(false);
  });

  it('notional_max must be > 0 (0 rejected, 0.01 accepted), default 25000', () => {
    expect(ConfigSchema.parse({}).risk.notional_max).toBe(25000);
    expect(riskOk('notional_max', 0)).toBe(false);
    expect(riskOk('notional_max', -1)).toBe(false);
    expect(riskOk('notional_max', 0.01)).toBe(true);
  });

  it.each(RISK_BOUNDS)('$env from the environment: the edge loads, just outside is an error naming key, value and range', ({ key, env, min, max, int }) => {
    expect(loadConfig({ env: { [env]: String(max) }, cwd: '/nonexistent-dir' }).values.risk[key as 'max_position_pct']).toBe(max);
    const bad = int === true ? String(max + 1) : String(max * 2);
    try {
      loadConfig({ env: { [env]: bad }, cwd: '/nonexistent-dir' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const [issue] = (error as ConfigError).issues;
      expect(issue?.message).toContain(`${env} (risk.${key}) = ${bad}`);
      expect(issue?.message).toContain(`${min}–${max}`);
    }
  });
});

describe('ConfigSchema: other keys', () => {
  it('parsing {} yields every default', () => {
    const c = ConfigSchema.parse({});
    expect(c.watchlist).toEqual(['AAPL', 'MSFT']);
    expect(c.data).toEqual({ bar_timeframe: '1Min', feed: 'iex', provider: 'stream' });
    expect(c.web).toMatchObject({ host: '127.0.0.1', port: 8000, dashboard_token: '' });
    expect(c.sim).toMatchObject({ port: 5100 });
    expect(c.alpaca.paper).toBe(true);
    expect(c.safety).toEqual({ allow_live_trading: false, kill_switch: false, circuit_breaker_reset: false, dry_run: false, allow_extended_hours: false });
    expect(c.shutdown.flatten).toBe(false);
    expect(c.log.level).toBe('info');
    expect(c.risk.sizing_mode).toBe('pct_equity');
    expect(c.strategies.find((s) => s.name === 'sma_crossover')).toMatchObject({ enabled: true, params: { fast: 10, slow: 30 } });
    expect(c.strategies.filter((s) => s.enabled).map((s) => s.name)).toEqual(['sma_crossover']);
  });

  it('watchlist: symbols match ^[A-Z]{1,5}([.][A-Z])?$, at least one, no repeats', () => {
    const ok = (w: unknown) => ConfigSchema.safeParse({ watchlist: w }).success;
    expect(ok(['A', 'ABCDE', 'BRK.B'])).toBe(true);
    expect(ok('AAPL, MSFT')).toBe(true);
    for (const bad of [[], ['ABCDEF'], ['aapl'], ['BRK.BB'], ['BRK-B'], ['AAPL', 'AAPL'], '']) expect(ok(bad)).toBe(false);
  });

  it('BAR_TIMEFRAME, STREAM_FEED, DATA_PROVIDER, LOG_LEVEL, SIZING_MODE accept only their listed values', () => {
    const ok = (section: string, key: string, v: string) => ConfigSchema.safeParse({ [section]: { [key]: v } }).success;
    for (const tf of TIMEFRAMES) expect(ok('data', 'bar_timeframe', tf)).toBe(true);
    for (const tf of ['1m', '3Min', '1min', '60Min', '1Week']) expect(ok('data', 'bar_timeframe', tf)).toBe(false);
    expect([ok('data', 'feed', 'iex'), ok('data', 'feed', 'sip'), ok('data', 'feed', 'otc')]).toEqual([true, true, false]);
    expect([ok('data', 'provider', 'stream'), ok('data', 'provider', 'polling'), ok('data', 'provider', 'rest')]).toEqual([true, true, false]);
    for (const l of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) expect(ok('log', 'level', l)).toBe(true);
    expect(ok('log', 'level', 'verbose')).toBe(false);
    for (const m of ['pct_equity', 'risk', 'fixed']) expect(ok('risk', 'sizing_mode', m)).toBe(true);
    expect(ok('risk', 'sizing_mode', 'kelly')).toBe(false);
  });

  it('booleans accept true/false/1/0/yes/no in any case and nothing else', () => {
    const parse = (v: string) => ConfigSchema.safeParse({ shutdown: { flatten: v } });
    for (const [text, value] of [['true', true], ['TRUE', true], ['1', true], ['yes', true], ['false', false], ['0', false], ['No', false]] as const) {
      expect(parse(text).data?.shutdown.flatten).toBe(value);
    }
    for (const bad of ['on', 'off', 'y', '2', 'maybe']) expect(parse(bad).success).toBe(false);
  });

  it('web and sim ports are 0–65535 whole numbers; the dashboard token is empty or ≥ 16 characters', () => {
    expect(ConfigSchema.safeParse({ web: { port: 65535 } }).success).toBe(true);
    expect(ConfigSchema.safeParse({ web: { port: 65536 } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ sim: { port: -1 } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ web: { dashboard_token: 'a'.repeat(15) } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ web: { dashboard_token: 'a'.repeat(16) } }).success).toBe(true);
  });

  it('strategies: unknown entry keys, bad names, duplicate names and bad timeframes are rejected', () => {
    const ok = (s: unknown) => ConfigSchema.safeParse({ strategies: s }).success;
    expect(ok([{ name: 'velez', enabled: true, timeframe: '2Min', symbols: ['AAPL'], params: { fast: 20 } }])).toBe(true);
    expect(ok([{ name: 'velez', enabeld: true }])).toBe(false);
    expect(ok([{ name: 'Velez' }])).toBe(false);
    expect(ok([{ name: 'a' }, { name: 'a' }])).toBe(false);
    expect(ok([{ name: 'a', timeframe: '3Min' }])).toBe(false);
  });

  it('unknown keys are rejected at every level', () => {
    expect(ConfigSchema.safeParse({ riks: {} }).success).toBe(false);
    expect(ConfigSchema.safeParse({ risk: { max_postion_pct: 0.2 } }).success).toBe(false);
  });

  it('every leaf has metadata (doc, allowed, default) and env names are unique', () => {
    const envs = CONFIG_FIELDS.flatMap((f) => [f.meta.env, ...(f.meta.aliases ?? [])]).filter((e) => e !== undefined);
    expect(new Set(envs).size).toBe(envs.length);
    for (const f of CONFIG_FIELDS) {
      expect(f.meta.doc.length).toBeGreaterThan(10);
      expect(f.meta.allowed.length).toBeGreaterThan(0);
      expect(f.schema.safeParse(f.meta.default).success).toBe(true);
    }
  });
});
