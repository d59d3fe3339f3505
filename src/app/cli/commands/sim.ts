// `alpaca-bot sim`: runs the embedded Alpaca-compatible exchange in the foreground and prints how to point a
// client at it. Every flag is validated up front (exit 2 naming the flag and what is allowed); SIGINT/SIGTERM
// shut it down cleanly (exit 0). Must never: print a secret the user supplied, or hide that a market is synthetic.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SIM_CREDENTIALS } from '../../../exchange/server/credentials.js';
import { FaultSpecError, parseFaultFile, type FaultSpec } from '../../../exchange/server/faults/fault-spec.js';
import { startSimExchange, type SimExchangeHandle, type SimExchangeOptions } from '../../../exchange/sim-exchange-app.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface RawSimFlags {
  readonly port: string;
  readonly speed: string;
  readonly synthetic?: string;
  readonly data?: string;
  readonly symbols?: string;
  readonly start?: string;
  readonly key?: string;
  readonly secret?: string;
  readonly faults?: string;
  readonly tz?: string;
  readonly rateLimit: string;
}

/** A usage error: printed as is, exit 2. */
class FlagError extends Error {}

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,19}$/;

/** Validates the flags into exchange options. @throws FlagError naming the flag, the value and what is allowed */
export function parseSimFlags(flags: RawSimFlags, cwd: string): SimExchangeOptions {
  const port = intFlag('--port', flags.port, 0, 65_535);
  const speed = flags.speed === 'max' ? 'max' as const : numberFlag('--speed', flags.speed);
  if (flags.synthetic !== undefined && flags.data !== undefined) throw new FlagError('--synthetic and --data are mutually exclusive: replay a seeded synthetic market OR a CSV file');
  if ((flags.key === undefined) !== (flags.secret === undefined)) throw new FlagError('--key and --secret go together: give both or neither (defaults: SIMKEY / SIMSECRET)');
  if (flags.key !== undefined && !/^\S{1,128}$/.test(flags.key)) throw new FlagError('--key: must be 1-128 characters without spaces');
  if (flags.secret !== undefined && !/^\S{1,256}$/.test(flags.secret)) throw new FlagError('--secret: must be 1-256 characters without spaces');
  const symbols = flags.symbols === undefined ? undefined : symbolList(flags.symbols);
  const faultSpecs = flags.faults === undefined ? [] : faultFile(resolve(cwd, flags.faults));
  const market = flags.data !== undefined
    ? { kind: 'csv' as const, file: resolve(cwd, flags.data), ...(flags.tz === undefined ? {} : { tz: flags.tz }) }
    : { kind: 'synthetic' as const, seed: seedFlag(flags.synthetic ?? '42') };
  if (flags.start !== undefined && !/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(flags.start)) {
    throw new FlagError(`--start: must be a date YYYY-MM-DD (that session's 09:30 ET open) or an ISO-8601 time, got ${JSON.stringify(flags.start)}`);
  }
  return {
    port, speed, market, faults: faultSpecs, rateLimitPerMinute: intFlag('--rate-limit', flags.rateLimit, 0, 1_000_000),
    ...(symbols ? { symbols } : {}), ...(flags.start ? { start: flags.start } : {}),
    ...(flags.key !== undefined && flags.secret !== undefined ? { key: flags.key, secret: flags.secret } : {}),
  };
}

function intFlag(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new FlagError(`${name}: must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

function numberFlag(name: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || value > 100_000) throw new FlagError(`${name}: must be a number in (0, 100000] (times real time) or "max", got ${JSON.stringify(raw)}`);
  return value;
}

function seedFlag(raw: string): number | string {
  if (/^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  if (/^[\w.-]{1,64}$/.test(raw)) return raw;
  throw new FlagError(`--synthetic: the seed must be an integer or a word of 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(raw)}`);
}

function symbolList(raw: string): string[] {
  const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = list.filter((s) => !SYMBOL.test(s));
  if (list.length === 0 || bad.length > 0) throw new FlagError(`--symbols: a comma list of upper-case tickers like AAPL,MSFT; bad: ${JSON.stringify(bad.length > 0 ? bad.join(',') : raw)}`);
  if (new Set(list).size !== list.length) throw new FlagError(`--symbols: a symbol is listed twice in ${JSON.stringify(raw)}`);
  return list;
}

function faultFile(path: string): FaultSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FlagError(`--faults: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseFaultFile(text, path);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new FlagError(`--faults: ${error.message}`);
    throw error;
  }
}

