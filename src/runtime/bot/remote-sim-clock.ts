// The virtual time of an embedded exchange running in another process (`alpaca-bot sim`), read from its admin
// API, so a bot in `--mode sim` pointed at it judges market hours and candles by the replayed market's clock,
// not the wall clock. Polled every 200 ms and extrapolated at the sim's speed in between; at speed max (where
// the exchange can run dozens of virtual minutes per wall second) the poll alone lags far behind, so the market
// data the bot receives also moves the clock: a bar of minute T is published at boundary T+1 min, so the
// exchange's clock has reached at least T+1 min (and at speed max it waits there for the bot's reaction).
// The time it reports never goes backwards.
// Must never: be used against Alpaca (its time is the wall clock), or run ahead of the exchange's own clock.
import type { Clock } from '../../ports/clock.js';
import { virtualClock, type VirtualTime } from './clocks.js';

interface SimState {
  readonly time: string;
  readonly speed: number | 'max';
  readonly paused: boolean;
}

const POLL_MS = 200;
/** After close() time runs at least this fast, so no pending virtual sleep keeps the process alive. */
const CLOSED_SPEED = 3_600;

async function readState(baseUrl: string, key: string, secret: string): Promise<SimState> {
  const response = await fetch(new URL('/sim/admin/state', baseUrl), { headers: { 'APCA-API-KEY-ID': key, 'APCA-API-SECRET-KEY': secret } });
  if (!response.ok) throw new Error(`the exchange at ${baseUrl} did not answer /sim/admin/state (HTTP ${response.status}): is it an alpaca-bot sim?`);
  return (await response.json()) as SimState;
}

export interface RemoteSimClock {
  readonly clock: Clock;
  /**
   * The exchange is known to have reached virtual time `t` (e.g. the end of a bar it published): the clock
   * moves there at once if it is behind, instead of waiting for the next poll.
   */
  observe(t: number): void;
  close(): void;
}

/** The time source behind {@link remoteSimClock}, apart from the polling (tests drive it directly). */
export class SimTimeTracker implements VirtualTime {
  #state: SimState;
  #fetchedAt: number;
  /** Highest time reported or observed: the clock never goes back (a poll answer may be older than a bar). */
  #floor = Number.NEGATIVE_INFINITY;
  readonly #wallNow: () => number;

  constructor(state: SimState, wallNow: () => number = Date.now) {
    this.#wallNow = wallNow;
    this.#state = state;
    this.#fetchedAt = wallNow();
  }

  /** A fresh answer of the exchange's admin API. */
  update(state: SimState): void {
    this.#state = state;
    this.#fetchedAt = this.#wallNow();
  }

  observe(t: number): void {
    if (Number.isFinite(t) && t > this.#floor) this.#floor = t;
  }

  now(): number {
    const { time, paused, speed } = this.#state;
    const base = Date.parse(time);
    const extrapolated = paused || speed === 'max' ? base : base + (this.#wallNow() - this.#fetchedAt) * speed;
    if (extrapolated > this.#floor) this.#floor = extrapolated;
    return this.#floor;
  }

  realDelayUntil(t: number): number {
    const now = this.now();
    if (now >= t) return 0;
    const { paused, speed } = this.#state;
    return paused || speed === 'max' ? POLL_MS : (t - now) / speed;
  }

  /**
   * Once closed nobody polls any more: a paused (or speed max) state would freeze time for good, and a pending
   * clock.sleep (up to a minute of virtual time) would keep the process alive after its graceful shutdown; so
   * time runs on from where it is, fast.
   */
  close(): void {
    const speed = this.#state.speed === 'max' ? CLOSED_SPEED : Math.max(this.#state.speed, CLOSED_SPEED);
    this.#state = { time: new Date(this.now()).toISOString(), paused: false, speed };
    this.#fetchedAt = this.#wallNow();
  }
}

/** Polls the sim's virtual time (every 200 ms) and extrapolates it between polls at the sim's speed. */
export async function remoteSimClock(baseUrl: string, key: string, secret: string): Promise<RemoteSimClock> {
  const tracker = new SimTimeTracker(await readState(baseUrl, key, secret));
  let closed = false;
  const timer = setInterval(() => {
    readState(baseUrl, key, secret).then((next) => { if (!closed) tracker.update(next); }, () => undefined);
  }, POLL_MS);
  timer.unref();
  return {
    clock: virtualClock(tracker),
    observe: (t) => { tracker.observe(t); },
    close: () => {
      closed = true;
      clearInterval(timer);
      tracker.close();
    },
  };
}
