// Shared pieces of the execution adapter's tests: a clock whose sleeps return at once (and are recorded), wire
// orders built from the committed fixture, and a client pointed at a scripted server. Must never: sleep for real.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryLogger } from '../../../logging/memory-logger.js';
import type { Clock } from '../../../../ports/clock.js';
import type { ExecutionClient } from '../../../../ports/execution-client.js';
import { createAlpacaExecutionClient, type ExecutionTuning } from '../create-alpaca-execution-client.js';

export const TEST_KEY = 'PKTESTKEY1234567890AB';
export const TEST_SECRET = 'sEcReT-DoNotLeak-0123456789abcdef';

const FIXTURES = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'test/fixtures/alpaca/trading');

/** A committed fixture, parsed. */
export function fixture(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>;
}

/** A wire order (the spec's limit-order example) with overrides. */
export function wireOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture('rest/order_limit_simple.json'), ...overrides };
}

export interface FakeClock extends Clock {
  readonly sleeps: number[];
}

/** Starts at `start`; `sleep(ms)` records ms, advances time and resolves at once. */
export function fakeClock(start = Date.parse('2024-06-11T14:00:00Z')): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: (ms) => { sleeps.push(ms); t += ms; return Promise.resolve(); },
  };
}

export interface TestClient {
  readonly client: ExecutionClient;
  readonly clock: FakeClock;
  readonly logger: MemoryLogger;
}

/** A client on `baseUrl` with a fake clock and a logger that does NOT scrub (so leaks would show). */
export function testClient(baseUrl: string, tuning: Partial<ExecutionTuning> = {}): TestClient {
  const clock = fakeClock();
  const logger = new MemoryLogger();
  const client = createAlpacaExecutionClient({
    config: { keyId: TEST_KEY, secret: TEST_SECRET, tradingBaseUrl: baseUrl, tradingStreamUrl: baseUrl.replace(/^http/, 'ws') + '/stream', paper: true },
    clock, logger, tuning: { requestTimeoutMs: 5_000, ...tuning },
  });
  return { client, clock, logger };
}
