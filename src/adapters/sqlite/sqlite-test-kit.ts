// Helpers for the store's tests: a manual clock, temp directories that are removed, and a valid sample intent.
// Must never: be imported by production code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import type { NewOrderIntent } from '../../ports/store-records.js';

/** A clock the test moves by hand. */
export class ManualClock {
  #now: number;
  constructor(start = Date.UTC(2025, 2, 10, 14, 30)) {
    this.#now = start;
  }
  readonly now = (): number => this.#now;
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** A fresh temp directory and a function that deletes it. */
export function makeTempDir(prefix = 'alpaca-bot-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => { rmSync(dir, { recursive: true, force: true }); } };
}

/** A valid PENDING_SUBMIT market entry; override any field. */
export function sampleIntent(overrides: Partial<NewOrderIntent> = {}): NewOrderIntent {
  return {
    clientOrderId: parseClientOrderId('a1b2c3d4e5f60718'),
    correlationId: asCorrelationId('corr-1'),
    strategy: parseStrategyId('sma_crossover'),
    symbol: parseTicker('AAPL'),
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: Decimal.of('10'),
    role: 'entry',
    signalTs: Date.UTC(2025, 2, 10, 14, 29),
    ...overrides,
  };
}
