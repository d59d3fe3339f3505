import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { isKillSwitchOn, killSwitchPath, setKillSwitchFile } from './kill-switch.js';
import { loadConfig } from './load-config.js';
import { peekSettings } from './peek-settings.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-kill-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cfg = (killSwitch: boolean, dataDir = join(dir, 'data')) => ({ config: { safety: { kill_switch: killSwitch }, paths: { data_dir: dataDir } } });

describe('kill switch (SPEC S2)', () => {
  it('is off with neither KILL_SWITCH nor the file', () => {
    expect(isKillSwitchOn(cfg(false))).toEqual({ on: false, file: false });
  });

  it('KILL_SWITCH=true turns it on with reason env', () => {
    const c = loadConfig({ env: { KILL_SWITCH: 'true', DATA_DIR: 'data' }, cwd: dir });
    expect(isKillSwitchOn({ config: c.values })).toMatchObject({ on: true, reason: 'env' });
  });

  it('the file turns it on with reason file; setKillSwitchFile writes ISO time and reason, off removes it', () => {
    const dataDir = join(dir, 'nested', 'data');
    setKillSwitchFile(dataDir, true, 'earnings week');
    const body = JSON.parse(readFileSync(killSwitchPath(dataDir), 'utf8')) as { at: string; reason: string };
    expect(body.reason).toBe('earnings week');
    expect(new Date(body.at).toISOString()).toBe(body.at);
    expect(isKillSwitchOn(cfg(false, dataDir))).toMatchObject({ on: true, reason: 'file', detail: 'earnings week', since: body.at, file: true });
    setKillSwitchFile(dataDir, false);
    expect(existsSync(killSwitchPath(dataDir))).toBe(false);
    expect(isKillSwitchOn(cfg(false, dataDir)).on).toBe(false);
    setKillSwitchFile(dataDir, false); // removing twice is fine
  });

  it('a file a person wrote by hand (any text, or empty) counts as on', () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(killSwitchPath(dataDir), '');
    expect(isKillSwitchOn(cfg(false, dataDir))).toMatchObject({ on: true, reason: 'file' });
    writeFileSync(killSwitchPath(dataDir), 'going fishing\n');
    expect(isKillSwitchOn(cfg(false, dataDir)).detail).toBe('going fishing');
  });

  it('env wins as the reason when both are set, and the file is still reported', () => {
    setKillSwitchFile(join(dir, 'data'), true);
    expect(isKillSwitchOn(cfg(true))).toMatchObject({ on: true, reason: 'env', file: true });
  });
});

describe('peekSettings (the kill command works with an otherwise broken configuration)', () => {
  it('reads DATA_DIR even when other keys are invalid', () => {
    writeFileSync(join(dir, 'config.yaml'), 'paths:\n  data_dir: d2\nrisk:\n  max_position_pct: 0.9\n');
    expect(peekSettings({ env: { ALPACA_PAPER: 'false' }, cwd: dir }, ['paths.data_dir'])['paths.data_dir']).toEqual({ value: join(dir, 'd2'), source: 'config.yaml' });
  });

  it('refuses to guess DATA_DIR when config.yaml cannot be parsed, unless the environment sets it', () => {
    writeFileSync(join(dir, 'config.yaml'), 'paths: [\n');
    expect(() => peekSettings({ env: {}, cwd: dir }, ['paths.data_dir'])).toThrow(ConfigError);
    expect(peekSettings({ env: { DATA_DIR: '/srv/bot' }, cwd: dir }, ['paths.data_dir'])['paths.data_dir']?.value).toBe('/srv/bot');
  });
});