/** The banner: where everything is, how to point the bot and the SDK at it, and whether the market is synthetic. */
export function simBanner(sim: SimExchangeHandle, userSecret: boolean): string {
  const secret = userSecret ? '<the --secret you gave>' : sim.secret;
  const state = sim.market.source;
  const lines = [
    `Embedded Alpaca-compatible exchange listening on ${sim.url} (trading and market data share this port)`,
    state.source === 'synthetic' ? `Market: SYNTHETIC - ${state.label}` : `Market: ${state.label}`,
    `Symbols: ${sim.market.symbols.join(', ')} | virtual start ${new Date(sim.clock.now()).toISOString()} | speed ${String(sim.clock.speed)}${sim.clock.speed === 'max' ? '' : 'x'}`,
    '',
    `  Trading REST      ${sim.tradingUrl}`,
    `  Market data REST  ${sim.dataUrl}`,
    `  Market data WS    ${sim.dataStreamUrl}   (also /v2/sip)`,
    `  Trading WS        ${sim.tradingStreamUrl}`,
    `  Admin API         ${sim.url}/sim/admin/state   (same key headers)`,
    `  Key / secret      ${sim.key} / ${secret}`,
    '',
    'Point alpaca-bot at it:',
    `  export ALPACA_API_BASE_URL=${sim.tradingUrl} ALPACA_DATA_BASE_URL=${sim.dataUrl}`,
    `  export ALPACA_DATA_STREAM_URL=${sim.dataStreamUrl} ALPACA_TRADING_STREAM_URL=${sim.tradingStreamUrl}`,
    `  export ALPACA_API_KEY=${sim.key} ALPACA_SECRET_KEY=${secret}`,
    '',
    'Or the official SDK (@alpacahq/alpaca-trade-api 4.0.2):',
    `  import { OrdersApi, streaming, trading } from '@alpacahq/alpaca-trade-api';`,
    `  const cfg = new trading.Configuration({ basePath: '${sim.tradingUrl}', keyId: '${sim.key}', secret: '${secret}' });`,
    `  console.log(await new trading.AccountsApi(cfg).getAccount());`,
    `  await new OrdersApi(cfg).market({ symbol: '${sim.market.symbols[0] ?? 'AAPL'}', side: 'buy', qty: 1 });`,
    `  const bars = new streaming.StockDataStream({ credentials: { keyId: '${sim.key}', secret: '${secret}' }, url: '${sim.dataStreamUrl}' });`,
    '',
    'Press Ctrl+C to stop.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs until `stop` resolves; returns the exit code. */
export async function runSim(ctx: CliContext, options: SimExchangeOptions, userSecret: boolean, stop: Promise<void>): Promise<number> {
  let sim: SimExchangeHandle;
  try {
    sim = await startSimExchange({ ...options, log: (line) => { ctx.stderr(`${line}\n`); } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    ctx.stderr(`alpaca-bot sim: ${inUse ? `port ${String(options.port)} is already in use; pick another with --port (0 = any free port)` : message}\n`);
    return inUse || error instanceof RangeError ? EXIT.USAGE : EXIT.FAILURE;
  }
  ctx.stdout(simBanner(sim, userSecret));
  void sim.done.then((end) => { if (end === 'end-of-data' || end === 'end-of-calendar') ctx.stderr(`[sim] market replay finished (${end}); the server keeps answering until Ctrl+C\n`); });
  await stop;
  ctx.stderr('[sim] shutting down\n');
  await sim.close();
  return EXIT.OK;
}

/** Resolves on the first SIGINT or SIGTERM. */
function signalled(): Promise<void> {
  return new Promise((resolveStop) => {
    const handler = (): void => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      resolveStop();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

export const register: RegisterCommand = (program: Command, ctx: CliContext) => {
  program
    .command('sim')
    .description('run the embedded Alpaca-compatible exchange (REST + WebSocket on 127.0.0.1) over a synthetic or recorded market')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', '5100')
    .option('--speed <speed>', 'virtual time speed: N times real time, or "max"', '1')
    .option('--synthetic <seed>', 'replay a seeded synthetic market (default seed 42)')
    .option('--data <file.csv>', 'replay 1-minute bars from a CSV file instead')
    .option('--symbols <list>', 'comma list of symbols (default AAPL,MSFT,SPY for synthetic; all for CSV)')
    .option('--start <date>', 'virtual start: YYYY-MM-DD (09:30 ET open) or ISO-8601 time (default: last session before today)')
    .option('--key <key>', `API key the sim accepts (default ${DEFAULT_SIM_CREDENTIALS.key})`)
    .option('--secret <secret>', `API secret the sim accepts (default ${DEFAULT_SIM_CREDENTIALS.secret})`)
    .option('--tz <zone>', 'time zone of naive CSV timestamps, e.g. America/New_York (ISO timestamps with an offset need none)')
    .option('--faults <file>', 'JSON/YAML file of faults to inject (see docs)')
    .option('--rate-limit <n>', 'REST requests per minute per key (0 = off)', '200')
    .action(async (flags: RawSimFlags) => {
      let options: ReturnType<typeof parseSimFlags>;
      try {
        options = parseSimFlags(flags, ctx.cwd);
      } catch (error) {
        if (!(error instanceof FlagError)) throw error;
        ctx.stderr(`alpaca-bot sim: ${error.message}\n`);
        ctx.exitCode = EXIT.USAGE;
        return;
      }
      ctx.exitCode = await runSim(ctx, options, flags.secret !== undefined, signalled());
    });
};
