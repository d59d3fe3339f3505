import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../adapters/sqlite/open-store.js';
import type { Store } from '../ports/store.js';
import { applyBreakerResetAtStartup, osUserName, type BreakerLogLevel } from './breaker-reset.js';

let store: Store;
let lines: { level: BreakerLogLevel; msg: string; fields: Record<string, unknown> }[];
const log = (level: BreakerLogLevel, msg: string, fields: Record<string, unknown>) => {
  lines.push({ level, msg, fields });
};
let now = Date.UTC(2025, 5, 2, 13, 0);

beforeEach(() => {
  lines = [];
  store = openStore(':memory:', { now: () => now });
});
afterEach(() => {
  store.close();
});

describe('applyBreakerResetAtStartup', () => {
  it('clears a tripped breaker when CIRCUIT_BREAKER_RESET=true and logs who and when', () => {
    store.breaker.tripBreaker('5 consecutive order failures');
    now += 60_000;
    const result = applyBreakerResetAtStartup({ store, resetFlag: true, who: 'dave', log });
    expect(result.reset).toBe(true);
    expect(result.state).toMatchObject({ tripped: false, resetBy: 'dave via CIRCUIT_BREAKER_RESET', resetAt: now });
    expect(store.breaker.readBreaker().tripped).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      fields: { reset_by: 'dave via CIRCUIT_BREAKER_RESET', reset_at: new Date(now).toISOString(), previous_reason: '5 consecutive order failures' },
    });
    expect(lines[0]?.msg).toMatch(/unset it/);
  });

  it('does nothing (and says so) when the flag is set but the breaker is clear', () => {
    const result = applyBreakerResetAtStartup({ store, resetFlag: true, who: 'dave', log });
    expect(result).toMatchObject({ reset: false, state: { tripped: false, resetBy: null } });
    expect(lines.map((l) => l.level)).toEqual(['info']);
  });

  it('never resets without the flag; a tripped breaker is logged as an error', () => {
    store.breaker.tripBreaker('10 consecutive stream reconnect failures');
    const result = applyBreakerResetAtStartup({ store, resetFlag: false, who: 'dave', log });
    expect(result).toMatchObject({ reset: false, state: { tripped: true } });
    expect(lines).toMatchObject([{ level: 'error', fields: { reason: '10 consecutive stream reconnect failures' } }]);
    expect(lines[0]?.msg).toMatch(/alpaca-bot breaker reset/);
  });

  it('logs nothing when there is nothing to say', () => {
    applyBreakerResetAtStartup({ store, resetFlag: false, who: 'dave', log });
    expect(lines).toEqual([]);
  });

  it('osUserName names someone', () => {
    expect(osUserName().length).toBeGreaterThan(0);
  });
});
