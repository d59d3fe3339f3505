import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'alpaca-bot', ...args], { env: {}, cwd: process.cwd(), stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

describe('alpaca-bot CLI surface', () => {
  it('--help lists every command of SPEC §14', async () => {
    const { code, out } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const name of ['init', 'run', 'stop', 'status', 'config', 'backtest', 'breaker', 'kill', 'close', 'data', 'sim', 'new-strategy', 'report', 'service']) {
      expect(out).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    }
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const { code, err } = await runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown command/);
  });

  it('a command that is not built yet says so and exits 2', async () => {
    const { code, err, out } = await runCli(['service', 'install', '--systemd']);
    expect(code).toBe(2);
    expect(err).toMatch(/not built yet/);
    expect(out).toBe('');
  });
});
