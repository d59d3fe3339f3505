// SPEC S7 end to end: with real-looking keys set, CLI commands that read the configuration and change the
// bot's state never write either key anywhere under LOG_DIR or DATA_DIR, nor print them.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../support/run-cli.js';

const KEY = 'PKTESTKEYVISIBLE123';
const SECRET = 'SECRETVALUE987654321';

function filesUnder(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out = statSync(path).isDirectory() ? [...out, ...filesUnder(path)] : [...out, path];
  }
  return out;
}

describe('secrets never reach LOG_DIR, DATA_DIR or the output (S7)', () => {
  it('init, config, kill and breaker with keys set leave no trace of them', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ab-secrets-'));
    const logDir = join(cwd, 'logs');
    const dataDir = join(cwd, 'data');
    const env = cleanEnv({ ALPACA_API_KEY: KEY, ALPACA_SECRET_KEY: SECRET, LOG_DIR: logDir, DATA_DIR: dataDir });
    const runs = [];
    runs.push(await runCli(['init', '--dir', cwd], { cwd, env }));
    runs.push(await runCli(['config', '--json'], { cwd, env }));
    runs.push(await runCli(['kill', 'on', '--reason', `pasted ${KEY} and ${SECRET} by mistake`], { cwd, env }));
    runs.push(await runCli(['breaker', 'reset'], { cwd, env }));
    runs.push(await runCli(['kill', 'off'], { cwd, env }));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 0]);

    const config = JSON.parse(runs[1]!.stdout) as { values: Record<string, { value: unknown }> };
    expect(config.values['alpaca.api_key']?.value).toMatch(/^PKTE…/);

    const files = [...filesUnder(logDir), ...filesUnder(dataDir)];
    const logFiles = files.filter((file) => file.endsWith('.log'));
    expect(logFiles.length).toBeGreaterThan(0);
    const logText = logFiles.map((file) => readFileSync(file, 'utf8')).join('');
    expect(logText).toContain('kill switch file turned on');
    expect(logText).toContain('[REDACTED]');
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      expect(bytes, file).not.toContain(KEY);
      expect(bytes, file).not.toContain(SECRET);
    }
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(KEY);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
  });
});
