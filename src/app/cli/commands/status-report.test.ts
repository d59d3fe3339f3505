// `alpaca-bot status` and `alpaca-bot report` in process with a prepared DATA_DIR: status.json written by the
// lifecycle writer (fresh and stale, with and without a live pid), and a real SQLite store with a day of trades,
// fills and signals. Missing files exit 1 naming DATA_DIR; a bad --date exits 2 naming the flag.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../adapters/logging/memory-logger.js';
import { openStore } from '../../../adapters/sqlite/open-store.js';
import { etDateTime } from '../../../domain/calendar/index.js';
import { sampleStatus, seedTradingDay } from '../../../runtime/lifecycle/lifecycle-test-kit.js';
import { acquirePidLock } from '../../../runtime/lifecycle/pid-file.js';
import { writeStatusFile } from '../../../runtime/lifecycle/status-file.js';
import { main } from '../main.js';

let work: string;
let dataDir: string;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'alpaca-bot', ...args], { env: { DATA_DIR: dataDir }, cwd: work, stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-status-cmd-'));
  dataDir = join(work, 'data');
});
afterEach(() => { rmSync(work, { recursive: true, force: true }); });

describe('alpaca-bot status', () => {
  it('exits 1 naming DATA_DIR when there is no status.json', async () => {
    const r = await cli(['status']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no status.json in DATA_DIR ${dataDir}`);
  });

  it('prints a readable summary of a fresh snapshot of a running bot', async () => {
    const lock = acquirePidLock({ dataDir, mode: 'paper', logger: new MemoryLogger() });
    writeStatusFile(dataDir, sampleStatus({ kill_switch: { on: true, reason: 'file', detail: 'maintenance' } }), Date.now() - 10_000);
    const r = await cli(['status']);
    lock.release();
    expect(r.code).toBe(0);
    expect(r.out).toContain(`alpaca-bot: running (pid ${String(process.pid)}, mode paper`);
    expect(r.out).not.toContain('STALE');
    expect(r.out).toContain('account: equity 25080.25, cash 20000, buying power 40000');
    expect(r.out).toContain("today's P&L: 76.75 (realized 80.25, unrealized -3.5); trades today: 3");
    expect(r.out).toContain('kill switch: ON (file: maintenance)');
    expect(r.out).toContain('  AAPL long 10 @ 190.1, stop 188, unrealized -3.5 [sma_crossover]');
    expect(r.out).toContain('  sma_crossover: in_position (AAPL)');
  });

  it('flags a stale snapshot and a bot that is not running; --json carries the same facts', async () => {
    writeStatusFile(dataDir, sampleStatus(), Date.now() - 10 * 60_000);
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('alpaca-bot: NOT running');
    expect(r.out).toMatch(/STALE: older than 3 minutes/);
    const j = await cli(['status', '--json']);
    const parsed = JSON.parse(j.out);
    expect(parsed).toMatchObject({ running: false, stale: true, data_dir: dataDir, status: { version: 1, mode: 'paper', account: { equity: '25080.25' } } });
    expect(parsed.age_ms).toBeGreaterThanOrEqual(600_000);
  });
});

describe('alpaca-bot report', () => {
  it('exits 1 naming the database when there is none, and 2 for a bad --date', async () => {
    const r = await cli(['report']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no database at ${join(dataDir, 'alpaca-bot.db')}`);
    const bad = await cli(['report', '--date', '2025-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--date must be a calendar date YYYY-MM-DD, got '2025-02-30'");
  });

  it('summarizes a date from the real store, as text and JSON', async () => {
    const store = openStore(join(dataDir, 'alpaca-bot.db'), { now: () => etDateTime('2025-11-28', '10:00') });
    seedTradingDay(store, '2025-11-28');
    store.close();
    const r = await cli(['report', '--date', '2025-11-28']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('daily summary 2025-11-28 (ET)');
    expect(r.out).toContain('trades: 3 (wins 1, losses 1, breakeven 1)');
    expect(r.out).toContain('realized P&L: 80.25');
    expect(r.out).toContain('fills: 4');
    expect(r.out).toContain('signals: 5 (approved 2, denied 2, undecided 1)');
    const j = JSON.parse((await cli(['report', '--date', '2025-11-28', '--json'])).out);
    expect(j).toMatchObject({ date: '2025-11-28', trades: 3, realized_pnl: '80.25', fills: 4, signals: { denied_by_code: { KILL_SWITCH: 1, MAX_POSITIONS: 1 } }, equity: { start: '25000', end: '25080.25' } });
    const other = JSON.parse((await cli(['report', '--date', '2025-11-26', '--json'])).out);
    expect(other).toMatchObject({ trades: 0, fills: 0 });
  });
});
