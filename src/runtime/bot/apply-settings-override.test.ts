// The settings-override writer on a real SQLite store: a valid edit is stored as the schema reads it (with the
// previous value kept for audit) and is what the next load sees; a bad key or value is refused with the loader's
// message and nothing is written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { loadConfigWithOverrides, overrideRows } from '../../config/index.js';
import type { Store } from '../../ports/store.js';
import { applySettingsOverride, clearSettingsOverride } from './apply-settings-override.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-override-'));
  store = openStore(join(dir, 'alpaca-bot.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('applySettingsOverride', () => {
  it('stores a valid edit as the schema reads it, keeps the previous value, and the next load uses it', () => {
    const first = applySettingsOverride(store, 'risk.max_trades_per_day', '7', 'dashboard');
    expect(first).toMatchObject({ ok: true, record: { key: 'risk.max_trades_per_day', value: 7, previousValue: null, changedBy: 'dashboard' } });
    const second = applySettingsOverride(store, 'risk.max_trades_per_day', 8, 'dashboard');
    expect(second).toMatchObject({ ok: true, record: { value: 8, previousValue: 7 } });
    applySettingsOverride(store, 'watchlist', 'TSLA, NVDA', 'dashboard');
    expect(store.settingsOverrides.get('watchlist')).toEqual(['TSLA', 'NVDA']);
    const { loaded } = loadConfigWithOverrides({ env: {}, cwd: dir }, overrideRows(store.settingsOverrides.current()));
    expect(loaded.values.risk.max_trades_per_day).toBe(8);
    expect(loaded.values.watchlist).toEqual(['TSLA', 'NVDA']);
    expect(loaded.sources.watchlist).toBe('override');
  });

  it('refuses a value out of bounds or a restart-only key with the loader\'s message, writing nothing', () => {
    const bad = applySettingsOverride(store, 'risk.max_position_pct', 0.5, 'dashboard');
    expect(bad).toEqual({ ok: false, issues: [{ key: 'risk.max_position_pct', source: 'override', message: 'risk.max_position_pct = 0.5 is out of range: allowed 0.01–0.25 [settings_overrides]' }] });
    const restart = applySettingsOverride(store, 'paths.data_dir', '/tmp/x', 'dashboard');
    expect(restart.ok).toBe(false);
    expect(restart.ok ? '' : restart.issues[0]?.message).toMatch(/paths\.data_dir cannot be changed at run time \(restart-only\)/);
    expect(store.settingsOverrides.history()).toEqual([]);
  });

  it('checks strategies.<name>.enabled against the configuration in force', () => {
    const config = { strategies: [{ name: 'velez', enabled: false, params: {} }] };
    expect(applySettingsOverride(store, 'strategies.velez.enabled', 'yes', 'dashboard', config)).toMatchObject({ ok: true, record: { value: true } });
    expect(applySettingsOverride(store, 'strategies.sma_crossover.enabled', true, 'dashboard', config).ok).toBe(false);
  });

  it('clearing an override records null (audit) and the configured value applies again', () => {
    applySettingsOverride(store, 'risk.max_open_positions', 2, 'dashboard');
    expect(clearSettingsOverride(store, 'risk.max_open_positions', 'dashboard')).toMatchObject({ value: null, previousValue: 2 });
    expect(store.settingsOverrides.current().has('risk.max_open_positions')).toBe(false);
  });
});
