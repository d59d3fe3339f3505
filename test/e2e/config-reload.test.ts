// End to end (SPEC §3 config reload, §10): the real `alpaca-bot run --mode sim` with a short reload interval
// (CONFIG_RELOAD_MS). Editing config.yaml applies live keys with an old → new log line; a settings override written
// to the store by another process beats config.yaml; an invalid value is rejected naming key, value and range while
// the bot keeps running on the last good config; a restart-only key is reported, not applied; SIGTERM exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/sqlite/index.js';
import { applySettingsOverride } from '../../src/runtime/bot/apply-settings-override.js';
import { BIN, cleanEnv } from '../support/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'alpaca-bot-config-reload-'));
const dataDir = join(work, 'data');
let bot: ChildProcess | undefined;
afterAll(() => {
  if (bot?.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** The bot's output (stdout and stderr) and a way to wait for a line. */
function watch(child: ChildProcess): { output: () => string; waitFor: (text: string, timeoutMs?: number) => Promise<void> } {
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const waitFor = (text: string, timeoutMs = 30_000): Promise<void> => new Promise((resolve, reject) => {
    const check = (): void => {
      if (!output.includes(text)) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no line containing ${JSON.stringify(text)} within ${timeoutMs} ms; output:\n${output.slice(-4000)}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
  return { output: () => output, waitFor };
}

const writeConfig = (text: string): void => { writeFileSync(join(work, 'config.yaml'), text); };

describe('alpaca-bot run: config reload', () => {
  it('applies live edits, honours overrides, rejects an invalid file while running on, and shuts down cleanly', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeConfig('risk:\n  max_trades_per_day: 20\nsim:\n  seed: 42\n');
    const env = cleanEnv({ DATA_DIR: dataDir, LOG_DIR: join(work, 'logs'), CONFIG_RELOAD_MS: '300', WEB_PORT: '0', LOG_LEVEL: 'info' });
    bot = spawn(process.execPath, [BIN, 'run', '--mode', 'sim'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((done) => bot?.on('exit', (code) => { done(code); }));
    const { waitFor, output } = watch(bot);
    await waitFor('Ctrl-C (or `alpaca-bot stop`) shuts down gracefully.', 45_000);

    writeConfig('risk:\n  max_trades_per_day: 7\nsim:\n  seed: 42\nstrategies:\n  - name: sma_crossover\n    params: { fast: 5, slow: 20 }\n');
    await waitFor('config change applied: risk.max_trades_per_day 20 → 7 [config.yaml]');
    await waitFor('config change applied: strategies.sma_crossover.params.fast 10 → 5 [config.yaml]');

    const store = openStore(join(dataDir, 'alpaca-bot.db'));
    try {
      expect(applySettingsOverride(store, 'risk.max_trades_per_day', 9, 'e2e').ok).toBe(true);
    } finally {
      store.close();
    }
    await waitFor('config change applied: risk.max_trades_per_day 7 → 9 [settings override]');

    writeConfig('risk:\n  max_trades_per_day: 7\n  max_open_positions: 999\nsim:\n  seed: 42\nstrategies:\n  - name: sma_crossover\n    params: { fast: 5, slow: 20 }\n');
    await waitFor('config reload rejected, the bot keeps running with the last good configuration: risk.max_open_positions = 999 is out of range: allowed 1–50 (whole number) [config.yaml]');
    expect(bot.exitCode).toBeNull();

    writeConfig('risk:\n  max_trades_per_day: 7\n  max_open_positions: 4\nsim:\n  seed: 7\nstrategies:\n  - name: sma_crossover\n    params: { fast: 5, slow: 20 }\n');
    await waitFor('config reload: the configuration is valid again');
    await waitFor('config change applied: risk.max_open_positions 5 → 4 [config.yaml]');
    await waitFor('config change needs a restart (not applied): sim.seed 42 → 7 [config.yaml]');
    expect(output()).not.toContain('config change applied: risk.max_open_positions 5 → 999');

    bot.kill('SIGTERM');
    expect(await exited, output().slice(-3000)).toBe(0);
  }, 120_000);
});
