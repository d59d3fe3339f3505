// The admin API's view of a running sim (`/sim/admin/state`, speed, pause/resume, orders, fills, requests).
// Must never: report a synthetic market without saying it is synthetic, or expose credentials.
import { fail, ok } from './contracts.js';
import type { BarSource, VirtualClock } from './market/index.js';
import type { AdminControls } from './server/admin-routes.js';
import type { SimMarketSpec } from './sim-market-wiring.js';
import type { SimExchange } from './trading-venue.js';
import { ackTime, type ClientSync } from './sim-client-sync.js';

export interface SimAdminDeps {
  readonly clock: VirtualClock;
  readonly source: BarSource;
  readonly symbols: readonly string[];
  readonly venue: SimExchange;
  readonly options: SimMarketSpec;
  readonly connections: () => { marketData: number; trading: number };
  readonly sync: ClientSync;
}

/** Admin controls over the clock and the venue. */
export function simAdmin(deps: SimAdminDeps): AdminControls {
  const { clock, source, venue } = deps;
  const state = (): Record<string, unknown> => ({
    time: new Date(clock.now()).toISOString(),
    speed: clock.speed,
    paused: clock.isPaused,
    symbols: [...deps.symbols],
    market: marketInfo(deps.options, source),
    connections: deps.connections(),
    sync: { active: deps.sync.active, acked_through: Number.isFinite(deps.sync.ackedThrough) ? new Date(deps.sync.ackedThrough).toISOString() : null },
  });
  return {
    state,
    setSpeed: (speed) => {
      const value = typeof speed === 'string' && speed !== 'max' ? Number(speed) : speed;
      try {
        clock.setSpeed(value as number | 'max');
      } catch (error) {
        return fail(422, 42210000, `speed: ${error instanceof Error ? error.message : 'invalid'}`);
      }
      return ok(state());
    },
    pause: () => { clock.pause(); },
    resume: () => { clock.resume(); },
    orders: () => venue.allOrders(),
    fills: () => venue.allFills(),
    requests: () => venue.requestLog(),
    ack: (body) => {
      const t = ackTime(body);
      if (typeof t === 'string') return fail(422, 42210000, t);
      deps.sync.ack(t);
      return ok({ acked_through: new Date(deps.sync.ackedThrough).toISOString() });
    },
  };
}

function marketInfo(spec: SimMarketSpec, source: BarSource): Record<string, unknown> {
  switch (spec.kind) {
    case 'synthetic': return { kind: 'synthetic', synthetic: true, seed: spec.seed, label: source.label };
    case 'csv': return { kind: 'csv', synthetic: false, file: spec.file, label: source.label };
    case 'bars': return { kind: 'bars', synthetic: false, label: source.label };
  }
}
