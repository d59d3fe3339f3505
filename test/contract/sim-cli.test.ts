// `alpaca-bot sim` as a user runs it: a child process that prints where it listens, answers the SDK's REST
// call with the default keys, and exits 0 on SIGINT.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('alpaca-bot sim (child process)', () => {
  it('runs standalone, serves /v2/account with SIMKEY/SIMSECRET, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['bin/alpaca-bot.js', 'sim', '--synthetic', '42', '--speed', '60', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => { resolveExit(code); }));
    try {
      for (let i = 0; i < 3000 && !out.includes('Ctrl+C') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 10));
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, `stdout: ${out}\nstderr: ${err}`).toBeDefined();
      expect(out).toContain('SYNTHETIC');
      const response = await fetch(`${url!}/v2/account`, { headers: { 'APCA-API-KEY-ID': 'SIMKEY', 'APCA-API-SECRET-KEY': 'SIMSECRET' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe('ACTIVE');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
