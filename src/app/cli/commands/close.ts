// `alpaca-bot close SYMBOL|--all --yes [--json]`: closes a position (or every position) AT THE BROKER the
// configuration points at — Alpaca paper/live, or a standalone `alpaca-bot sim` reached through
// ALPACA_API_BASE_URL — through the Alpaca execution adapter (SPEC §7, §14). For each symbol it first cancels the
// open orders (a protective stop holds the shares, and a working entry would re-open the position), confirms each
// cancel by status, then sends the broker's liquidating market order. A running bot learns of it through its
// trade-update stream and reconciliation. `--yes` is always required: a market order cannot be taken back.
// Must never: send the close while an order that holds the shares is still open, touch a live account without
// the live gates (S1), or print a secret.
import { CloseAmbiguousError, createAlpacaExecutionClient, ExecutionConfigError } from '../../../adapters/alpaca/execution/index.js';
import { MemoryLogger } from '../../../adapters/logging/memory-logger.js';
import { ConfigError, loadConfig, scrubSecrets, type LoadedConfig } from '../../../config/index.js';
import { parseTicker } from '../../../domain/ids.js';
import type { ExecutionClient, OrderReport } from '../../../ports/execution-client.js';
import { auditLog, knownSecrets } from '../audit-log.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';

interface CloseOptions {
  readonly all?: boolean;
  readonly json?: boolean;
  readonly yes?: boolean;
}

/** What happened for one symbol. */
interface SymbolResult {
  symbol: string;
  readonly cancelled: { readonly id: string; readonly clientOrderId: string; readonly type: string; readonly side: string; readonly status: string }[];
  closeOrder?: { readonly id: string; readonly clientOrderId: string; readonly side: string; readonly qty: string; readonly status: string };
  heldQty: string | null;
  error?: string;
}

const TERMINAL = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day', 'stopped']);
const CONFIRM_TRIES = 20;
const CONFIRM_WAIT_MS = 250;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Usage problems (exit 2) before anything is loaded or sent. */
function usageProblem(symbol: string | undefined, options: CloseOptions): string | undefined {
  if (symbol !== undefined && options.all === true) return 'give either SYMBOL or --all, not both';
  if (symbol === undefined && options.all !== true) return 'missing SYMBOL (or --all to close every position)';
  if (symbol !== undefined) {
    try {
      parseTicker(symbol.trim().toUpperCase());
    } catch (error) {
      return message(error);
    }
  }
  if (options.yes !== true) return 'closing sends a market order that cannot be taken back: re-run with --yes to confirm';
  return undefined;
}

