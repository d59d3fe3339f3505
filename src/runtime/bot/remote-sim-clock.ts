// The virtual time of an embedded exchange running in another process (`alpaca-bot sim`), read from its admin
// API, so a bot in `--mode sim` pointed at it judges market hours and candles by the replayed market's clock,
// not the wall clock. Must never: be used against Alpaca (its time is the wall clock).
import type { Clock } from '../../ports/clock.js';
import { virtualClock, type VirtualTime } from './clocks.js';

interface SimState {
  readonly time: string;
  readonly speed: number | 'max';
  readonly paused: boolean;
}

const POLL_MS = 200;

async function readState(baseUrl: string, key: string, secret: string): Promise<SimState> {
  const response = await fetch(new URL('/sim/admin/state', baseUrl), { headers: { 'APCA-API-KEY-ID': key, 'APCA-API-SECRET-KEY': secret } });
  if (!response.ok) throw new Error(`the exchange at ${baseUrl} did not answer /sim/admin/state (HTTP ${response.status}): is it an alpaca-bot sim?`);
  return (await response.json()) as SimState;
}

export interface RemoteSimClock {
  readonly clock: Clock;
  close(): void;
}

/** Polls the sim's virtual time (every 200 ms) and extrapolates it between polls at the sim's speed. */
export async function remoteSimClock(baseUrl: string, key: string, secret: string): Promise<RemoteSimClock> {
  let state = await readState(baseUrl, key, secret);
  let fetchedAt = Date.now();
  const timer = setInterval(() => {
    readState(baseUrl, key, secret).then((next) => {
      state = next;
      fetchedAt = Date.now();
    }, () => undefined);
  }, POLL_MS);
  timer.unref();
  const time: VirtualTime = {
    now: () => {
      const base = Date.parse(state.time);
      return state.paused || state.speed === 'max' ? base : base + (Date.now() - fetchedAt) * state.speed;
    },
    realDelayUntil: (t) => {
      const now = time.now();
      if (now >= t) return 0;
      return state.paused || state.speed === 'max' ? POLL_MS : (t - now) / state.speed;
    },
  };
  // Once closed nobody polls any more: a paused (or speed max) state would freeze time for good and a pending clock.sleep would
  // keep the process alive after its graceful shutdown, so time runs on at the last known speed.
  const close = (): void => {
    clearInterval(timer);
    state = { ...state, time: new Date(time.now()).toISOString(), paused: false, speed: state.speed === 'max' ? 1 : state.speed };
    fetchedAt = Date.now();
  };
  return { clock: virtualClock(time), close };
}
