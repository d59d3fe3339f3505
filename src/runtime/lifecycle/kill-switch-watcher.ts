// Run-time pickup of the kill switch (SPEC S2: KILL_SWITCH or DATA_DIR/.kill_switch, "picked up within 1 s"):
// polls every 250 ms, keeps the latest state for the risk engine's facts (`current()`), and tells listeners
// when it turns on or off, logging the reason. Must never: report OFF after a failed read (a read that throws
// counts as ON), or let a throwing listener stop the polling.
import type { KillSwitchState } from '../../config/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { abortableSleep, errorMessage } from './abortable-sleep.js';

export type KillSwitchListener = (state: KillSwitchState, previous: KillSwitchState) => void;

export interface KillSwitchWatcherOptions {
  /** Reads the switch, e.g. `() => isKillSwitchOn({ config })`. */
  readonly read: () => KillSwitchState;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Default 250 ms. */
  readonly intervalMs?: number;
}

/** Polls the kill switch; run `run` as a supervised task. */
export class KillSwitchWatcher {
  readonly #o: KillSwitchWatcherOptions;
  readonly #listeners = new Set<KillSwitchListener>();
  #state: KillSwitchState;

  /** Reads the switch once at construction, so `current()` is right before the first poll. */
  constructor(options: KillSwitchWatcherOptions) {
    this.#o = options;
    this.#state = this.#read();
    if (this.#state.on) options.logger.warn(`kill switch is ON: no new orders (${describeKill(this.#state)})`, fields(this.#state));
  }

  /** The latest state (what the risk engine's facts use before every order). */
  current(): KillSwitchState {
    return this.#state;
  }

  isOn(): boolean {
    return this.#state.on;
  }

  /** Adds a listener for on/off changes; returns an unsubscribe function. */
  onChange(listener: KillSwitchListener): () => void {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  /** Reads the switch now; notifies and logs when it changed. Returns the new state. */
  check(): KillSwitchState {
    const previous = this.#state;
    const next = this.#read();
    this.#state = next;
    if (next.on !== previous.on || (next.on && next.reason !== previous.reason)) this.#changed(next, previous);
    return next;
  }

  /** Polls until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.check();
      await abortableSleep(this.#o.clock, this.#o.intervalMs ?? 250, signal);
    }
  }

  #read(): KillSwitchState {
    try {
      return this.#o.read();
    } catch (error) {
      return { on: true, reason: 'file', detail: `kill switch could not be read (${errorMessage(error)}): treated as ON`, file: true };
    }
  }

  #changed(next: KillSwitchState, previous: KillSwitchState): void {
    if (next.on) this.#o.logger.warn(`kill switch turned ON: no new orders (${describeKill(next)})`, fields(next));
    else this.#o.logger.info(`kill switch turned OFF: new orders allowed again (was: ${describeKill(previous)})`, fields(next));
    for (const listener of this.#listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        this.#o.logger.error('kill switch listener failed', { error: errorMessage(error) });
      }
    }
  }
}

/** "file: maintenance window" / "env: KILL_SWITCH=true" / "off". */
export function describeKill(state: KillSwitchState): string {
  if (!state.on) return 'off';
  return `${state.reason ?? 'unknown'}: ${state.detail ?? 'no reason given'}`;
}

function fields(state: KillSwitchState): Record<string, unknown> {
  return { kill_switch: state.on, kill_reason: state.reason ?? null, kill_detail: state.detail ?? null, since: state.since ?? null };
}
