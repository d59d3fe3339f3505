import { describe, expect, it } from 'vitest';
import { ackTime, ClientSync } from './sim-client-sync.js';

const T = Date.parse('2025-03-04T15:01:00Z');

describe('ClientSync (the exact speed-max barrier)', () => {
  it('is inactive until a client acknowledges; then waits resolve once the time is acknowledged', async () => {
    const sync = new ClientSync();
    expect(sync.active).toBe(false);
    sync.ack(T - 60_000);
    expect(sync.active).toBe(true);
    const waiting = sync.waitFor(T, 5_000);
    sync.ack(T - 30_000); // not yet
    sync.ack(T);
    await expect(waiting).resolves.toBe(true);
    await expect(sync.waitFor(T - 60_000, 5_000)).resolves.toBe(true); // already acknowledged
  });

  it('never goes back: an older acknowledgement keeps the latest', () => {
    const sync = new ClientSync();
    sync.ack(T);
    sync.ack(T - 60_000);
    expect(sync.ackedThrough).toBe(T);
  });

  it('gives up after maxWaitMs (a silent client only slows the market) and on reset (the client left)', async () => {
    const sync = new ClientSync();
    sync.ack(T - 60_000);
    await expect(sync.waitFor(T, 20)).resolves.toBe(false);
    const waiting = sync.waitFor(T, 5_000);
    sync.reset();
    await expect(waiting).resolves.toBe(false);
    expect(sync.active).toBe(false);
  });

  it('reads the time of an acknowledgement as epoch ms or ISO-8601, and names a bad one', () => {
    expect(ackTime({ time: T })).toBe(T);
    expect(ackTime({ time: '2025-03-04T15:01:00Z' })).toBe(T);
    expect(ackTime({ time: 'yesterday' })).toMatch(/time: must be epoch milliseconds or an ISO-8601 instant.*"yesterday"/);
    expect(ackTime(undefined)).toMatch(/got undefined/);
  });
});
