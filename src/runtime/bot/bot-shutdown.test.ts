// Proves the shutdown hooks of `alpaca-bot run`: the engine is read when the shutdown runs (a supervisor-requested
// shutdown built before startup still stops the started engine: one instance, one exit code), the event processor
// is drained before the broker client and the store close, a kept position missing its stop gets one, and a
// flatten waits for the exits to be recorded, failing (exit 1, symbols named) when a position stays open.
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../adapters/logging/memory-logger.js';
import type { ExitResult, OrderManager } from '../../core/orders/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { ClientOrderId } from '../../domain/ids.js';
import { botShutdown, type BotShutdownDeps, type StartedView } from './bot-shutdown.js';

interface FakeEntry { readonly symbol: string; readonly clientOrderId: ClientOrderId; readonly filledQty: Decimal }
const entry = (symbol: string, filled: string): FakeEntry => ({ symbol, clientOrderId: `${symbol.toLowerCase()}-entry` as ClientOrderId, filledQty: Decimal.of(filled) });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Deps whose calls are recorded in order; `entries` is what activeEntries() answers (mutable by the test). */
function fakeDeps(calls: string[], state: { entries: FakeEntry[] }, overrides: Partial<BotShutdownDeps> = {}, memory = new MemoryLogger()): BotShutdownDeps {
  const logger = Object.assign(memory, { close: () => { calls.push('logger.close'); return Promise.resolve(); } });
  const orders = {
    cancelAll: () => { calls.push('cancelAll'); state.entries = state.entries.filter((e) => e.filledQty.isPositive()); return Promise.resolve([]); },
    activeEntries: () => state.entries,
    closeAll: (reason: string) => {
      calls.push(`closeAll:${reason}`);
      return Promise.resolve(state.entries.map((e): ExitResult => ({ symbol: e.symbol, exits: [], blocked: [] })));
    },
    ensureProtection: (cid: ClientOrderId) => { calls.push(`ensureProtection:${cid}`); return Promise.resolve([]); },
  } as unknown as Pick<OrderManager, 'cancelAll' | 'activeEntries' | 'closeAll' | 'ensureProtection'>;
  return {
    orders, logger, flatten: false, started: () => undefined,
    queue: { idle: () => { calls.push('queue.idle'); return Promise.resolve(); } },
    supervisor: { stop: () => { calls.push('supervisor.stop'); return Promise.resolve(); } },
    feed: { stop: () => { calls.push('feed.stop'); return Promise.resolve(); } },
    client: { disconnect: () => { calls.push('client.disconnect'); return Promise.resolve(); } },
    venue: { close: () => { calls.push('venue.close'); return Promise.resolve(); } },
    store: { close: () => { calls.push('store.close'); } },
    lock: { release: () => { calls.push('lock.release'); } },
    ...overrides,
  };
}

const startedWith = (calls: string[], symbols: string[]): StartedView => ({
  engine: { stopSignals: () => { calls.push('engine.stopSignals'); } },
  ledger: { portfolio: { positions: () => symbols.map((symbol) => ({ symbol })) } },
});

describe('botShutdown', () => {
  it('reads the started engine when it runs, so a shutdown built before startup stops the engine started later', async () => {
    const calls: string[] = [];
    const ref: { started?: StartedView } = {};
    const shutdown = botShutdown(fakeDeps(calls, { entries: [] }, { started: () => ref.started }));
    ref.started = startedWith(calls, []);
    // e.g. the supervisor's "3 deaths in 5 minutes": the same instance the process waits on.
    const code = await shutdown.shutdown('supervisor: too many deaths');
    expect(code).toBe(0);
    expect(await shutdown.done).toBe(0);
    expect(calls[0]).toBe('engine.stopSignals');
  });

  it('drains the event processor after the feed stops and before the broker client, venue and store close', async () => {
    const calls: string[] = [];
    const drained = deferred();
    const deps = fakeDeps(calls, { entries: [] }, {
      queue: { idle: () => { calls.push('queue.idle'); return drained.promise.then(() => { calls.push('queue.drained'); }); } },
    });
    const running = botShutdown(deps).shutdown('SIGTERM received');
    // waitForInFlight (step 2) also waits for the queue: let both finish.
    setTimeout(() => { drained.resolve(); }, 20);
    expect(await running).toBe(0);
    const tail = calls.slice(calls.indexOf('supervisor.stop'));
    expect(tail).toEqual(['supervisor.stop', 'feed.stop', 'queue.idle', 'queue.drained', 'client.disconnect', 'venue.close', 'logger.close', 'store.close', 'lock.release']);
  });

  it('keep: cancels unfilled entries, tops up the stop of every entry holding shares, closes nothing', async () => {
    const calls: string[] = [];
    const state = { entries: [entry('AAPL', '10'), entry('SPY', '0')] };
    const code = await botShutdown(fakeDeps(calls, state, { started: () => startedWith(calls, ['AAPL']) })).shutdown('SIGTERM received');
    expect(code).toBe(0);
    expect(calls.filter((c) => c.startsWith('cancelAll') || c.startsWith('ensureProtection') || c.startsWith('closeAll'))).toEqual(['cancelAll', 'ensureProtection:aapl-entry']);
  });

  it('flatten: waits until the exits are recorded (no entry holds shares) and exits 0', async () => {
    const calls: string[] = [];
    const state = { entries: [entry('AAPL', '10'), entry('MSFT', '5')] };
    const memory = new MemoryLogger();
    const running = botShutdown(fakeDeps(calls, state, { flatten: true }, memory)).shutdown('SIGINT received');
    // The exit fills arrive through the trade-update stream a little later.
    setTimeout(() => { state.entries = []; }, 250);
    expect(await running).toBe(0);
    expect(calls).toContain('closeAll:shutdown.flatten');
    expect(memory.entries.map((e) => e.msg)).toContain('flatten: every position is closed');
  });

  it('flatten: a position still open after the wait fails the step (exit 1) naming the symbol', async () => {
    const calls: string[] = [];
    const state = { entries: [entry('AAPL', '10')] };
    const deps = fakeDeps(calls, state, { flatten: true, flattenWaitMs: 200 });
    const shutdown = botShutdown(deps);
    expect(await shutdown.shutdown('SIGINT received')).toBe(1);
    const step = shutdown.result?.steps.find((s) => s.step === 'flatten_positions');
    expect(step?.outcome).toBe('failed');
    expect(step?.detail).toContain('position(s) still open at the broker after the exits were sent: AAPL');
    // The later steps still ran: the store is closed.
    expect(calls.slice(-2)).toEqual(['store.close', 'lock.release']);
  });
});
