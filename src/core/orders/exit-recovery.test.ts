// Issue #5, SPEC S5 / §7–8: an exit interrupted at any point (a crash after the exit was marked, after the stop
// cancel, before or after the exit submission; an exit rejected or ambiguous) never leaves a position with
// neither a working exit nor a stop at the broker, and never sends a second exit for the same shares — live,
// and after a restart (a fresh OrderManager + Reconciler on the same SQLite store and the same venue).
// Runs against the real matching core (SimExchange in process) and the real SQLite store.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { MemoryLogger } from '../../adapters/logging/index.js';
import { SimExchange } from '../../exchange/trading-venue.js';
import { Decimal } from '../../domain/decimal.js';
import type { ExecutionEvent } from '../../ports/execution-client.js';
import type { Store } from '../../ports/store.js';
import { OrderManager, type OrderManagerClient } from './order-manager.js';
import { Reconciler } from './reconciler.js';
import { FaultyClient, type Fault } from './testing/faulty-client.js';
import { SimExecutionClient } from './testing/sim-execution-client.js';

const T0 = Date.UTC(2025, 2, 10, 14, 30); // Monday 10:30 New York

interface Process {
  readonly manager: OrderManager;
  readonly reconciler: Reconciler;
  /** The process dies: its stream subscription ends and its pending work is abandoned. */
  readonly kill: () => void;
}

/** One venue and one store that outlive the bot processes started on them. */
class World {
  now = T0;
  readonly clock = { now: (): number => this.now, sleep: (): Promise<void> => Promise.resolve() };
  readonly venue = new SimExchange({ now: () => this.now, startingCash: '1000000', referencePrice: () => 100 });
  readonly sim = new SimExecutionClient(this.venue, () => this.now);
  readonly store: Store = openStore(':memory:');
  readonly logger = new MemoryLogger();
  #pending: Promise<unknown>[] = [];

  boot(client: OrderManagerClient = this.sim): Process {
    const manager = new OrderManager({ store: this.store, client, clock: this.clock, logger: this.logger, options: { lookup: { attempts: 2, delayMs: 0 } } });
    let alive = true;
    const off = this.sim.onExecution((e: ExecutionEvent) => { if (alive) this.#pending.push(manager.onExecution(e)); });
    const reconciler = new Reconciler({ manager, store: this.store, client: this.sim, clock: this.clock, logger: this.logger, limits: { defaultStopPct: Decimal.of('0.02') } });
    return { manager, reconciler, kill: () => { alive = false; off(); this.#pending = []; } };
  }

  /** Waits until every trade update delivered so far has been handled. */
  async settle(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      await Promise.all(batch);
    }
  }

  /** The next minute's bar (market orders fill at its open; the stop at 95 is not touched). */
  async bar(price = 100): Promise<void> {
    this.now += 60_000;
    this.venue.processBar({ symbol: 'AAPL', t: this.now, o: price, h: price + 0.5, l: price - 0.5, c: price, v: 1_000_000, vw: price, n: 100 });
    await this.settle();
  }

  /** Each venue position with the shares its working stops and its working exits (exit-side, not stops) hold. */
  async coverage(): Promise<{ symbol: string; qty: string; stop: string; exit: string }[]> {
    const open = await this.sim.listOrders({ status: 'open', nested: true });
    return (await this.sim.getPositions()).map((p) => {
      const exitSide = open.filter((o) => o.symbol === p.symbol && o.side === (p.qty.isPositive() ? 'sell' : 'buy'));
      const sum = (stops: boolean): string => exitSide.filter((o) => (o.type === 'stop') === stops).reduce((s, o) => s.plus(o.qty.minus(o.filledQty)), Decimal.ZERO).toString();
      return { symbol: p.symbol, qty: p.qty.toString(), stop: sum(true), exit: sum(false) };
    });
  }

  /** Venue orders that sell AAPL at market (the exits actually sent), by status. */
  exitOrders(): string[] {
    return this.venue.allOrders().filter((o) => o.side === 'sell' && o.type === 'market').map((o) => o.status);
  }
}

/** A filled 10-share long in AAPL under its broker-side stop at 95, held by the returned process. */
async function holding(w: World, client?: OrderManagerClient): Promise<Process> {
  const p = w.boot(client);
  await p.manager.submitEntry({
    context: { strategy: 'sma_cross', symbol: 'AAPL', timeframe: '1Min', signalTs: T0, price: 100, correlationId: 'c-1' },
    intent: { action: 'enter_long', symbol: 'AAPL', reason: 'test' }, qty: Decimal.of(10), stop: Decimal.of(95),
  });
  await w.bar();
  expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
  return p;
}

/**
 * Starts an exit on a faulty client, lets the armed crash strike, kills that process and restarts (after
 * `whileDown` ran: the market moving on while the bot is down).
 */
async function crashDuringExit(w: World, fault: Fault, whileDown: () => Promise<void> = () => Promise.resolve()): Promise<Process> {
  const faulty = new FaultyClient(w.sim);
  const first = await holding(w, faulty);
  faulty.arm(fault);
  void first.manager.exitPosition('AAPL', 'exit signal');
  await faulty.crashed;
  first.kill();
  await whileDown();
  const second = w.boot();
  await second.reconciler.reconcile();
  await w.settle();
  return second;
}

/** The position exits once and ends flat: no short, no working order left behind. */
async function exitsCleanly(w: World, p: Process): Promise<void> {
  if ((await w.coverage())[0]?.exit !== '10') {
    const r = await p.manager.exitPosition('AAPL', 'exit again');
    expect(r.blocked).toEqual([]);
  }
  expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '0', exit: '10' }]);
  await w.bar();
  expect(await w.coverage()).toEqual([]);
  expect(await w.sim.listOrders({ status: 'open', nested: true })).toEqual([]);
  expect(w.exitOrders().filter((s) => s === 'filled')).toHaveLength(1);
  expect(p.manager.activeEntries('AAPL')).toEqual([]);
}

