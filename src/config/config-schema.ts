// The one zod schema of the whole configuration (SPEC §3), with every bound. Each leaf carries its env name,
// default, bounds and explanation (see field-registry.ts). Must never accept a value outside the bounds of
// SPEC §3, and must never accept an unknown key (a typo that loosens risk must not pass silently).
import { z } from 'zod';
import { coerceBoolean, coerceText } from './coerce.js';
import {
  booleanField, decimalField, enumField, fieldRegistry, integerField, positiveField, secretField, symbolList,
  symbolsField, textField, urlField,
} from './field-registry.js';

/** Candle timeframes a strategy may run on. */
export const TIMEFRAMES = ['1Min', '2Min', '5Min', '10Min', '15Min', '30Min', '1Hour', '1Day'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
/** Log levels (pino's). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** How an approved intent is turned into a quantity (SPEC §6). */
export const SIZING_MODES = ['pct_equity', 'risk', 'fixed'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

const pct = (env: string, def: number, min: number, max: number, doc: string) => decimalField({ env, default: def, min, max, doc, editable: true });

const alpaca = z.strictObject({
  api_key: secretField({ env: 'ALPACA_API_KEY', aliases: ['APCA_API_KEY_ID'], doc: 'Alpaca API key id (paper keys start with PK). Empty: no account, the simulator is used.' }),
  secret_key: secretField({ env: 'ALPACA_SECRET_KEY', aliases: ['APCA_API_SECRET_KEY'], doc: 'Alpaca API secret key.' }),
  paper: booleanField({ env: 'ALPACA_PAPER', default: true, doc: 'Use the paper account. Live trading needs ALPACA_PAPER=false, ALLOW_LIVE_TRADING=true and --mode live.' }),
  api_base_url: urlField({ env: 'ALPACA_API_BASE_URL', schemes: ['https:', 'http:'], doc: 'Trading API endpoint override (a warning is logged when it is not Alpaca\'s).' }),
  data_base_url: urlField({ env: 'ALPACA_DATA_BASE_URL', schemes: ['https:', 'http:'], doc: 'Market data REST endpoint override.' }),
  data_stream_url: urlField({ env: 'ALPACA_DATA_STREAM_URL', schemes: ['wss:', 'ws:'], doc: 'Market data WebSocket endpoint override.' }),
  trading_stream_url: urlField({ env: 'ALPACA_TRADING_STREAM_URL', schemes: ['wss:', 'ws:'], doc: 'Trade updates WebSocket endpoint override.' }),
});

const safety = z.strictObject({
  allow_live_trading: booleanField({ env: 'ALLOW_LIVE_TRADING', default: false, doc: 'Second live-trading gate; also needs ALPACA_PAPER=false and --mode live.' }),
  kill_switch: booleanField({ env: 'KILL_SWITCH', default: false, doc: 'Refuse every new order (so does the file DATA_DIR/.kill_switch).' }),
  circuit_breaker_reset: booleanField({ env: 'CIRCUIT_BREAKER_RESET', default: false, yaml: false, doc: 'Clear a tripped failure breaker at startup (one-shot; environment only).' }),
  dry_run: booleanField({ env: 'DRY_RUN', default: false, doc: 'Run signals, risk and sizing and record them, but send no order.' }),
  allow_extended_hours: booleanField({ env: 'ALLOW_EXTENDED_HOURS', default: false, doc: 'Allow orders outside 09:30–16:00 America/New_York.' }),
});

const data = z.strictObject({
  bar_timeframe: enumField({ env: 'BAR_TIMEFRAME', values: TIMEFRAMES, default: '1Min', doc: 'Default candle timeframe for strategies that do not set their own.' }),
  feed: enumField({ env: 'STREAM_FEED', values: ['iex', 'sip'], default: 'iex', doc: 'Alpaca market data feed (sip needs a paid data plan).' }),
  provider: enumField({ env: 'DATA_PROVIDER', values: ['stream', 'polling'], default: 'stream', doc: 'How live bars arrive: WebSocket stream, or HTTP polling when stream connections are limited.' }),
});

const risk = z.strictObject({
  max_position_pct: pct('MAX_POSITION_PCT', 0.05, 0.01, 0.25, 'Largest position as a fraction of equity.'),
  max_risk_per_trade_pct: pct('MAX_RISK_PER_TRADE_PCT', 0.01, 0.001, 0.05, 'Largest loss at the stop per trade, as a fraction of equity (risk sizing).'),
  max_risk_per_trade_abs: decimalField({ env: 'MAX_RISK_PER_TRADE_ABS', default: 500, min: 10, max: 5000, editable: true, doc: 'Largest loss at the stop per trade, in dollars (risk sizing).' }),
  max_daily_loss_pct: pct('MAX_DAILY_LOSS_PCT', 0.02, 0.005, 0.1, 'No new entries today once P&L reaches minus this fraction of start-of-day equity.'),
  max_trades_per_day: integerField({ env: 'MAX_TRADES_PER_DAY', default: 20, min: 1, max: 500, editable: true, doc: 'Most entries per trading day.' }),
  max_open_positions: integerField({ env: 'MAX_OPEN_POSITIONS', default: 5, min: 1, max: 50, editable: true, doc: 'Most positions open at once.' }),
  max_drawdown_pct: pct('MAX_DRAWDOWN_PCT', 0.1, 0.02, 0.5, 'Halt new entries when equity falls this fraction below its peak.'),
  min_equity_buffer_pct: pct('MIN_EQUITY_BUFFER_PCT', 0.05, 0, 0.5, 'Fraction of equity always kept uninvested.'),
  notional_max: positiveField({ env: 'NOTIONAL_MAX', default: 25000, editable: true, doc: 'Largest order value in dollars.' }),
  consecutive_loss_pause: integerField({ env: 'CONSECUTIVE_LOSS_PAUSE', default: 3, min: 2, max: 10, editable: true, doc: 'Losing round trips in a row that pause entries until the next trading day.' }),
  stop_loss_pct: pct('STOP_LOSS_PCT', 0.015, 0.001, 0.2, 'Default stop distance below entry when the strategy gives none.'),
  take_profit_pct: pct('TAKE_PROFIT_PCT', 0.02, 0.001, 0.2, 'Default take-profit distance above entry.'),
  trailing_stop_activation_pct: pct('TRAILING_STOP_ACTIVATION_PCT', 0.02, 0.001, 0.2, 'Profit at which the trailing stop starts to follow.'),
  sizing_mode: enumField({ env: 'SIZING_MODE', values: SIZING_MODES, default: 'pct_equity', editable: true, doc: 'pct_equity: equity x max_position_pct; risk: loss at stop; fixed: fixed_qty shares.' }),
  fixed_qty: integerField({ env: 'FIXED_QTY', default: 1, min: 1, max: 10000, editable: true, doc: 'Shares per entry when sizing_mode is fixed (still capped by the limits above).' }),
});

const STRATEGY_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** One strategy entry of the `strategies` list. `params` are checked by the strategy's own schema. */
export const StrategyEntrySchema = z.strictObject({
  name: z.string().regex(STRATEGY_NAME),
  enabled: z.preprocess(coerceBoolean, z.boolean()).default(true),
  symbols: z.preprocess(coerceText, symbolList()).optional(),
  timeframe: z.preprocess(coerceText, z.enum(TIMEFRAMES)).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
});

/** Built-in strategies: sma_crossover on, the others present and off (their params default in the strategy). */
export const DEFAULT_STRATEGIES = [
  { name: 'sma_crossover', enabled: true, params: { fast: 10, slow: 30 } },
  { name: 'mtf_sma', enabled: false, params: {} },
  { name: 'velez', enabled: false, params: {} },
  { name: 'momentum_breakout', enabled: false, params: {} },
  { name: 'rsi_mean_reversion', enabled: false, params: {} },
] as const;

/** Environment names of SPEC §3 that set a built-in strategy's parameter. */
export const STRATEGY_ENV_PARAMS = [
  { env: 'SMA_FAST', strategy: 'sma_crossover', param: 'fast', min: 1, max: 1000, doc: 'sma_crossover fast SMA length (default 10)' },
  { env: 'SMA_SLOW', strategy: 'sma_crossover', param: 'slow', min: 1, max: 1000, doc: 'sma_crossover slow SMA length (default 30)' },
] as const;

/** What each strategy-entry field accepts, for messages. */
export const STRATEGY_ENTRY_ALLOWED: Readonly<Record<string, string>> = {
  name: `a unique name matching ${STRATEGY_NAME.source}`,
  enabled: 'true, false',
  symbols: 'one or more tickers matching ^[A-Z]{1,5}([.][A-Z])?$ (omit for the whole watchlist)',
  timeframe: TIMEFRAMES.join(', '),
  params: 'a mapping of parameter names to values',
};

const strategies = z
  .array(StrategyEntrySchema)
  .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'names a strategy more than once')
  .default(DEFAULT_STRATEGIES.map((s) => ({ ...s, params: { ...s.params } })))
  .register(fieldRegistry, {
    kind: 'strategies', default: DEFAULT_STRATEGIES, allowed: 'a list of { name, enabled, symbols?, timeframe?, params }',
    doc: 'Strategies to run; enabled flags are editable at run time. A list here replaces the whole default list.',
  });

const log = z.strictObject({
  level: enumField({ env: 'LOG_LEVEL', values: LOG_LEVELS, default: 'info', editable: true, doc: 'Lowest level written to the console and the log files.' }),
});

const PATH = /^[^\0]+$/;
const paths = z.strictObject({
  data_dir: textField({ env: 'DATA_DIR', kind: 'path', default: './data', pattern: PATH, allowed: 'a directory path', doc: 'Holds alpaca-bot.db and .kill_switch (relative paths resolve against the working directory).' }),
  log_dir: textField({ env: 'LOG_DIR', kind: 'path', default: './logs', pattern: PATH, allowed: 'a directory path', doc: 'JSON log files, rotated daily, kept 30 days.' }),
  config_path: textField({ env: 'CONFIG_PATH', kind: 'path', yaml: false, default: 'config.yaml', pattern: PATH, allowed: 'a file path', doc: 'Where config.yaml is read from (environment or .env only).' }),
});

const shutdown = z.strictObject({
  flatten: booleanField({ env: 'SHUTDOWN_FLATTEN', default: false, doc: 'Close all positions on shutdown (default: keep them with their broker-side stops).' }),
});

const HOST = /^[A-Za-z0-9.:_[\]-]+$/;
const web = z.strictObject({
  host: textField({ env: 'WEB_HOST', default: '127.0.0.1', pattern: HOST, allowed: 'a hostname or IP address', doc: 'Dashboard address; 127.0.0.1 keeps it on this machine.' }),
  port: integerField({ env: 'WEB_PORT', default: 8000, min: 0, max: 65535, doc: 'Dashboard port (0 picks a free port).' }),
  dashboard_token: secretField({ env: 'DASHBOARD_TOKEN', minLength: 16, doc: 'Token required for changes made from the dashboard.' }),
});

const sim = z.strictObject({
  port: integerField({ env: 'SIM_PORT', default: 5100, min: 0, max: 65535, doc: 'Port of the embedded Alpaca-compatible simulator (0 picks a free port).' }),
  speed: decimalField({ env: 'SIM_SPEED', default: 60, min: 0, max: 100000, doc: 'Replay speed of the market in `run --mode sim`, as a multiple of real time (60: a trading minute per second); 0 runs as fast as possible.' }),
  seed: integerField({ env: 'SIM_SEED', default: 42, min: 0, max: 2147483647, doc: 'Seed of the synthetic market (same seed, same market).' }),
});

/** The whole configuration. Parsing `{}` yields every default. */
export const ConfigSchema = z.strictObject({
  alpaca: alpaca.prefault({}),
  safety: safety.prefault({}),
  watchlist: symbolsField({ env: 'SYMBOLS', default: ['AAPL', 'MSFT'], editable: true, doc: 'Symbols to trade (comma-separated in the environment).' }),
  data: data.prefault({}),
  risk: risk.prefault({}),
  strategies,
  log: log.prefault({}),
  paths: paths.prefault({}),
  shutdown: shutdown.prefault({}),
  web: web.prefault({}),
  sim: sim.prefault({}),
});

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The validated configuration (deeply readonly; the loaded object is also frozen). */
export type Config = DeepReadonly<z.output<typeof ConfigSchema>>;
/** One entry of `Config['strategies']`. */
export type StrategyConfig = Config['strategies'][number];
