// Proves housekeeping on a manual clock and a real SQLite store: the daily reset fires once per trading day at
// 09:30 ET and the summary once after the close (13:00 ET on an early close), skipping the Thanksgiving holiday
// and the weekend; a restart does not repeat them; heartbeat and status.json are written on their periods; a
// failing notifier or status provider does not kill the task.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { openStore } from '../../adapters/sqlite/open-store.js';
import { etDateTime } from '../../domain/calendar/index.js';
import type { Store } from '../../ports/store.js';
import type { DailySummary } from './daily-summary.js';
import { DAILY_RESET_KEY, dailySummaryKey, HEARTBEAT_KEY, Housekeeping } from './housekeeping.js';
import { sampleStatus, seedTradingDay } from './lifecycle-test-kit.js';
import { ManualClock } from './manual-clock.js';
import { statusFilePath } from './status-file.js';

let dir: string;
let store: Store;
let clock: ManualClock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-hk-'));
  clock = new ManualClock(etDateTime('2025-11-26', '08:00'));
  store = openStore(':memory:', { now: () => clock.now() });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function make(extra: { notify?: (s: DailySummary) => void; status?: () => ReturnType<typeof sampleStatus> } = {}) {
  const resets: Array<{ date: string; at: number }> = [];
  const summaries: Array<{ date: string; at: number }> = [];
  const logger = new MemoryLogger();
  const hk = new Housekeeping({
    clock, logger, dataDir: dir, runId: 'run-1', store, status: extra.status ?? (() => sampleStatus()),
    onDailyReset: (date) => { resets.push({ date, at: clock.now() }); },
    notify: extra.notify ?? ((s) => { summaries.push({ date: s.date, at: clock.now() }); }),
    maxSleepMs: 3_600_000,
  });
  return { hk, resets, summaries, logger };
}

async function runTask(hk: Housekeeping, name: string, ms: number): Promise<void> {
  const task = hk.tasks().find(([n]) => n === name)![1];
  const controller = new AbortController();
  const running = task(controller.signal);
  await clock.advance(ms);
  controller.abort();
  await running;
}

describe('Housekeeping daily cycle', () => {
  it('fires reset at 09:30 and summary after the close once per trading day, skipping holidays and weekends', async () => {
    const { hk, resets, summaries } = make();
    await runTask(hk, 'daily_cycle', etDateTime('2025-12-01', '18:00') - clock.now());
    expect(resets).toEqual([
      { date: '2025-11-26', at: etDateTime('2025-11-26', '09:30') },
      { date: '2025-11-28', at: etDateTime('2025-11-28', '09:30') },
      { date: '2025-12-01', at: etDateTime('2025-12-01', '09:30') },
    ]);
    expect(summaries).toEqual([
      { date: '2025-11-26', at: etDateTime('2025-11-26', '16:01') },
      { date: '2025-11-28', at: etDateTime('2025-11-28', '13:01') }, // early close
      { date: '2025-12-01', at: etDateTime('2025-12-01', '16:01') },
    ]);
    expect(store.botState.get(DAILY_RESET_KEY)).toBe('2025-12-01');
    expect(store.botState.get(dailySummaryKey('2025-11-28'))).toMatchObject({ date: '2025-11-28', trades: 0 });
  });

  it('a restart the same day repeats neither the reset nor the summary; a missed busy day is summarized late', async () => {
    seedTradingDay(store, '2025-11-26');
    const first = make();
    await runTask(first.hk, 'daily_cycle', etDateTime('2025-11-26', '10:00') - clock.now());
    expect(first.resets.map((r) => r.date)).toEqual(['2025-11-26']);
    // The bot is down from 10:00 Wednesday until Friday 08:00; Wednesday had trades, so its summary comes late.
    await clock.advance(etDateTime('2025-11-28', '08:00') - clock.now());
    const second = make();
    await runTask(second.hk, 'daily_cycle', 60_000);
    expect(second.resets).toEqual([]);
    expect(second.summaries).toEqual([{ date: '2025-11-26', at: etDateTime('2025-11-28', '08:00') }]);
    expect(store.botState.get(dailySummaryKey('2025-11-26'))).toMatchObject({ trades: 3, realized_pnl: '80.25' });
    const third = make();
    await runTask(third.hk, 'daily_cycle', 60_000);
    expect(third.summaries).toEqual([]);
  });

  it('logs the summary and survives a failing notifier', async () => {
    clock = new ManualClock(etDateTime('2025-11-26', '16:30'));
    const { hk, logger, resets } = make({ notify: () => { throw new Error('webhook 500'); } });
    await hk.runDue();
    expect(resets.map((r) => r.date)).toEqual(['2025-11-26']);
    expect(logger.entries.some((e) => e.level === 'info' && e.msg.startsWith('daily summary 2025-11-26 (ET)'))).toBe(true);
    expect(logger.entries.some((e) => e.level === 'error' && e.fields.error === 'webhook 500')).toBe(true);
  });
});

describe('Housekeeping heartbeat and status file', () => {
  it('writes a heartbeat every 15 s and status.json every minute', async () => {
    const { hk, logger } = make();
    await runTask(hk, 'heartbeat', 30_000);
    expect(store.botState.get(HEARTBEAT_KEY)).toMatchObject({ at: new Date(etDateTime('2025-11-26', '08:00') + 30_000).toISOString(), run_id: 'run-1' });
    expect(logger.entries.filter((e) => e.msg === 'heartbeat' && e.level === 'debug')).toHaveLength(3);
    let calls = 0;
    const withStatus = make({ status: () => { calls += 1; return sampleStatus({ trades_today: calls }); } });
    await runTask(withStatus.hk, 'status_file', 120_000);
    expect(calls).toBe(3);
    expect(JSON.parse(readFileSync(statusFilePath(dir), 'utf8'))).toMatchObject({ trades_today: 3, updated_at: new Date(clock.now()).toISOString() });
  });

  it('a failing status provider is logged and does not end the task', async () => {
    const { hk, logger } = make({ status: () => { throw new Error('portfolio not ready'); } });
    await runTask(hk, 'status_file', 120_000);
    expect(existsSync(statusFilePath(dir))).toBe(false);
    expect(logger.entries.filter((e) => e.level === 'error' && e.fields.error === 'portfolio not ready')).toHaveLength(3);
  });
});
