// Config reload building blocks: the diff (live vs restart-only, secrets hidden), the merge (only live keys move),
// override checks with the loader's own messages, and loading with stale overrides left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffConfig, isLiveKey } from './config-diff.js';
import { ConfigError } from './config-error.js';
import { CONFIG_FIELDS } from './config-fields.js';
import { loadConfig, type LoadedConfig } from './load-config.js';
import { loadConfigWithOverrides } from './load-with-overrides.js';
import { mergeLiveChanges } from './merge-live.js';
import { checkSettingOverride, overrideRows } from './setting-override.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-reload-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const yaml = (text: string): LoadedConfig => {
  writeFileSync(join(dir, 'config.yaml'), text);
  return loadConfig({ env: {}, cwd: dir, argvMode: 'sim' });
};

describe('diffConfig', () => {
  it('marks risk, watchlist, log level, kill switch and strategies live; everything else restart-only', () => {
    const before = yaml('risk:\n  max_trades_per_day: 20\n');
    const after = yaml([
      'risk:\n  max_trades_per_day: 7\n', 'watchlist: [AAPL, TSLA]\n', 'log:\n  level: debug\n', 'safety:\n  kill_switch: true\n  allow_extended_hours: true\n',
      'sim:\n  seed: 7\n', 'web:\n  port: 8123\n', 'paths:\n  data_dir: ./elsewhere\n',
      'strategies:\n  - name: sma_crossover\n    params: { fast: 5, slow: 20 }\n  - name: velez\n    enabled: true\n',
    ].join(''));
    const changes = diffConfig(before, after);
    const byKey = Object.fromEntries(changes.map((c) => [c.key, c]));
    expect(byKey['risk.max_trades_per_day']).toEqual({ key: 'risk.max_trades_per_day', from: '20', to: '7', live: true, source: 'config.yaml' });
    expect(byKey.watchlist).toMatchObject({ from: 'AAPL,MSFT', to: 'AAPL,TSLA', live: true });
    expect(byKey['log.level']).toMatchObject({ from: 'info', to: 'debug', live: true });
    expect(byKey['safety.kill_switch']).toMatchObject({ live: true });
    expect(byKey['strategies.sma_crossover.params.fast']).toMatchObject({ from: '10', to: '5', live: true });
    expect(byKey['strategies.velez.enabled']).toMatchObject({ from: 'false', to: 'true', live: true });
    expect(byKey['strategies.mtf_sma']).toMatchObject({ from: 'disabled', to: '(not configured)', live: true });
    for (const key of ['safety.allow_extended_hours', 'sim.seed', 'web.port', 'paths.data_dir']) expect(byKey[key], key).toMatchObject({ live: false });
    expect(changes.filter((c) => c.key.startsWith('risk.')).map((c) => c.key)).toEqual(['risk.max_trades_per_day']);
  });

  it('an identical reload has no changes', () => {
    expect(diffConfig(yaml('risk:\n  max_open_positions: 4\n'), yaml('risk:\n  max_open_positions: 4\n'))).toEqual([]);
  });

  it('never shows a secret value (credentials are restart-only)', () => {
    const before = loadConfig({ env: {}, cwd: dir, argvMode: 'sim' });
    writeFileSync(join(dir, '.env'), 'ALPACA_API_KEY=PKSECRETVALUE0000001\nALPACA_SECRET_KEY=topsecretvalue00000000001\n');
    const after = loadConfig({ env: {}, cwd: dir, argvMode: 'sim' });
    const changes = diffConfig(before, after);
    expect(changes.map((c) => [c.key, c.from, c.to, c.live])).toEqual([
      ['alpaca.api_key', '(hidden)', '(hidden)', false],
      ['alpaca.secret_key', '(hidden)', '(hidden)', false],
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/PKSECRET|topsecret/);
  });
});

describe('mergeLiveChanges', () => {
  it('takes exactly the live keys from the new configuration (checked leaf by leaf against isLiveKey)', () => {
    const current = yaml('');
    const marked = (prefix: string): Record<string, unknown> => {
      const tree: Record<string, unknown> = {};
      for (const field of CONFIG_FIELDS) {
        let node = tree;
        for (const step of field.path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
        node[field.path[field.path.length - 1] ?? ''] = `${prefix}:${field.key}`;
      }
      return tree;
    };
    const from = { ...current, values: marked('old') } as unknown as LoadedConfig;
    const to = { ...current, values: marked('new') } as unknown as LoadedConfig;
    const merged = mergeLiveChanges(from, to).values as unknown as Record<string, Record<string, unknown>>;
    for (const field of CONFIG_FIELDS) {
      const value = field.path.length === 1 ? merged[field.key] : merged[field.path[0] ?? '']?.[field.path[1] ?? ''];
      expect(value, field.key).toBe(`${isLiveKey(field.key) ? 'new' : 'old'}:${field.key}`);
    }
  });

  it('keeps mode, files and restart-only sources; takes live sources; result is frozen', () => {
    const before = yaml('sim:\n  seed: 1\n');
    const after = yaml('sim:\n  seed: 2\nrisk:\n  max_open_positions: 9\n');
    const merged = mergeLiveChanges(before, after);
    expect(merged.values.sim.seed).toBe(1);
    expect(merged.values.risk.max_open_positions).toBe(9);
    expect(merged.sources['risk.max_open_positions']).toBe('config.yaml');
    expect(merged.mode).toBe(before.mode);
    expect(Object.isFrozen(merged.values.risk)).toBe(true);
  });
});

describe('checkSettingOverride', () => {
  it('accepts an editable key and returns the value as the schema reads it', () => {
    expect(checkSettingOverride('risk.max_trades_per_day', '7')).toEqual({ ok: true, key: 'risk.max_trades_per_day', value: 7 });
    expect(checkSettingOverride('watchlist', ['TSLA', 'NVDA'])).toMatchObject({ ok: true, value: ['TSLA', 'NVDA'] });
    expect(checkSettingOverride('strategies.sma_crossover.enabled', false)).toMatchObject({ ok: true, value: false });
    expect(checkSettingOverride('log.level', 'debug')).toMatchObject({ ok: true, value: 'debug' });
  });

  it('refuses values out of bounds, restart-only and unknown keys, and unconfigured strategies, naming key, value and allowed range', () => {
    const messages = (key: string, value: unknown): string[] => {
      const check = checkSettingOverride(key, value);
      return check.ok ? [] : check.issues.map((i) => i.message);
    };
    expect(messages('risk.max_trades_per_day', 9999)).toEqual(['risk.max_trades_per_day = 9999 is out of range: allowed 1–500 (whole number) [settings_overrides]']);
    expect(messages('risk.max_position_pct', 'lots')).toEqual(['risk.max_position_pct = lots is not a number: allowed 0.01–0.25 [settings_overrides]']);
    expect(messages('web.port', 9000)[0]).toMatch(/^settings_overrides web\.port cannot be changed at run time \(restart-only\): allowed watchlist, risk\.max_position_pct, .*log\.level, strategies\.<name>\.enabled$/);
    expect(messages('alpaca.api_key', 'PKX')[0]).toContain('restart-only');
    expect(messages('risk.max_trade_per_day', 5)[0]).toBe('settings_overrides: unknown key risk.max_trade_per_day (did you mean risk.max_trades_per_day?)');
    expect(messages('strategies.nope.enabled', true)[0]).toMatch(/^settings_overrides strategies\.nope\.enabled: no strategy named nope is configured: allowed sma_crossover, /);
    expect(messages('watchlist', 'aapl')[0]).toContain('watchlist');
  });

  it('knows the strategies of the configuration it is given', () => {
    const config = { strategies: [{ name: 'my_strat', enabled: false, params: {} }] };
    expect(checkSettingOverride('strategies.my_strat.enabled', 'true', config)).toMatchObject({ ok: true, value: true });
    expect(checkSettingOverride('strategies.sma_crossover.enabled', 'true', config).ok).toBe(false);
  });

  it('turns stored JSON values into loader rows', () => {
    expect(overrideRows(new Map<string, unknown>([['risk.max_trades_per_day', 7], ['watchlist', ['A', 'B']], ['strategies.velez.enabled', true]]))).toEqual([
      { key: 'risk.max_trades_per_day', value: '7' }, { key: 'watchlist', value: 'A,B' }, { key: 'strategies.velez.enabled', value: 'true' },
    ]);
  });
});

describe('loadConfigWithOverrides', () => {
  it('an override beats config.yaml, .env and the environment', () => {
    writeFileSync(join(dir, 'config.yaml'), 'risk:\n  max_trades_per_day: 30\n');
    writeFileSync(join(dir, '.env'), 'MAX_OPEN_POSITIONS=6\n');
    const { loaded, ignored } = loadConfigWithOverrides({ env: { MAX_DAILY_LOSS_PCT: '0.03' }, cwd: dir }, [
      { key: 'risk.max_trades_per_day', value: '9' }, { key: 'risk.max_open_positions', value: '3' }, { key: 'risk.max_daily_loss_pct', value: '0.01' },
    ]);
    expect(ignored).toEqual([]);
    expect(loaded.values.risk).toMatchObject({ max_trades_per_day: 9, max_open_positions: 3, max_daily_loss_pct: 0.01 });
    expect(loaded.sources['risk.max_trades_per_day']).toBe('override');
  });

  it('leaves out an override that no longer fits (removed strategy, out of bounds) and reports why; the rest applies', () => {
    writeFileSync(join(dir, 'config.yaml'), 'strategies:\n  - name: sma_crossover\n');
    const { loaded, ignored } = loadConfigWithOverrides({ env: {}, cwd: dir }, [
      { key: 'strategies.velez.enabled', value: 'true' }, { key: 'risk.max_trades_per_day', value: '0' }, { key: 'risk.max_open_positions', value: '2' },
    ]);
    expect(ignored.map((i) => i.key)).toEqual(['strategies.velez.enabled', 'risk.max_trades_per_day']);
    expect(ignored[1]?.message).toBe('risk.max_trades_per_day = 0 is out of range: allowed 1–500 (whole number) [settings_overrides]');
    expect(loaded.values.risk.max_open_positions).toBe(2);
    expect(loaded.values.risk.max_trades_per_day).toBe(20);
  });

  it('an invalid config.yaml is a ConfigError naming key, value and range, overrides or not', () => {
    writeFileSync(join(dir, 'config.yaml'), 'risk:\n  max_position_pct: 0.9\n');
    expect(() => loadConfigWithOverrides({ env: {}, cwd: dir }, [{ key: 'risk.max_position_pct', value: '0.1' }])).toThrow(ConfigError);
    expect(() => loadConfigWithOverrides({ env: {}, cwd: dir }, [])).toThrow('risk.max_position_pct = 0.9 is out of range: allowed 0.01–0.25 [config.yaml]');
  });
});
