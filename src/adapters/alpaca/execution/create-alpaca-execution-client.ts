// The factory of the Alpaca execution client: resolves settings (loaded config or explicit), builds the SDK's
// trading clients (explicit basePath, SDK retries off) and the trade-update stream, with SPEC §7's timings.
// Must never: log the key or the secret (only the endpoints are logged).
import type { trading } from '@alpacahq/alpaca-trade-api';
import type { Clock } from '../../../ports/clock.js';
import type { ExecutionClient } from '../../../ports/execution-client.js';
import type { Logger } from '../../../ports/logger.js';
import { AlpacaExecutionClient } from './alpaca-execution-client.js';
import { resolveExecutionSettings, type AlpacaConfigValues, type AlpacaExecutionSettings } from './execution-settings.js';
import { TradeUpdateStream, type ReconnectPolicy } from './trade-update-stream.js';
import { SdkTradingRest } from './trading-rest.js';

/** Timings; every field has a default. */
export interface ExecutionTuning {
  /** Deadline of one REST attempt, body included. Default 15 000 ms. */
  readonly requestTimeoutMs: number;
  /** Wait between retries (SPEC §7: 1 s). Default 1000 ms. */
  readonly retryDelayMs: number;
  /** Cap on a 429's Retry-After. Default 60 000 ms. */
  readonly maxRetryAfterMs: number;
  /** Trade-stream reconnect backoff. Default 1 s doubling to 60 s, ±20 % jitter. */
  readonly reconnect: ReconnectPolicy;
  /** Wall-time limit for one stream connection to reach `listening`. Default 15 000 ms. */
  readonly connectTimeoutMs: number;
  /** Stream keepalive (SDK defaults: ping every 10 s, 5 s for the pong). */
  readonly pingIntervalMs?: number;
  readonly pongWaitMs?: number;
  /** Jitter source. Default Math.random. */
  readonly random?: () => number;
  /** Test hook: replaces global fetch for REST. */
  readonly fetchApi?: trading.FetchAPI;
}

export const DEFAULT_EXECUTION_TUNING: ExecutionTuning = {
  requestTimeoutMs: 15_000,
  retryDelayMs: 1_000,
  maxRetryAfterMs: 60_000,
  reconnect: { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 },
  connectTimeoutMs: 15_000,
};

export interface CreateAlpacaExecutionClientOptions {
  /** `loadConfig(...).values` (or any object with its `alpaca` keys), or explicit settings. */
  readonly config: AlpacaConfigValues | AlpacaExecutionSettings;
  /** Retry and backoff sleeps (a wall clock: these are network waits). */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tuning?: Partial<ExecutionTuning>;
}

/**
 * Builds an ExecutionClient for Alpaca (paper/live) or the embedded exchange (explicit URLs). Nothing connects
 * until the first call; call `connect()` for trade updates.
 * @throws ExecutionConfigError naming the missing key or the malformed URL
 */
export function createAlpacaExecutionClient(options: CreateAlpacaExecutionClientOptions): ExecutionClient {
  const settings = resolveExecutionSettings(options.config);
  const tuning = { ...DEFAULT_EXECUTION_TUNING, ...options.tuning };
  const logger = options.logger.child({ component: 'alpaca-execution' });
  logger.info('Alpaca execution client', { trading_url: settings.tradingBaseUrl, stream_url: settings.tradingStreamUrl, paper: settings.paper });
  const rest = new SdkTradingRest({
    baseUrl: settings.tradingBaseUrl, keyId: settings.keyId, secret: settings.secret, timeoutMs: tuning.requestTimeoutMs,
    ...(tuning.fetchApi ? { fetchApi: tuning.fetchApi } : {}),
  });
  const stream = new TradeUpdateStream({
    url: settings.tradingStreamUrl, keyId: settings.keyId, secret: settings.secret, clock: options.clock, logger,
    reconnect: tuning.reconnect, connectTimeoutMs: tuning.connectTimeoutMs,
    ...(tuning.random ? { random: tuning.random } : {}),
    ...(tuning.pingIntervalMs === undefined ? {} : { pingIntervalMs: tuning.pingIntervalMs }),
    ...(tuning.pongWaitMs === undefined ? {} : { pongWaitMs: tuning.pongWaitMs }),
  });
  return new AlpacaExecutionClient({
    rest, stream, clock: options.clock, logger,
    timing: { retryDelayMs: tuning.retryDelayMs, maxRetryAfterMs: tuning.maxRetryAfterMs },
  });
}
