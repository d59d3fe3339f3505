import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../adapters/sqlite/open-store.js';
import { main } from '../main.js';

let work: string;

async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'alpaca-bot', 'breaker', ...args], {
    env: { DATA_DIR: join(work, 'data'), ...env },
    cwd: work,
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    isTTY: false,
  });
  return { code, out, err };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-breaker-cmd-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('alpaca-bot breaker', () => {
  it('status on a data dir without a database reports clear and creates nothing', async () => {
    const { code, out, err } = await runCli([]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('failure circuit breaker: clear (trading allowed)');
    expect(out).toContain('(not created yet)');
    expect(existsSync(join(work, 'data'))).toBe(false);
  });

  it('shows a tripped breaker for people, then resets it recording who; reset again says nothing to reset', async () => {
    const store = openStore(join(work, 'data', 'alpaca-bot.db'));
    store.breaker.tripBreaker('manual test trip');
    store.close();
    const status = await runCli(['status']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/TRIPPED since \d{4}-\d\d-\d\dT/);
    expect(status.out).toContain('reason: manual test trip');
    expect(status.out).toContain('trading is refused until a person resets it: alpaca-bot breaker reset');
    const reset = await runCli(['reset', '--json']);
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.out)).toMatchObject({ action: 'reset', was_tripped: true, tripped: false, reason: 'manual test trip' });
    const again = await runCli(['reset']);
    expect(again.out).toContain('breaker was not tripped: nothing to reset');
    expect(again.out).toContain('last trip: manual test trip');
  });

  it('DATA_DIR defaults to ./data under the working directory', async () => {
    let out = '';
    const code = await main(['node', 'alpaca-bot', 'breaker', 'status', '--json'], { env: {}, cwd: work, stdout: (t) => (out += t), stderr: () => undefined, isTTY: false });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ database: join(work, 'data', 'alpaca-bot.db'), database_exists: false });
  });

  it('an unknown action is a usage error (exit 2) naming status|reset', async () => {
    const { code, out, err } = await runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain("unknown action 'frobnicate': allowed status|reset");
  });

  it('a file that is not a database fails (exit 1) instead of reporting clear', async () => {
    const path = join(work, 'data', 'alpaca-bot.db');
    mkdirSync(join(work, 'data'));
    writeFileSync(path, 'this is not sqlite, just text that is long enough to be a header'.repeat(4));
    const { code, out } = await runCli(['status', '--json']);
    expect(code).toBe(1);
    expect(out).toBe('');
  });
});
