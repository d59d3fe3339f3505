// Proves the SPEC §10 shutdown on a manual clock: the 7 steps in order, flatten vs keep, the 5 s in-flight
// limit, per-step timeouts, 3 cancel attempts, idempotency (one run for many calls), exit code 0 when idle,
// and the signal policy (first starts, second only logs, third forces exit 1).
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import { GracefulShutdown, type ShutdownHooks } from './graceful-shutdown.js';
import { ManualClock } from './manual-clock.js';
import { installShutdownSignals, type ProcessLike, type ShutdownSignal } from './shutdown-signals.js';

function recordingHooks(calls: string[], overrides: Partial<ShutdownHooks> = {}): ShutdownHooks {
  return {
    stopNewSignals: () => { calls.push('stopNewSignals'); },
    waitForInFlight: () => { calls.push('waitForInFlight'); },
    cancelUnfilledEntries: (attempt) => { calls.push(`cancel#${String(attempt)}`); return 0; },
    keepPositions: () => { calls.push('keepPositions'); },
    flattenPositions: () => { calls.push('flattenPositions'); },
    notifyClients: (reason) => { calls.push(`notify:${reason}`); },
    stopTasks: () => { calls.push('stopTasks'); },
    flushLogs: () => { calls.push('flushLogs'); },
    closeStore: () => { calls.push('closeStore'); },
    ...overrides,
  };
}

function make(hooks: ShutdownHooks, flatten = false) {
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  return { clock, logger, sd: new GracefulShutdown({ hooks, logger, clock, flatten }) };
}

const never = (): Promise<void> => new Promise<void>(() => undefined);

