// The composition root of the embedded exchange: a bar source (seeded synthetic market, CSV file or bars
// handed in), the virtual clock, the market replay, the matching core and the HTTP/WebSocket server, wired so
// the official SDK sees one Alpaca on 127.0.0.1. Used by `alpaca-bot sim`, the bot's sim mode and the tests.
//
// The speed-max barrier (why sim fills equal backtest fills): at every minute boundary T the replay first
// publishes the bars of minute T−1, then awaits `beforeNextMinute`, and only then feeds minute T to the
// matching core. In a backtest the engine decides on bar T−1 before bar T is matched; over sockets the
// decision travels as WebSocket frames out and REST requests back. So the barrier (1) flushes the bar frames,
// (2) waits until `ws` has written every frame to its socket, and (3) waits until no REST request is in
// flight and none has started or finished for `quietMs` (wall time, default 25 ms) since the frames went
// out. An order the bot sends in reaction to bar T−1 therefore reaches the venue before bar T is matched.
// The quiet period is a heuristic: a client slower than `quietMs` to react would see its order matched a
// minute later. So a client can make it exact: once it acknowledges (POST /sim/admin/ack {time}) that it has
// processed everything up to a time, the barrier at T waits for the acknowledgement of T whenever bars went out to
// a market-data connection (sim-client-sync.ts; the bot does this). With no stream connection at all only
// in-flight requests are awaited. And when bar T's matching filled orders, the trade updates go out and the
// exchange waits for a quiet period again before it publishes bar T, so the client learns of its fills before it
// sees the next bar (as the backtest delivers them). At a numeric speed there is no barrier: real time passes
// between minutes, as with Alpaca.
// Must never: import the bot (core, ports, adapters, config, runtime, app).
import type { MarketEvent } from './contracts.js';
import { MarketData, MarketReplay, VirtualClock, type BarSource, type ClockSpeed, type ReplayEnd } from './market/index.js';
import { DEFAULT_SIM_CREDENTIALS } from './server/credentials.js';
import { ExchangeServer, type ExchangeServerOptions } from './server/exchange-server.js';
import { FaultInjector } from './server/faults/fault-injector.js';
import { buildSource, EventBatcher, marketEndpoints, type SimMarketSpec } from './sim-market-wiring.js';
import { simAdmin } from './sim-admin.js';
import { resolveStart, type StartInput } from './sim-start-time.js';
import { SimExchange, type SimAssetInput } from './trading-venue.js';
import { ClientSync } from './sim-client-sync.js';

/** Longest wait for a synchronising client's acknowledgement before the market moves on anyway (wall ms). */
const ACK_WAIT_MS = 5_000;

export type { SimMarketSpec } from './sim-market-wiring.js';

/** Options of {@link startSimExchange}; every field has a default. */
export interface SimExchangeOptions {
  /** Default 127.0.0.1 (never expose the sim on other interfaces unless you mean to). */
  readonly host?: string;
  /** 0 = ephemeral. Default 5100. */
  readonly port?: number;
  /** Virtual-time speed: a multiple of real time, or 'max'. Default 1. */
  readonly speed?: ClockSpeed;
  /** Default `{kind:'synthetic', seed: 42}`. */
  readonly market?: SimMarketSpec;
  /** Symbols to replay. Default AAPL, MSFT, SPY for synthetic; all of the data otherwise. */
  readonly symbols?: readonly string[];
  /** See sim-start-time.ts for the default. */
  readonly start?: StartInput;
  /** Default SIMKEY / SIMSECRET. */
  readonly key?: string;
  readonly secret?: string;
  /** Fault specs armed at start (validated; see server/faults/fault-spec.ts). */
  readonly faults?: unknown;
  /** REST requests per minute per key; 0 = off. Default 200. */
  readonly rateLimitPerMinute?: number;
  /** Barrier quiet period at speed max, wall ms. Default 25. */
  readonly quietMs?: number;
  /** Starting cash of the account. Default '100000'. */
  readonly startingCash?: string;
  /** Start the replay right away (default true); false leaves stepping to the caller (`market.replay.step()`). */
  readonly run?: boolean;
  /** Stream options (connection limit, auth timeout, feeds). */
  readonly streams?: ExchangeServerOptions['streams'];
  /** One line per fault firing and per replay error. Default: stderr. */
  readonly log?: (line: string) => void;
  /** Wall clock for the default start (tests). Default Date.now(). */
  readonly today?: number;
}

/** A running simulated exchange. */
export interface SimExchangeHandle {
  /** Base URL of everything (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Trading REST base (same host). */
  readonly tradingUrl: string;
  /** Market Data REST base (same host). */
  readonly dataUrl: string;
  /** Market-data WebSocket for the iex feed (`/v2/sip` works too). */
  readonly dataStreamUrl: string;
  /** trade_updates WebSocket. */
  readonly tradingStreamUrl: string;
  readonly key: string;
  readonly secret: string;
  readonly venue: SimExchange;
  readonly market: { readonly source: BarSource; readonly data: MarketData; readonly replay: MarketReplay; readonly symbols: readonly string[] };
  readonly clock: VirtualClock;
  readonly server: ExchangeServer;
  readonly faults: FaultInjector;
  /** Settles when the replay ends (stopped, end of data, end of calendar). */
  readonly done: Promise<ReplayEnd | 'not-run'>;
  /** An in-process client's acknowledgement (see POST /sim/admin/ack): it has processed everything up to `t`. */
  ack(t: number): void;
  /** Stops the replay and the server. Idempotent. */
  close(): Promise<void>;
}

