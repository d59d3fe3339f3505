// End-to-end: the real `alpaca-bot` binary as a child process, in a temporary working directory, with an
// environment that has none of the parent's configuration variables. Proves issue #2's "done when" for
// init, config (sources, masking, gates, every problem at once) and kill.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/app/cli/main.js';
import { CONFIG_FIELDS } from '../../src/config/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(REPO, 'bin', 'alpaca-bot.js');
const KEY = 'PKTESTKEYVISIBLE123';
const SECRET = 'SECRETVALUE987654321';
const OUR_NAMES = new Set([...CONFIG_FIELDS.flatMap((f) => [f.meta.env, ...(f.meta.aliases ?? [])]), 'SMA_FAST', 'SMA_SLOW']);

/** The parent's environment without ALPACA_ or APCA_ variables, or any other variable alpaca-bot reads. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(ALPACA|APCA)_/.test(name) && !OUR_NAMES.has(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(cwd: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(extraEnv), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** The same CLI in process (fast), for the checks that need not pay for a child process each. */
async function inProcess(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'alpaca-bot', ...args], { env, cwd, isTTY: false, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-e2e-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeBits = (path: string) => statSync(path).mode & 0o777;

describe('alpaca-bot init', () => {
  it('writes config.yaml and .env (0600); a second run refuses and changes nothing; --force overwrites', async () => {
    const target = join(dir, 'site');
    const first = await cli(dir, ['init', '--dir', 'site']);
    expect(first.code).toBe(0);
    const configPath = join(target, 'config.yaml');
    const envPath = join(target, '.env');
    expect(modeBits(envPath)).toBe(0o600);
    const config = readFileSync(configPath);
    const env = readFileSync(envPath);
    expect(config.toString()).toMatch(/max_position_pct: 0\.05/);
    expect(env.toString()).toMatch(/^ALPACA_PAPER=true$/m);
    expect(env.toString()).toMatch(/^ALLOW_LIVE_TRADING=false$/m);

    const second = await cli(dir, ['init', '--dir', 'site']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(configPath);
    expect(second.stderr).toContain(envPath);
    expect(readFileSync(configPath).equals(config)).toBe(true);
    expect(readFileSync(envPath).equals(env)).toBe(true);
    expect(readdirSync(target).sort()).toEqual(['.env', 'config.yaml']);

    writeFileSync(configPath, 'junk: true\n');
    chmodSync(envPath, 0o644);
    const forced = await cli(dir, ['init', '--dir', 'site', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(configPath, 'utf8')).toBe(config.toString());
    expect(modeBits(envPath)).toBe(0o600);

    // The generated files load: `config` in that directory succeeds in sim mode.
    const check = await inProcess(target, ['config', '--json']);
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as { mode: string }).mode).toBe('sim');
  });

  it('refuses when only one of the two files exists, naming it', async () => {
    writeFileSync(join(dir, '.env'), 'MINE=1\n');
    const run = await inProcess(dir, ['init']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(dir, '.env'));
    expect(existsSync(join(dir, 'config.yaml'))).toBe(false);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('MINE=1\n');
  });
});

describe('alpaca-bot config', () => {
  it('--json masks the key and the secret; neither literal appears anywhere, nor under DATA_DIR or LOG_DIR', async () => {
    const keys = { ALPACA_API_KEY: KEY, ALPACA_SECRET_KEY: SECRET };
    const json = await cli(dir, ['config', '--json'], keys);
    const human = await inProcess(dir, ['config'], keys);
    const kill = await inProcess(dir, ['kill', 'on'], keys);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { mode: string; values: Record<string, { value: unknown; source: string }>; warnings: string[] };
    expect(out.mode).toBe('paper');
    expect(out.values['alpaca.api_key']).toEqual({ value: 'PKTE…(19 chars)', source: 'env', env: 'ALPACA_API_KEY' });
    expect(out.values['alpaca.secret_key']?.source).toBe('env');
    expect(out.values['risk.max_position_pct']).toEqual({ value: 0.05, source: 'default' });
    expect(Array.isArray(out.warnings)).toBe(true);
    expect(human.code).toBe(0);
    expect(kill.code).toBe(0);
    for (const run of [json, human, kill]) {
      for (const literal of [KEY, SECRET]) expect(run.stdout + run.stderr).not.toContain(literal);
    }
    for (const sub of ['data', 'logs']) {
      const root = join(dir, sub);
      if (!existsSync(root)) continue;
      for (const name of readdirSync(root, { recursive: true }) as string[]) {
        const path = join(root, name);
        if (statSync(path).isFile()) for (const literal of [KEY, SECRET]) expect(readFileSync(path, 'utf8')).not.toContain(literal);
      }
    }
  });

  it('keys + ALPACA_PAPER=false without ALLOW_LIVE_TRADING exits non-zero naming ALLOW_LIVE_TRADING', async () => {
    const run = await cli(dir, ['config'], { ALPACA_API_KEY: KEY, ALPACA_SECRET_KEY: SECRET, ALPACA_PAPER: 'false' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('ALLOW_LIVE_TRADING');
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('MAX_POSITION_PCT=0.5 exits non-zero naming the key, 0.5 and 0.01–0.25; two bad values give two messages', async () => {
    const [one, two] = await Promise.all([
      cli(dir, ['config'], { MAX_POSITION_PCT: '0.5' }),
      cli(dir, ['config'], { MAX_POSITION_PCT: '0.5', MAX_DAILY_LOSS_PCT: '0.9' }),
    ]);
    expect(one.code).not.toBe(0);
    expect(one.stderr).toContain('MAX_POSITION_PCT');
    expect(one.stderr).toContain('0.5');
    expect(one.stderr).toContain('0.01–0.25');
    expect(two.code).not.toBe(0);
    const lines = two.stderr.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('MAX_POSITION_PCT (risk.max_position_pct) = 0.5');
    expect(lines[1]).toContain('MAX_DAILY_LOSS_PCT (risk.max_daily_loss_pct) = 0.9 is out of range: allowed 0.005–0.1');
  });
});

describe('alpaca-bot kill', () => {
  it('on creates DATA_DIR/.kill_switch, status reports it, off removes it; a bad action is a usage error', async () => {
    const file = join(dir, 'data', '.kill_switch');
    const on = await cli(dir, ['kill', 'on', '--reason', 'e2e test']);
    expect(on.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('e2e test');
    const status = await inProcess(dir, ['kill', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ on: true, reason: 'file', detail: 'e2e test' });
    const off = await cli(dir, ['kill', 'off']);
    expect(off.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const plain = await inProcess(dir, ['kill']);
    const bad = await inProcess(dir, ['kill', 'maybe']);
    expect(plain.stdout).toMatch(/kill switch: off/);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('on|off|status');
  });

  it('works when the rest of the configuration is broken, never guesses DATA_DIR, and off reports KILL_SWITCH=true still on', async () => {
    writeFileSync(join(dir, 'config.yaml'), 'risk:\n  max_position_pct: 0.9\n');
    const on = await inProcess(dir, ['kill', 'on'], { ALPACA_PAPER: 'false' });
    expect(on.code).toBe(0);
    expect(existsSync(join(dir, 'data', '.kill_switch'))).toBe(true);
    writeFileSync(join(dir, 'config.yaml'), 'paths: [broken\n');
    const guess = await inProcess(dir, ['kill', 'on']);
    expect(guess.code).toBe(1);
    expect(guess.stderr).toMatch(/paths\.data_dir cannot be determined/);
    const viaEnv = await inProcess(dir, ['kill', 'on'], { DATA_DIR: 'elsewhere' });
    expect(viaEnv.code).toBe(0);
    expect(existsSync(join(dir, 'elsewhere', '.kill_switch'))).toBe(true);
    rmSync(join(dir, 'config.yaml'));
    const off = await inProcess(dir, ['kill', 'off'], { KILL_SWITCH: 'true' });
    expect(off.code).toBe(1);
    expect(existsSync(join(dir, 'data', '.kill_switch'))).toBe(false);
    expect(off.stdout).toMatch(/kill switch: ON \(env/);
    expect(off.stderr).toMatch(/KILL_SWITCH=true keeps the kill switch on/);
  });
});