describe('an exit interrupted by a crash, then a restart', () => {
  it('crash after the exit was marked, before the stop cancel: the stop keeps working and can still be moved', async () => {
    const w = new World();
    const p = await crashDuringExit(w, 'crash_before_cancel');
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    expect(await p.manager.moveStop('AAPL', Decimal.of(97))).toEqual({ moved: 1, refused: 0 });
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    expect((await w.sim.listOrders({ status: 'open', nested: true })).map((o) => o.stopPrice?.toString())).toEqual(['97']);
    await exitsCleanly(w, p);
  });

  it('crash after the stop cancel reached the venue, before it was confirmed: reconciliation places a stop', async () => {
    const w = new World();
    const p = await crashDuringExit(w, 'crash_after_cancel');
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    await exitsCleanly(w, p);
  });

  it('crash after the stop cancel was confirmed, before the exit reached the venue: reconciliation places a stop', async () => {
    const w = new World();
    const p = await crashDuringExit(w, 'crash_before_submit');
    expect(w.exitOrders()).toEqual([]);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    await exitsCleanly(w, p);
  });

  it('crash after the exit reached the venue, before its answer: the exit is adopted, no stop on top, no second exit', async () => {
    const w = new World();
    const p = await crashDuringExit(w, 'crash_after_submit');
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '0', exit: '10' }]);
    expect(w.logger.entries.filter((e) => e.level === 'critical')).toEqual([]);
    await exitsCleanly(w, p);
    expect(w.exitOrders()).toEqual(['filled']);
  });

  it('crash after the exit reached the venue, and it filled while the bot was down: flat, nothing placed', async () => {
    const w = new World();
    const p = await crashDuringExit(w, 'crash_after_submit', () => w.bar());
    expect(await w.coverage()).toEqual([]);
    expect(await w.sim.listOrders({ status: 'open', nested: true })).toEqual([]);
    expect(w.exitOrders()).toEqual(['filled']);
    expect(p.manager.activeEntries('AAPL')).toEqual([]);
  });
});

describe('an exit that fails while the bot runs', () => {
  it('rejected by the broker (REST): the stop is restored at once, and a restart adds nothing', async () => {
    const w = new World();
    const p = await holding(w);
    w.venue.rejectNext(1, 'rejected by test');
    const r = await p.manager.exitPosition('AAPL', 'exit signal');
    expect(r.exits.map((x) => x.kind)).toEqual(['rejected']);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    await w.settle();
    p.kill();
    const requests = w.venue.requestLog().length;
    const second = w.boot();
    const report = await second.reconciler.reconcile();
    expect(report.steps).toEqual([]);
    expect(w.venue.requestLog().length).toBe(requests);
    await exitsCleanly(w, second);
  });

  it('rejected on the stream after a 200: the stop is restored when the rejection arrives', async () => {
    const w = new World();
    const p = await holding(w);
    w.venue.rejectNext(1, 'rejected by test', { via: 'stream' });
    await p.manager.exitPosition('AAPL', 'exit signal');
    await w.settle();
    expect(w.exitOrders()).toEqual(['rejected']);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    await exitsCleanly(w, p);
  });

  it('ambiguous and not found by client_order_id (SUBMIT_FAILED): the stop is restored at once', async () => {
    const w = new World();
    const faulty = new FaultyClient(w.sim);
    const p = await holding(w, faulty);
    faulty.arm('ambiguous_lost');
    const r = await p.manager.exitPosition('AAPL', 'exit signal');
    expect(r.exits.map((x) => x.kind)).toEqual(['submit_failed']);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '10', exit: '0' }]);
    await exitsCleanly(w, p);
  });

  it('ambiguous but landed: adopted by lookup, no stop on top, exactly one exit', async () => {
    const w = new World();
    const faulty = new FaultyClient(w.sim);
    const p = await holding(w, faulty);
    faulty.arm('ambiguous_landed');
    const r = await p.manager.exitPosition('AAPL', 'exit signal');
    expect(r.exits.map((x) => x.kind)).toEqual(['accepted']);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '0', exit: '10' }]);
    await exitsCleanly(w, p);
    expect(w.exitOrders()).toEqual(['filled']);
  });

  it('ambiguous with every lookup failing: left in flight (no stop on a possibly live exit); a restart adopts the exit', async () => {
    const w = new World();
    const faulty = new FaultyClient(w.sim);
    const p = await holding(w, faulty);
    faulty.arm('lookups_fail');
    const r = await p.manager.exitPosition('AAPL', 'exit signal');
    expect(r.exits.map((x) => x.kind)).toEqual(['unresolved']);
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '0', exit: '10' }]);
    p.kill();
    const second = w.boot();
    await second.reconciler.reconcile();
    expect(await w.coverage()).toEqual([{ symbol: 'AAPL', qty: '10', stop: '0', exit: '10' }]);
    await exitsCleanly(w, second);
    expect(w.exitOrders()).toEqual(['filled']);
  });
});
