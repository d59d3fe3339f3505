// The simulator's own admin API under `/sim/admin/` (same credentials, never rate-limited or faulted):
// virtual time, speed, pause/resume, every order, fill and order request, fault injection, and the acknowledgements
// of a client that runs in lock-step at speed max.
// Must never: expose the credentials.
import type { ApiResult } from '../contracts.js';
import { FaultSpecError } from './faults/fault-spec.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { errorReply, fromResult, jsonReply, type HttpReply } from './http-reply.js';
import type { Router } from './router.js';

/** What the composition root lets the admin API see and steer. */
export interface AdminControls {
  /** `{time, speed, paused, symbols, market:{…}}`. */
  state(): Record<string, unknown>;
  /** Accepts a positive number or "max". */
  setSpeed(speed: unknown): ApiResult<unknown>;
  pause(): void;
  resume(): void;
  orders(): unknown;
  fills(): unknown;
  requests(): unknown;
  /**
   * A synchronising client has processed everything published up to `body.time` (see sim-client-sync.ts).
   * Absent: the route answers 404.
   */
  ack?(body: unknown): ApiResult<unknown>;
}

export const ADMIN_PREFIX = '/sim/admin';

/** Adds the admin endpoints; `onFaultsCleared` lets the server end running stalls. */
export function addAdminRoutes(router: Router, admin: AdminControls, faults: FaultInjector, onFaultsCleared: () => void): void {
  const p = ADMIN_PREFIX;
  router
    .add('GET', `${p}/state`, () => jsonReply(200, admin.state()))
    .add('POST', `${p}/speed`, (req) => fromResult(admin.setSpeed(isRecord(req.body) ? req.body['speed'] : undefined)))
    .add('POST', `${p}/pause`, () => { admin.pause(); return jsonReply(200, admin.state()); })
    .add('POST', `${p}/resume`, () => { admin.resume(); return jsonReply(200, admin.state()); })
    .add('GET', `${p}/orders`, () => jsonReply(200, admin.orders()))
    .add('GET', `${p}/fills`, () => jsonReply(200, admin.fills()))
    .add('GET', `${p}/requests`, () => jsonReply(200, admin.requests()))
    .add('POST', `${p}/ack`, (req) => (admin.ack ? fromResult(admin.ack(req.body)) : errorReply(404, 40410000, 'this exchange takes no acknowledgements')))
    .add('GET', `${p}/faults`, () => jsonReply(200, faultList(faults)))
    .add('POST', `${p}/faults`, (req) => addFaults(faults, req.body))
    .add('DELETE', `${p}/faults`, () => { faults.clear(); onFaultsCleared(); return jsonReply(200, faultList(faults)); });
}

function addFaults(faults: FaultInjector, body: unknown): HttpReply {
  try {
    const armed = faults.add(body);
    return jsonReply(200, armed.map((f) => ({ id: f.id, ...f.spec })));
  } catch (error) {
    if (error instanceof FaultSpecError) return errorReply(422, 42210000, error.message);
    throw error;
  }
}

function faultList(faults: FaultInjector): unknown[] {
  return faults.list().map((f) => ({ id: f.id, fired: f.fired, remaining: Number.isFinite(f.remaining) ? f.remaining : 'unlimited', ...f.spec }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
