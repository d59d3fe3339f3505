// Test support for the matching core: a SimExchange on a hand-driven virtual clock, with helpers to place
// orders, feed bars at ET wall times and collect trade updates. Used by the venue's tests and the bench.
// Must never: be imported by production code (it throws on a failed order to keep tests short).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AlpacaOrder, AlpacaTradeUpdate, ApiResult } from '../contracts.js';
import { etDateTime } from '../../domain/calendar/index.js';
import { SimExchange, type SimExchangeOptions } from '../trading-venue.js';

export const MINUTE = 60_000;

/** Directory of the shared Alpaca fixtures (`../shared` beside the repository), or undefined when absent. */
export const FIXTURES_DIR: string | undefined = (() => {
  const dir = fileURLToPath(new URL('../../../../shared/alpaca/fixtures/', import.meta.url));
  return existsSync(dir) ? dir : undefined;
})();

/** A shared fixture parsed, or undefined when ../shared (or the file) is absent. */
export function loadFixture(relative: string): unknown {
  if (FIXTURES_DIR === undefined || !existsSync(FIXTURES_DIR + relative)) return undefined;
  return JSON.parse(readFileSync(FIXTURES_DIR + relative, 'utf8')) as unknown;
}

/** Epoch ms of an ET wall time. */
export function et(date: string, hhmm: string): number {
  return etDateTime(date, hhmm);
}

export interface BarSpec {
  readonly o: number;
  readonly h?: number;
  readonly l?: number;
  readonly c?: number;
  readonly v?: number;
}

export class SimHarness {
  t: number;
  readonly ex: SimExchange;
  readonly updates: AlpacaTradeUpdate[] = [];

  constructor(date = '2025-03-03', hhmm = '10:00', options: Partial<SimExchangeOptions> = {}) {
    this.t = et(date, hhmm);
    this.ex = new SimExchange({ now: () => this.t, ...options });
    this.ex.onTradeUpdate((u) => this.updates.push(u));
  }

  /** Moves the clock to an ET wall time (processing clock events on the way). */
  at(date: string, hhmm: string): this {
    this.t = et(date, hhmm);
    this.ex.processTime(this.t);
    return this;
  }

  /** Processes a bar for `symbol` starting at the current minute (defaults: h/l/c = o, v = 1e6). */
  bar(symbol: string, spec: BarSpec): this {
    const { o } = spec;
    const h = spec.h ?? Math.max(o, spec.c ?? o);
    const l = spec.l ?? Math.min(o, spec.c ?? o);
    this.ex.processBar({ symbol, t: this.t, o, h, l, c: spec.c ?? o, v: spec.v ?? 1_000_000, vw: o, n: 100 });
    return this;
  }

  /** Advances one minute, then processes a bar for `symbol` at the new minute. */
  next(symbol: string, spec: BarSpec): this {
    this.t += MINUTE;
    return this.bar(symbol, spec);
  }

  /** Places an order; throws with the venue's error when it is rejected. */
  order(body: Record<string, unknown>): AlpacaOrder {
    const result = this.ex.createOrder(body);
    if (!result.ok) throw new Error(`order rejected: ${result.error.status} ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** Places an order expecting a rejection; returns the result. */
  attempt(body: Record<string, unknown>): ApiResult<AlpacaOrder> {
    return this.ex.createOrder(body);
  }

  /** Current state of an order by id. */
  get(id: string): AlpacaOrder {
    const result = this.ex.getOrder(id, true);
    if (!result.ok) throw new Error(`no order ${id}: ${result.error.message}`);
    return result.value;
  }

  /** Events for one order id, in order. */
  eventsOf(id: string): string[] {
    return this.updates.filter((u) => u.order.id === id).map((u) => u.event);
  }

  /** Signed position qty of a symbol as a string ('0' when flat). */
  positionQty(symbol: string): string {
    const result = this.ex.getPosition(symbol);
    return result.ok ? result.value.qty : '0';
  }
}
