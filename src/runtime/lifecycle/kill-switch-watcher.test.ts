// Proves S2's run-time pickup: a real DATA_DIR/.kill_switch file created or removed is seen by the next poll
// (≤ 250 ms of clock time, so within 1 s), listeners get on/off with the reason, the change is logged, a failed
// read counts as ON, and a throwing listener does not stop the watcher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { isKillSwitchOn, setKillSwitchFile, type KillSwitchState } from '../../config/index.js';
import { KillSwitchWatcher } from './kill-switch-watcher.js';
import { ManualClock } from './manual-clock.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-kill-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('KillSwitchWatcher', () => {
  it('picks up the file being created and removed within one poll, notifying with the reason', async () => {
    const clock = new ManualClock();
    const logger = new MemoryLogger();
    const config = { safety: { kill_switch: false }, paths: { data_dir: dir } };
    const watcher = new KillSwitchWatcher({ read: () => isKillSwitchOn({ config }), clock, logger });
    const changes: Array<{ on: boolean; reason: string | undefined; detail: string | undefined }> = [];
    watcher.onChange(() => { throw new Error('bad listener'); });
    watcher.onChange((s) => changes.push({ on: s.on, reason: s.reason, detail: s.detail }));
    const controller = new AbortController();
    const running = watcher.run(controller.signal);
    await clock.advance(1000);
    expect(watcher.isOn()).toBe(false);

    setKillSwitchFile(dir, true, 'maintenance window');
    await clock.advance(250);
    expect(watcher.isOn()).toBe(true);
    expect(watcher.current()).toMatchObject({ on: true, reason: 'file', detail: 'maintenance window' });
    expect(changes).toEqual([{ on: true, reason: 'file', detail: 'maintenance window' }]);
    expect(logger.entries.some((e) => e.level === 'warn' && e.msg.includes('kill switch turned ON') && e.msg.includes('maintenance window'))).toBe(true);
    expect(logger.entries.some((e) => e.level === 'error' && e.msg === 'kill switch listener failed')).toBe(true);

    setKillSwitchFile(dir, false);
    await clock.advance(250);
    expect(watcher.isOn()).toBe(false);
    expect(changes.map((c) => c.on)).toEqual([true, false]);
    expect(logger.entries.some((e) => e.level === 'info' && e.msg.includes('turned OFF') && e.msg.includes('maintenance window'))).toBe(true);

    controller.abort();
    await running;
  });

  it('reads the env flag at start (logging it) and treats a throwing read as ON', () => {
    const logger = new MemoryLogger();
    const env = new KillSwitchWatcher({ read: () => isKillSwitchOn({ config: { safety: { kill_switch: true }, paths: { data_dir: dir } } }), clock: new ManualClock(), logger });
    expect(env.current()).toMatchObject({ on: true, reason: 'env', detail: 'KILL_SWITCH=true' });
    expect(logger.entries[0]?.msg).toMatch(/kill switch is ON: no new orders \(env: KILL_SWITCH=true\)/);
    let fail = false;
    const broken = new KillSwitchWatcher({ read: (): KillSwitchState => { if (fail) throw new Error('EIO'); return { on: false, file: false }; }, clock: new ManualClock(), logger });
    fail = true;
    expect(broken.check()).toMatchObject({ on: true, detail: expect.stringContaining('EIO') });
  });
});