describe('GracefulShutdown', () => {
  it('runs the steps in SPEC order and exits 0 when idle, without waiting on the clock', async () => {
    const calls: string[] = [];
    const { sd, clock } = make(recordingHooks(calls));
    const code = await sd.shutdown('SIGINT received');
    expect(code).toBe(0);
    expect(calls).toEqual(['stopNewSignals', 'waitForInFlight', 'cancel#1', 'keepPositions', 'notify:SIGINT received', 'stopTasks', 'flushLogs', 'closeStore']);
    expect(sd.result?.ms).toBe(0);
    expect(clock.now()).toBe(Date.UTC(2025, 2, 10, 14, 30));
    expect(await sd.done).toBe(0);
  });

  it('flattens instead of keeping positions when shutdown.flatten is true', async () => {
    const calls: string[] = [];
    const { sd } = make(recordingHooks(calls), true);
    expect(await sd.shutdown('test')).toBe(0);
    expect(calls).toContain('flattenPositions');
    expect(calls).not.toContain('keepPositions');
    expect(sd.result?.steps.map((s) => s.step)).toContain('flatten_positions');
  });

  it('waits at most 5 s for in-flight submissions, warns, and still exits 0', async () => {
    const calls: string[] = [];
    const { sd, clock, logger } = make(recordingHooks(calls, { waitForInFlight: never }));
    const pending = sd.shutdown('SIGTERM received');
    await clock.advance(4999);
    expect(calls).toEqual(['stopNewSignals']);
    await clock.advance(1);
    expect(await pending).toBe(0);
    expect(calls.slice(1)).toEqual(['cancel#1', 'keepPositions', 'notify:SIGTERM received', 'stopTasks', 'flushLogs', 'closeStore']);
    expect(logger.entries.some((e) => e.level === 'warn' && e.fields.step === 'wait_in_flight')).toBe(true);
  });

  it('tries to cancel unfilled entries 3 times, then reports failure with exit 1 and still finishes', async () => {
    const calls: string[] = [];
    const { sd, logger } = make(recordingHooks(calls, { cancelUnfilledEntries: (a) => { calls.push(`cancel#${String(a)}`); return 2; } }));
    expect(await sd.shutdown('x')).toBe(1);
    expect(calls.filter((c) => c.startsWith('cancel'))).toEqual(['cancel#1', 'cancel#2', 'cancel#3']);
    expect(calls.at(-1)).toBe('closeStore');
    expect(sd.result?.steps.find((s) => s.step === 'cancel_entries')).toMatchObject({ outcome: 'failed', detail: '2 entry order(s) still open after 3 attempts' });
    expect(logger.entries.some((e) => e.level === 'error' && e.msg.includes('still open'))).toBe(true);
  });

  it('stops retrying cancels once none remain', async () => {
    const calls: string[] = [];
    let open = 2;
    const { sd } = make(recordingHooks(calls, { cancelUnfilledEntries: (a) => { calls.push(`cancel#${String(a)}`); open -= 1; return open; } }));
    expect(await sd.shutdown('x')).toBe(0);
    expect(calls.filter((c) => c.startsWith('cancel'))).toEqual(['cancel#1', 'cancel#2']);
  });

  it('a step that hangs times out (aborting its signal), a step that throws fails; later steps still run', async () => {
    const calls: string[] = [];
    let aborted = false;
    const { sd, clock } = make(recordingHooks(calls, {
      notifyClients: (_r, signal) => new Promise<void>(() => { signal.addEventListener('abort', () => { aborted = true; }); }),
      stopTasks: () => { throw new Error('web server would not close'); },
    }));
    const pending = sd.shutdown('x');
    await clock.advance(1000);
    expect(await pending).toBe(1);
    expect(aborted).toBe(true);
    expect(calls.slice(-2)).toEqual(['flushLogs', 'closeStore']);
    const steps = sd.result?.steps ?? [];
    expect(steps.find((s) => s.step === 'notify_clients')?.outcome).toBe('timeout');
    expect(steps.find((s) => s.step === 'stop_tasks')).toMatchObject({ outcome: 'failed', detail: 'web server would not close' });
  });

  it('is idempotent: a second call joins the running shutdown', async () => {
    const calls: string[] = [];
    const { sd, clock } = make(recordingHooks(calls, { waitForInFlight: never }));
    const first = sd.shutdown('SIGINT received');
    const second = sd.shutdown('POST /api/shutdown');
    expect(second).toBe(first);
    await clock.advance(5000);
    await first;
    expect(calls.filter((c) => c === 'stopNewSignals')).toHaveLength(1);
    expect(await sd.shutdown('again')).toBe(0);
    expect(calls.filter((c) => c === 'closeStore')).toHaveLength(1);
  });

  it('skips missing hooks and still exits 0', async () => {
    const { sd } = make({});
    expect(await sd.shutdown('x')).toBe(0);
    expect(sd.result?.steps.every((s) => s.outcome === 'skipped')).toBe(true);
  });
});

class FakeProcess implements ProcessLike {
  readonly listeners = new Map<ShutdownSignal, Set<() => void>>();
  readonly exits: number[] = [];
  on(event: ShutdownSignal, listener: () => void): this {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }
  off(event: ShutdownSignal, listener: () => void): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  exit(code: number): void {
    this.exits.push(code);
  }
  emit(event: ShutdownSignal): void {
    for (const l of this.listeners.get(event) ?? []) l();
  }
}

describe('installShutdownSignals', () => {
  it('first signal starts the shutdown once, a second only logs, a third forces exit 1; uninstall removes handlers', async () => {
    const calls: string[] = [];
    const { sd, clock, logger } = make(recordingHooks(calls, { waitForInFlight: never }));
    const proc = new FakeProcess();
    const reasons: string[] = [];
    const uninstall = installShutdownSignals({ process: proc, logger, shutdown: (r) => { reasons.push(r); return sd.shutdown(r); } });
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    expect(reasons).toEqual(['SIGTERM received']);
    expect(proc.exits).toEqual([]);
    expect(logger.entries.some((e) => e.level === 'warn' && e.msg.includes('already in progress'))).toBe(true);
    proc.emit('SIGINT');
    expect(proc.exits).toEqual([1]);
    await clock.advance(5000);
    expect(await sd.done).toBe(0);
    expect(calls.filter((c) => c === 'stopNewSignals')).toHaveLength(1);
    uninstall();
    expect([...proc.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });
});