/** The configuration, with the live gates checked when it points at a live account. Undefined after an error. */
function load(ctx: CliContext): LoadedConfig | undefined {
  try {
    const loaded = loadConfig({ env: ctx.env, cwd: ctx.cwd });
    return loaded.values.alpaca.paper ? loaded : loadConfig({ env: ctx.env, cwd: ctx.cwd, argvMode: 'live' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr(`alpaca-bot close: the configuration has ${String(error.issues.length)} problem(s); nothing was sent:\n${error.issues.map((i) => `  - ${i.message}`).join('\n')}\n`);
    return undefined;
  }
}

function connectClient(ctx: CliContext, loaded: LoadedConfig): ExecutionClient | undefined {
  const clock = { now: () => Date.now(), sleep };
  try {
    return createAlpacaExecutionClient({ config: loaded.values, clock, logger: new MemoryLogger({ level: 'fatal' }) });
  } catch (error) {
    if (!(error instanceof ExecutionConfigError)) throw error;
    ctx.stderr(
      `alpaca-bot close: ${error.message}\n` +
      '  close talks to the broker the configuration points at: set ALPACA_API_KEY and ALPACA_SECRET_KEY (Alpaca paper or live),\n' +
      '  or, for a standalone `alpaca-bot sim`, also ALPACA_API_BASE_URL=<the sim URL> with the sim\'s key and secret.\n' +
      '  A bot in sim mode with its exchange embedded has no endpoint to reach: stop it (its shutdown can flatten with shutdown.flatten).\n',
    );
    return undefined;
  }
}

/** Waits until the broker reports the order terminal; returns its last status. */
async function confirmTerminal(client: ExecutionClient, order: OrderReport): Promise<string> {
  let status: string = order.status;
  for (let i = 0; i < CONFIRM_TRIES && !TERMINAL.has(status); i++) {
    await sleep(CONFIRM_WAIT_MS);
    status = (await client.getByClientOrderId(order.clientOrderId))?.status ?? status;
  }
  return status;
}

/** Cancels one symbol's open orders, confirms each, then liquidates the position if there is one. */
async function closeSymbol(client: ExecutionClient, result: SymbolResult, open: readonly OrderReport[]): Promise<void> {
  for (const order of open) {
    await client.cancel(order.brokerOrderId);
    const status = await confirmTerminal(client, order);
    result.cancelled.push({ id: order.brokerOrderId, clientOrderId: order.clientOrderId, type: order.type, side: order.side, status });
    if (status === 'filled') throw new Error(`order ${order.clientOrderId} (${order.type} ${order.side}) filled before its cancel: positions changed, check them and run close again`);
    if (!TERMINAL.has(status)) throw new Error(`order ${order.clientOrderId} (${order.type} ${order.side}) is still ${status} after the cancel: not closing while it holds the shares`);
  }
  if (result.heldQty === null) return;
  const order = await client.closePosition(result.symbol);
  if (order === undefined) {
    result.heldQty = null;
    return;
  }
  result.closeOrder = { id: order.brokerOrderId, clientOrderId: order.clientOrderId, side: order.side, qty: order.qty.toString(), status: order.status };
}

/** Plans the work per symbol from the broker's positions and open orders. */
async function plan(client: ExecutionClient, symbol: string | undefined): Promise<{ results: SymbolResult[]; orders: Map<string, OrderReport[]> }> {
  const positions = await client.getPositions();
  const open = await client.listOrders({ status: 'open', nested: true, limit: 500, ...(symbol === undefined ? {} : { symbols: [symbol] }) });
  const orders = new Map<string, OrderReport[]>();
  for (const order of open) {
    if (symbol !== undefined && order.symbol !== symbol) continue;
    orders.set(order.symbol, [...(orders.get(order.symbol) ?? []), order]);
  }
  const symbols = new Set(symbol === undefined ? [...positions.map((p) => p.symbol), ...orders.keys()] : [symbol]);
  const results = [...symbols].sort().map((s): SymbolResult => {
    const held = positions.find((p) => p.symbol === s);
    return { symbol: s, cancelled: [], heldQty: held === undefined || held.qty.isZero() ? null : held.qty.toString() };
  });
  return { results, orders };
}

function describe(result: SymbolResult): string {
  const lines = result.cancelled.map((c) => `  cancelled ${c.type} ${c.side} order ${c.clientOrderId} (${c.status})`);
  if (result.closeOrder) lines.push(`  closing ${result.heldQty ?? '?'} shares: ${result.closeOrder.side} ${result.closeOrder.qty} at market, order ${result.closeOrder.id} (${result.closeOrder.status})`);
  else if (result.error === undefined) lines.push('  no position at the broker: nothing to close');
  if (result.error !== undefined) lines.push(`  FAILED: ${result.error}`);
  return `${result.symbol}:\n${lines.join('\n')}`;
}

async function run(ctx: CliContext, symbolArg: string | undefined, options: CloseOptions): Promise<number> {
  const problem = usageProblem(symbolArg, options);
  if (problem !== undefined) {
    ctx.stderr(`alpaca-bot close: ${problem}\n`);
    return EXIT.USAGE;
  }
  const loaded = load(ctx);
  const client = loaded === undefined ? undefined : connectClient(ctx, loaded);
  if (client === undefined) return EXIT.FAILURE;
  const symbol = symbolArg?.trim().toUpperCase();
  const secrets = knownSecrets(ctx);
  let planned;
  try {
    planned = await plan(client, symbol);
  } catch (error) {
    ctx.stderr(`alpaca-bot close: could not read positions and orders from the broker: ${scrubSecrets(message(error), secrets)}\n`);
    return EXIT.FAILURE;
  }
  for (const result of planned.results) {
    try {
      await closeSymbol(client, result, planned.orders.get(result.symbol) ?? []);
    } catch (error) {
      const ambiguous = error instanceof CloseAmbiguousError ? ' (check the positions before trying again)' : '';
      result.error = `${scrubSecrets(message(error), secrets)}${ambiguous}`;
    }
  }
  const failed = planned.results.some((r) => r.error !== undefined);
  await auditLog(ctx, 'close', failed ? 'close from the CLI finished with errors' : 'positions closed from the CLI', {
    target: symbol ?? 'all', results: planned.results.map((r) => ({ symbol: r.symbol, held: r.heldQty, cancelled: r.cancelled.length, close_order: r.closeOrder?.id ?? null, error: r.error ?? null })),
  });
  if (options.json === true) ctx.stdout(`${JSON.stringify({ target: symbol ?? 'all', results: planned.results, ok: !failed })}\n`);
  else if (planned.results.length === 0) ctx.stdout('no positions and no open orders at the broker: nothing to close\n');
  else ctx.stdout(`${planned.results.map(describe).join('\n')}\n${failed ? '' : 'done: the running bot (if any) learns of it through its trade updates and reconciliation\n'}`);
  return failed ? EXIT.FAILURE : EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('close')
    .description('close a position (or all) at the broker: cancel its open orders (stops included), then sell/cover at market')
    .argument('[symbol]', 'the symbol to close, e.g. AAPL')
    .option('--all', 'close every position (and cancel every open order)')
    .option('--yes', 'confirm: required, the market order cannot be taken back')
    .option('--json', 'machine-readable output')
    .action(async (symbol: string | undefined, options: CloseOptions) => {
      ctx.exitCode = await run(ctx, symbol, options);
    });
};
