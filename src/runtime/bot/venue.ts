// Where the bot trades: in `sim` mode an embedded Alpaca-compatible exchange started in this process (synthetic
// market, accelerated) that the bot reaches over localhost through the same Alpaca adapter as paper/live; in
// paper/live mode Alpaca itself. Must never: point a live run at the simulator or the reverse silently.
import type { Config, Mode } from '../../config/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { startSimExchange, type SimExchangeHandle } from '../../exchange/sim-exchange-app.js';
import { systemClock } from '../lifecycle/index.js';
import { virtualClock } from './clocks.js';
import { remoteSimClock } from './remote-sim-clock.js';

export interface Venue {
  /** The configuration with the endpoints and credentials the adapters must use. */
  readonly config: Config;
  readonly clock: Clock;
  /** A line describing where the bot trades (for the console). */
  readonly description: string;
  readonly sim?: SimExchangeHandle;
  /**
   * The market is known to have reached virtual time `t` (the end of a bar just received). Only a sim in another
   * process needs it: its clock is polled, and at speed max the poll lags the bars by many virtual minutes.
   */
  readonly observeMarketTime?: (t: number) => void;
  /**
   * Sim only: tells the exchange the bot has finished reacting to everything published up to `t`, so at speed max
   * it matches the next bar only then (the exact barrier of ADR 0004; a backtest's fills need nothing less).
   */
  readonly acknowledge?: (t: number) => Promise<void>;
  close(): Promise<void>;
}

/** Starts the venue for the mode: the embedded exchange for `sim`, nothing to start for paper/live. */
export async function openVenue(mode: Mode, config: Config, logger: Logger): Promise<Venue> {
  if (mode !== 'sim') {
    return { config, clock: systemClock, description: `Alpaca ${mode} (${config.alpaca.api_base_url || 'default endpoints'})`, close: () => Promise.resolve() };
  }
  if (config.alpaca.api_base_url !== '') return remoteSimVenue(config);
  const simLog = logger.child({ component: 'sim-exchange' });
  const sim = await startSimExchange({
    port: 0,
    speed: config.sim.speed === 0 ? 'max' : config.sim.speed,
    market: { kind: 'synthetic', seed: config.sim.seed },
    symbols: [...config.watchlist],
    log: (line: string) => {
      simLog.info(line);
    },
  });
  const alpaca = {
    ...config.alpaca,
    api_key: sim.key, secret_key: sim.secret, paper: true,
    api_base_url: sim.tradingUrl, data_base_url: sim.dataUrl, data_stream_url: sim.dataStreamUrl, trading_stream_url: sim.tradingStreamUrl,
  };
  return {
    config: { ...config, alpaca },
    clock: virtualClock(sim.clock),
    acknowledge: (t) => {
      sim.ack(t);
      return Promise.resolve();
    },
    description: `embedded exchange at ${sim.url} — SYNTHETIC market, seed ${config.sim.seed}, speed ${config.sim.speed === 0 ? 'max' : `${config.sim.speed}x`}`,
    sim,
    close: () => sim.close(),
  };
}

/**
 * `--mode sim` with ALPACA_API_BASE_URL set: the exchange already runs (`alpaca-bot sim`); use it and its clock.
 * @throws when the credentials are missing or the endpoint is not an alpaca-bot sim.
 */
async function remoteSimVenue(config: Config): Promise<Venue> {
  const { api_base_url: url, api_key: key, secret_key: secret } = config.alpaca;
  if (key === '' || secret === '') throw new Error('--mode sim with ALPACA_API_BASE_URL set needs the sim\'s key and secret (ALPACA_API_KEY, ALPACA_SECRET_KEY; the sim prints them)');
  const remote = await remoteSimClock(url, key, secret);
  return {
    config: { ...config, alpaca: { ...config.alpaca, paper: true, ...simEndpoints(config.alpaca) } },
    clock: remote.clock,
    observeMarketTime: (t) => { remote.observe(t); },
    acknowledge: (t) => postAck(url, key, secret, t),
    description: `embedded exchange at ${url} (running separately; its virtual clock is used)`,
    close: () => {
      remote.close();
      return Promise.resolve();
    },
  };
}

/** The sim serves everything on one port: unset data/stream endpoints follow ALPACA_API_BASE_URL. */
function simEndpoints(alpaca: Config['alpaca']): Pick<Config['alpaca'], 'data_base_url' | 'data_stream_url' | 'trading_stream_url'> {
  const ws = alpaca.api_base_url.replace(/^http/, 'ws').replace(/\/$/, '');
  return {
    data_base_url: alpaca.data_base_url || alpaca.api_base_url,
    data_stream_url: alpaca.data_stream_url || `${ws}/v2/iex`,
    trading_stream_url: alpaca.trading_stream_url || `${ws}/stream`,
  };
}

/** POST /sim/admin/ack: the exchange in another process may match the next bar. @throws when it does not answer 200 */
async function postAck(baseUrl: string, key: string, secret: string, t: number): Promise<void> {
  const response = await fetch(new URL('/sim/admin/ack', baseUrl), {
    method: 'POST', headers: { 'APCA-API-KEY-ID': key, 'APCA-API-SECRET-KEY': secret, 'content-type': 'application/json' }, body: JSON.stringify({ time: t }),
  });
  if (!response.ok) throw new Error(`the exchange at ${baseUrl} refused an acknowledgement (HTTP ${response.status})`);
}
