// Helpers of the graceful-shutdown e2e test (SPEC §10, issue #5): the bot's config.yaml (built-in strategies trade:
// sma_crossover's market entries make positions, a loosened velez leaves buy-stop entries working for a while; a
// user strategy file that never trades makes the bot watch strategies/), and
// read-only views of the exchange (admin + trading API) and the bot's SQLite that tell entries from stops by the
// role the bot recorded. Must never: write to the exchange or the database (except pause/resume in the test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import { Decimal } from '../../src/domain/decimal.js';
import { simGet } from '../../bench/chaos/chaos-processes.js';
import { REPO_ROOT } from '../support/run-cli.js';

/** sma_crossover trades these at market (positions with broker-side stops). */
export const MARKET_SYMBOLS = ['AAPL', 'MSFT'] as const;
/** velez trades these with buy-stop entries that stay working up to 10 candles. */
export const STOP_ENTRY_SYMBOLS = ['SPY', 'QQQ', 'IWM'] as const;
export const ALL_SYMBOLS: readonly string[] = [...MARKET_SYMBOLS, ...STOP_ENTRY_SYMBOLS];

/**
 * A user strategy that only watches (no intents): its presence in strategies/ makes the bot watch that folder, which
 * once kept the process alive after its graceful shutdown.
 */
function quietStrategy(dir: string): string {
  const kit = relative(dir, join(REPO_ROOT, 'src/core/strategies/author-kit.js')).split(sep).join('/');
  return [
    `import { defineStrategy, z } from '${kit}';`,
    'export default defineStrategy({',
    "  name: 'quiet_watcher', description: 'never trades', params: z.object({}), defaultTimeframe: '1Min',",
    '  warmUp: () => 1, indicators: () => ({}), initialState: () => ({}),',
    '  decide: ({ state }) => ({ intents: [], state }),',
    '});',
    '',
  ].join('\n');
}

/** Writes config.yaml (the default CONFIG_PATH) and strategies/quiet_watcher.ts into the bot's working directory. */
export function writeBotConfig(cwd: string): void {
  const dir = join(cwd, 'strategies');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'quiet_watcher.ts'), quietStrategy(dir));
  writeFileSync(join(cwd, 'config.yaml'), [
    'strategies:',
    '  - name: sma_crossover',
    `    symbols: [${MARKET_SYMBOLS.join(', ')}]`,
    '    params: { fast: 3, slow: 8 }',
    '  - name: velez',
    `    symbols: [${STOP_ENTRY_SYMBOLS.join(', ')}]`,
    '    params: { fast: 2, slow: 3, tightness_pct: 0.2, strong_body_pct: 0.1, doji_body_pct: 0.05, max_run_candles: 20, entry_expiry_candles: 10 }',
    '  - name: quiet_watcher',
    `    symbols: [${MARKET_SYMBOLS[0]}]`,
    '',
  ].join('\n'));
}

export interface ExchangeOrder {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: string;
  readonly qty: string | null;
  readonly filled_qty: string;
  readonly status: string;
}
interface ExchangePosition { readonly symbol: string; readonly qty: string }
export interface LocalIntent { readonly client_order_id: string; readonly symbol: string; readonly role: string; readonly state: string }

const DONE = new Set(['filled', 'canceled', 'expired', 'rejected', 'replaced', 'done_for_day']);
const STOP_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);

/** One consistent look at both sides. */
export interface Snapshot {
  /** Every order the exchange has seen, by client_order_id. */
  readonly orders: ReadonlyMap<string, ExchangeOrder>;
  /** Non-zero exchange positions, symbol → signed qty. */
  readonly positions: ReadonlyMap<string, Decimal>;
  /** The bot's order intents, by client_order_id. */
  readonly intents: ReadonlyMap<string, LocalIntent>;
}

export function readIntents(dbPath: string): Map<string, LocalIntent> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT client_order_id, symbol, role, state FROM order_intents').all() as LocalIntent[];
    return new Map(rows.map((r) => [r.client_order_id, r]));
  } finally {
    db.close();
  }
}

export async function snapshot(simUrl: string, dbPath: string): Promise<Snapshot> {
  const [orders, positions] = await Promise.all([
    simGet<ExchangeOrder[]>(simUrl, '/sim/admin/orders'),
    simGet<ExchangePosition[]>(simUrl, '/v2/positions'),
  ]);
  return {
    orders: new Map(orders.map((o) => [o.client_order_id, o])),
    positions: new Map(positions.filter((p) => !Decimal.of(p.qty).isZero()).map((p) => [p.symbol, Decimal.of(p.qty)])),
    intents: readIntents(dbPath),
  };
}

export const isWorking = (o: ExchangeOrder): boolean => !DONE.has(o.status);

/** Working exchange orders the bot placed as entries with nothing filled yet. */
export function unfilledEntries(s: Snapshot): ExchangeOrder[] {
  return [...s.orders.values()].filter((o) => isWorking(o) && s.intents.get(o.client_order_id)?.role === 'entry' && Decimal.of(o.filled_qty).isZero());
}

/** Working exchange orders the bot placed as entries (filled or not). */
export function workingEntries(s: Snapshot): ExchangeOrder[] {
  return [...s.orders.values()].filter((o) => isWorking(o) && s.intents.get(o.client_order_id)?.role === 'entry');
}

/** Shares covered by working stop orders on the closing side of `symbol`'s position. */
export function stopCover(s: Snapshot, symbol: string, qty: Decimal): Decimal {
  const side = qty.isNegative() ? 'buy' : 'sell';
  return [...s.orders.values()]
    .filter((o) => o.symbol === symbol && o.side === side && isWorking(o) && STOP_TYPES.has(o.type) && o.qty !== null)
    .reduce((sum, o) => sum.plus(Decimal.of(o.qty ?? '0').minus(Decimal.of(o.filled_qty))), Decimal.ZERO);
}

/** Exchange positions whose working stops cover their whole quantity. */
export function protectedPositions(s: Snapshot): string[] {
  return [...s.positions].filter(([symbol, qty]) => stopCover(s, symbol, qty).gte(qty.abs())).map(([symbol]) => symbol);
}

/** Exchange positions that are not fully covered by working stops, with what covers them. */
export function unprotectedPositions(s: Snapshot): string[] {
  return [...s.positions]
    .filter(([symbol, qty]) => stopCover(s, symbol, qty).lt(qty.abs()))
    .map(([symbol, qty]) => `${symbol} ${qty.toString()} (stops cover ${stopCover(s, symbol, qty).toString()})`);
}

/**
 * The moment the test waits for: an unfilled entry working, and at least one position, every one covered by its stops
 * (a position whose stop was just swapped for a market exit is on its way out, not one the shutdown must keep).
 */
export function readyToStop(s: Snapshot): boolean {
  return s.positions.size > 0 && unprotectedPositions(s).length === 0 && unfilledEntries(s).length > 0;
}

/** The `ms` of the bot's "graceful shutdown finished" log record (pretty console: `ms: 123` on its own line). */
export function reportedShutdownMs(lines: readonly string[]): number | undefined {
  const at = lines.findIndex((l) => l.includes('graceful shutdown finished'));
  if (at < 0) return undefined;
  for (const line of lines.slice(at + 1, at + 12)) {
    const m = /^\s+ms:\s*(\d+)/.exec(line);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return undefined;
}
