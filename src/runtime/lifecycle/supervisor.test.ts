// Proves the supervisor policy of SPEC §10 on a manual clock: restart delays 1, 2, 4 … 30 s, the reset after a
// healthy run, 3 deaths in 5 minutes → one shutdown request, deaths logged with their error, clean stop.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { abortableSleep } from './abortable-sleep.js';
import { ManualClock } from './manual-clock.js';
import { Supervisor, type SupervisedTask } from './supervisor.js';

function setup(options: { deathLimit?: number; healthyAfterMs?: number } = {}) {
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const shutdowns: string[] = [];
  const supervisor = new Supervisor({ clock, logger, requestShutdown: (r) => shutdowns.push(r), ...options });
  return { clock, logger, shutdowns, supervisor };
}

/** A task that records the clock time of each start and dies at once. */
function dyingTask(clock: ManualClock, starts: number[]): SupervisedTask {
  return () => {
    starts.push(clock.now());
    return Promise.reject(new Error('boom'));
  };
}

describe('Supervisor', () => {
  it('restarts a dead task after 1, 2, 4, 8, 16, 30, 30 s', async () => {
    const { clock, supervisor } = setup({ deathLimit: 1000 });
    const starts: number[] = [];
    supervisor.add('md', dyingTask(clock, starts));
    supervisor.start();
    await clock.advance(200_000);
    const gaps = starts.slice(1, 8).map((t, i) => t - starts[i]!);
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    await supervisor.stop();
  });

  it('resets the delay to 1 s after a run that lasted healthyAfterMs', async () => {
    const { clock, supervisor } = setup({ deathLimit: 1000, healthyAfterMs: 60_000 });
    const starts: number[] = [];
    let run = 0;
    supervisor.add('worker', async (signal) => {
      starts.push(clock.now());
      run += 1;
      if (run === 4) await clock.sleep(61_000); // the 4th run is healthy
      if (signal.aborted) return;
      throw new Error(`death ${String(run)}`);
    });
    supervisor.start();
    await clock.advance(120_000);
    const gaps = starts.slice(1, 6).map((t, i) => t - starts[i]!);
    // 1 s, 2 s, 4 s, then the healthy 61 s run is followed by a 1 s delay again, then 2 s.
    expect(gaps).toEqual([1000, 2000, 4000, 61_000 + 1000, 2000]);
    await supervisor.stop();
  });

  it('a task that resolves while not stopping counts as a death', async () => {
    const { clock, logger, supervisor } = setup({ deathLimit: 1000 });
    let runs = 0;
    supervisor.add('quitter', () => {
      runs += 1;
      return Promise.resolve();
    });
    supervisor.start();
    await clock.advance(1000);
    expect(runs).toBe(2);
    expect(logger.entries.some((e) => e.level === 'error' && e.fields.task === 'quitter' && String(e.fields.error).includes('returned while the bot was running'))).toBe(true);
    await supervisor.stop();
  });

  it('3 deaths of any tasks within 5 minutes request one graceful shutdown and stop restarting', async () => {
    const { clock, logger, shutdowns, supervisor } = setup();
    const a: number[] = [];
    const b: number[] = [];
    supervisor.add('a', dyingTask(clock, a));
    supervisor.add('b', dyingTask(clock, b));
    supervisor.start();
    await clock.advance(600_000);
    expect(shutdowns).toHaveLength(1);
    expect(shutdowns[0]).toMatch(/3 task deaths within 300 s/);
    expect(a.length + b.length).toBe(3);
    expect(supervisor.status().every((s) => s.state === 'stopped')).toBe(true);
    const deaths = logger.entries.filter((e) => e.level === 'error' && e.msg.includes('died'));
    expect(deaths).toHaveLength(3);
    expect(deaths.every((e) => e.fields.error === 'boom')).toBe(true);
    expect(logger.entries.some((e) => e.level === 'critical' && e.msg.includes('requesting graceful shutdown'))).toBe(true);
  });

  it('deaths spread over more than 5 minutes do not trigger a shutdown', async () => {
    const { clock, shutdowns, supervisor } = setup({ healthyAfterMs: 1_000_000 });
    const starts: number[] = [];
    let run = 0;
    supervisor.add('slow', async (signal) => {
      starts.push(clock.now());
      run += 1;
      if (run > 1) await abortableSleep(clock, 200_000, signal); // dies every ~200 s
      if (signal.aborted) return;
      throw new Error('late death');
    });
    supervisor.start();
    await clock.advance(420_000);
    // deaths at 0 s, ~201 s, ~403 s: never 3 within 300 s
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(shutdowns).toEqual([]);
    await supervisor.stop();
  });

  it('stop() aborts running tasks and does not restart them', async () => {
    const { clock, supervisor } = setup();
    let aborted = false;
    let runs = 0;
    supervisor.add('loop', (signal) => {
      runs += 1;
      return new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          resolve();
        });
      });
    });
    supervisor.start();
    await clock.advance(10);
    await supervisor.stop();
    await clock.advance(60_000);
    expect(aborted).toBe(true);
    expect(runs).toBe(1);
    expect(supervisor.status()).toEqual([{ name: 'loop', state: 'stopped', deaths: 0, lastError: null, nextDelayMs: null }]);
    expect(() => { supervisor.add('late', () => Promise.resolve()); }).toThrow(/after stop/);
  });

  it('refuses a duplicate task name', () => {
    const { supervisor } = setup();
    supervisor.add('x', () => Promise.resolve());
    expect(() => { supervisor.add('x', () => Promise.resolve()); }).toThrow(/'x' is already supervised/);
  });
});