/** Builds and starts the exchange. @throws RangeError/BarCsvError/FaultSpecError on bad options; the listen error when the port is taken */
export async function startSimExchange(options: SimExchangeOptions = {}): Promise<SimExchangeHandle> {
  const log = options.log ?? ((line: string) => { process.stderr.write(`${line}\n`); });
  const source = buildSource(options.market ?? { kind: 'synthetic', seed: 42 }, options.symbols);
  const symbols = options.symbols ?? source.symbols();
  const clock = new VirtualClock({ start: resolveStart(options.start, source, options.today ?? Date.now()), speed: options.speed ?? 1 });
  const now = (): number => clock.now();
  const data = new MarketData({ source, now, symbols });
  const venue = new SimExchange({
    now, assets: venueAssets(data, symbols), ...(options.startingCash === undefined ? {} : { startingCash: options.startingCash }),
    referencePrice: (symbol) => source.lastBarAtOrBefore(symbol, now())?.c,
  });
  const faults = new FaultInjector({ log, rejectNext: (n) => { venue.rejectNext(n, 'rejected by fault injection'); } });
  if (options.faults !== undefined) faults.add(options.faults);
  const credentials = { key: options.key ?? DEFAULT_SIM_CREDENTIALS.key, secret: options.secret ?? DEFAULT_SIM_CREDENTIALS.secret };
  let publish: (events: readonly MarketEvent[]) => void = () => undefined;
  const batcher = new EventBatcher((events) => { publish(events); });
  const sync = new ClientSync();
  const replay = new MarketReplay({
    source, clock, symbols,
    beforeNextMinute: async (t) => { batcher.flush(); await barrier(t); },
    onTime: (t) => { venue.processTime(t); },
    onMinuteStart: async (bars) => {
      const fills = venue.allFills().length;
      for (const bar of bars) venue.processBar(bar);
      if (venue.allFills().length > fills) await afterFills();
    },
  });
  const server = await ExchangeServer.start({
    host: options.host ?? '127.0.0.1', port: options.port ?? 5100, credentials, venue, data: marketEndpoints(data), faults,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 200, virtualNow: now, ...(options.streams ? { streams: options.streams } : {}),
    admin: simAdmin({ clock, source, symbols, venue, sync, options: options.market ?? { kind: 'synthetic', seed: 42 }, connections: () => server.streams.connections() }),
  });
  const hub = server.streams;
  let barsOut = false;
  publish = (events) => { if (hub.publishMarket(events) > 0) barsOut = true; };
  const unsubscribe = replay.onEvent((event) => { batcher.add(event); });
  const quietMs = options.quietMs ?? 25;
  const barrier = async (t: number): Promise<void> => {
    const sent = barsOut;
    barsOut = false;
    if (clock.speed !== 'max') return;
    const { marketData, trading } = hub.connections();
    if (marketData === 0) sync.reset();
    if (sent && sync.active) {
      const acked = await sync.waitFor(t, ACK_WAIT_MS);
      if (acked) return server.tracker.waitQuiet(0);
      log(`[sim] no acknowledgement of ${new Date(t).toISOString()} from the synchronising client within ${ACK_WAIT_MS} ms: the market moves on`);
    }
    await server.tracker.waitQuiet(marketData + trading === 0 ? 0 : quietMs);
  };
  const afterFills = async (): Promise<void> => {
    if (clock.speed === 'max' && hub.connections().trading > 0) await server.tracker.waitQuiet(quietMs);
  };
  const done = options.run === false ? Promise.resolve('not-run' as const) : replay.run().catch((error: unknown) => {
    log(`[sim] market replay stopped on an error: ${error instanceof Error ? error.message : String(error)}`);
    return 'stopped' as const;
  });
  let closing: Promise<void> | undefined;
  const url = server.url;
  return {
    url, tradingUrl: url, dataUrl: url, dataStreamUrl: `${url.replace(/^http/, 'ws')}/v2/iex`, tradingStreamUrl: `${url.replace(/^http/, 'ws')}/stream`,
    key: credentials.key, secret: credentials.secret, venue, market: { source, data, replay, symbols }, clock, server, faults, done,
    ack: (t) => { sync.ack(t); },
    close: () => (closing ??= (async () => {
      replay.stop();
      await done;
      unsubscribe();
      await server.close();
    })()),
  };
}

/** The venue lists the market's assets (same ids and exchanges as `/v2/assets`), so orders and positions agree with it. */
function venueAssets(data: MarketData, symbols: readonly string[]): SimAssetInput[] {
  return symbols.map((symbol) => {
    const asset = data.asset(symbol);
    return asset.ok
      ? { symbol, id: asset.value.id, exchange: asset.value.exchange, tradable: asset.value.tradable, shortable: asset.value.shortable, fractionable: asset.value.fractionable, marginable: asset.value.marginable }
      : { symbol };
  });
}
