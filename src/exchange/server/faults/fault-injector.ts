// Holds armed faults and decides, per REST call / stream message / trade update, whether one fires. Each
// firing is logged once through the injected `log`. Fractions use a seeded generator, so a run with the
// same faults and seed misbehaves the same way. Must never: log credentials or request bodies.
import { parseFaultSpecs, type FaultSpec, type StreamName } from './fault-spec.js';

/** What the HTTP layer must do instead of answering normally. */
export type RestFaultAction =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'timeout'; readonly delayMs: number | undefined };

/** What a stream session must do instead of sending its next data message. */
export type StreamFaultAction =
  | { readonly kind: 'drop' }
  | { readonly kind: 'stall'; readonly durationMs: number | undefined; readonly silencePongs: boolean }
  | { readonly kind: 'malformed' };

export type TradeUpdateFaultAction = { readonly kind: 'drop' } | { readonly kind: 'delay'; readonly delayMs: number };

/** An armed fault as the admin API lists it. */
export interface ArmedFault {
  readonly id: number;
  readonly spec: FaultSpec;
  fired: number;
  /** Firings left (Infinity for fractions); 0 = spent. */
  remaining: number;
}

export interface FaultInjectorOptions {
  /** One line per firing. */
  readonly log: (line: string) => void;
  /** Seed for fractional faults. Default 1. */
  readonly seed?: number;
  /** The matching core's `rejectNext(n)`; called when a `reject_orders` fault is added. */
  readonly rejectNext?: (count: number) => void;
}

export class FaultInjector {
  readonly #faults: ArmedFault[] = [];
  readonly #options: FaultInjectorOptions;
  #nextId = 1;
  #rng: () => number;

  constructor(options: FaultInjectorOptions) {
    this.#options = options;
    this.#rng = mulberry32(options.seed ?? 1);
  }

  /** Validates and arms faults (`{faults:[…]}`, a list, or one spec). @throws FaultSpecError */
  add(input: unknown): ArmedFault[] {
    const armed = parseFaultSpecs(input).map((spec) => this.#arm(spec));
    return armed;
  }

  /** Every fault ever armed, spent ones included. */
  list(): readonly ArmedFault[] {
    return this.#faults;
  }

  /** Disarms everything not yet spent. */
  clear(): void {
    for (const fault of this.#faults) fault.remaining = 0;
  }

  /** Called once per REST call (admin calls excluded). */
  restFault(method: string, path: string): RestFaultAction | undefined {
    for (const fault of this.#live()) {
      const spec = fault.spec;
      if (spec.type !== 'rest_error' && spec.type !== 'rest_timeout') continue;
      if (spec.method !== undefined && spec.method !== method) continue;
      if (spec.path !== undefined && !path.startsWith(spec.path)) continue;
      if (spec.fraction !== undefined && this.#rng() >= spec.fraction) continue;
      this.#fire(fault, `${method} ${path}`);
      return spec.type === 'rest_error' ? { kind: 'status', status: spec.status } : { kind: 'timeout', delayMs: spec.delay_ms };
    }
    return undefined;
  }

  /** Called before each outgoing data message of a stream connection; `virtualMs` is the message's time. */
  streamFault(stream: StreamName, virtualMs: number, connection: string): StreamFaultAction | undefined {
    for (const fault of this.#live()) {
      const spec = fault.spec;
      if (spec.type !== 'drop_connection' && spec.type !== 'stall_stream' && spec.type !== 'malformed_frame') continue;
      if (spec.stream !== stream || !reached(spec.at, virtualMs)) continue;
      this.#fire(fault, `${stream} connection ${connection}`);
      if (spec.type === 'drop_connection') return { kind: 'drop' };
      if (spec.type === 'malformed_frame') return { kind: 'malformed' };
      return { kind: 'stall', durationMs: spec.duration_ms, silencePongs: spec.silence_pongs ?? false };
    }
    return undefined;
  }

  /** Called once per trade update before it is broadcast. */
  tradeUpdateFault(event: string, orderId: string, virtualMs: number): TradeUpdateFaultAction | undefined {
    for (const fault of this.#live()) {
      const spec = fault.spec;
      if (spec.type !== 'trade_update' || !reached(spec.at, virtualMs)) continue;
      this.#fire(fault, `${event} for order ${orderId}`);
      return spec.action === 'drop' ? { kind: 'drop' } : { kind: 'delay', delayMs: spec.delay_ms ?? 0 };
    }
    return undefined;
  }

  #arm(spec: FaultSpec): ArmedFault {
    const remaining = spec.type === 'rest_error' || spec.type === 'rest_timeout'
      ? (spec.fraction !== undefined ? Infinity : (spec.next ?? 1))
      : spec.type === 'trade_update' ? (spec.next ?? 1) : 1;
    const fault: ArmedFault = { id: this.#nextId++, spec, fired: 0, remaining };
    this.#faults.push(fault);
    if (spec.type === 'reject_orders') {
      this.#options.rejectNext?.(spec.count);
      fault.remaining = 0;
      fault.fired = 1;
      this.#options.log(`[sim-fault] #${fault.id} reject_orders armed in the matching core: the next ${spec.count} order(s) will be rejected`);
    }
    return fault;
  }

  #live(): ArmedFault[] {
    return this.#faults.filter((fault) => fault.remaining > 0);
  }

  #fire(fault: ArmedFault, target: string): void {
    fault.fired += 1;
    fault.remaining -= 1;
    this.#options.log(`[sim-fault] #${fault.id} ${describe(fault.spec)} fired on ${target}`);
  }
}

function reached(at: string | undefined, virtualMs: number): boolean {
  return at === undefined || virtualMs >= Date.parse(at);
}

function describe(spec: FaultSpec): string {
  switch (spec.type) {
    case 'rest_error': return `rest_error ${spec.status}`;
    case 'rest_timeout': return spec.delay_ms === undefined ? 'rest_timeout (never answered)' : `rest_timeout ${spec.delay_ms} ms`;
    case 'stall_stream': return `stall_stream ${spec.duration_ms === undefined ? 'until cleared' : `${spec.duration_ms} ms`}${spec.silence_pongs ? ' (pongs silenced)' : ''}`;
    case 'trade_update': return `trade_update ${spec.action}${spec.action === 'delay' ? ` ${spec.delay_ms ?? 0} ms` : ''}`;
    default: return spec.type;
  }
}

/** Small seeded PRNG (mulberry32): deterministic fractions without Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
