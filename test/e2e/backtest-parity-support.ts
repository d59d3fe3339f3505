// The `sim` half of the backtest parity test (issue #6): the real bot (`alpaca-bot run --mode sim`) against a
// standalone exchange (`alpaca-bot sim`) at speed max, driven over a fixed window of virtual time, then read back:
// the bars the exchange replayed (its Market Data REST, paged), the bot's risk decisions (its SQLite `signals`) and
// the executions (the exchange's own record). Must never: write to the exchange or the bot's database beyond the
// admin controls (pause, resume, speed), or pass the parent's Alpaca settings to a child.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Bar } from '../../src/domain/bar.js';
import { botEnv, READY_LINE, SIM_HEADERS, simGet, simPost, startBot, startSim, type ChildHandle, type SimProcess } from '../../bench/chaos/chaos-processes.js';

const MINUTE = 60_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One risk decision, as both sides can state it. */
export interface DecisionRow {
  /** Start of the signal candle, epoch ms. */
  readonly candle: number;
  readonly strategy: string;
  readonly symbol: string;
  readonly action: string;
  readonly decision: 'approved' | 'denied';
  readonly code: string | null;
  readonly qty: string | null;
  readonly clientOrderId: string | null;
}

/** One execution. */
export interface FillRow {
  readonly t: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  readonly clientOrderId: string;
}

interface SimState {
  readonly time: string;
  readonly paused: boolean;
  readonly connections: { readonly marketData: number; readonly trading: number };
}

interface SimFill {
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  readonly at: number;
}

interface WireBar { readonly t: string; readonly o: number; readonly h: number; readonly l: number; readonly c: number; readonly v: number; readonly vw?: number; readonly n?: number }

export interface SimSessionOptions {
  readonly dir: string;
  readonly seed: number;
  readonly symbols: readonly string[];
  /** ISO instant on a minute inside a session: the exchange's clock starts (paused) there. */
  readonly start: string;
  /** ISO instant: the exchange is paused for good at the first boundary at or after it. */
  readonly until: string;
  /** Extra environment of the bot (strategy parameters, sizing, limits). */
  readonly env: Readonly<Record<string, string>>;
}

export interface SimSession {
  /** The bot's clock when it started (the exchange was paused there): its warm-up ends here. */
  readonly startedAt: number;
  /** The first minute whose bar the bot received live (= floor(startedAt)). */
  readonly liveFrom: number;
  /**
   * The last boundary the exchange processed before it was paused: the bar of minute `lastBoundary − 1` went to
   * the bot, the bar of minute `lastBoundary` was matched (fills at its open), and nothing later happened.
   */
  readonly lastBoundary: number;
  /** Every bar the exchange serves from `historyFrom` through minute `lastBoundary` (inclusive), by symbol. */
  readonly bars: Readonly<Record<string, readonly Bar[]>>;
  readonly decisions: readonly DecisionRow[];
  /** Every execution at the exchange up to `lastBoundary` (inclusive), in order. */
  readonly fills: readonly FillRow[];
  /** The bot's whole environment (the backtest loads the same configuration from it). */
  readonly botEnv: Readonly<Record<string, string>>;
  readonly botLines: readonly string[];
  readonly botExit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

async function simPostJson(url: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(new URL(path, url), { method: 'POST', headers: { ...SIM_HEADERS, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
}

const state = (sim: SimProcess): Promise<SimState> => simGet<SimState>(sim.url, '/sim/admin/state');

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Pages through the exchange's Market Data REST for 1-minute bars of `symbols` in [from, to]. */
export async function fetchBars(simUrl: string, symbols: readonly string[], from: number, to: number): Promise<Record<string, Bar[]>> {
  const out: Record<string, Bar[]> = Object.fromEntries(symbols.map((s) => [s, [] as Bar[]]));
  let token: string | null = null;
  do {
    const query = new URLSearchParams({ symbols: symbols.join(','), timeframe: '1Min', start: new Date(from).toISOString(), end: new Date(to).toISOString(), limit: '10000', feed: 'iex' });
    if (token !== null) query.set('page_token', token);
    const page = await simGet<{ bars: Record<string, WireBar[] | undefined>; next_page_token: string | null }>(simUrl, `/v2/stocks/bars?${query.toString()}`);
    for (const [symbol, list] of Object.entries(page.bars)) {
      for (const b of list ?? []) {
        out[symbol]?.push({ symbol, timeframe: '1Min', t: Date.parse(b.t), open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v, ...(b.vw === undefined ? {} : { vwap: b.vw }), ...(b.n === undefined ? {} : { tradeCount: b.n }) });
      }
    }
    token = page.next_page_token;
  } while (token !== null);
  return out;
}

/** The bot's decided signals, in the order it decided them. */
export function readDecisions(dbPath: string): DecisionRow[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT signal_ts, strategy, symbol, action, risk_decision, risk_code, qty, client_order_id FROM signals
      WHERE risk_decision IS NOT NULL ORDER BY id`).all() as { signal_ts: number; strategy: string; symbol: string; action: string; risk_decision: 'approved' | 'denied'; risk_code: string | null; qty: string | null; client_order_id: string | null }[];
    return rows.map((r) => ({ candle: r.signal_ts, strategy: r.strategy, symbol: r.symbol, action: r.action, decision: r.risk_decision, code: r.risk_code, qty: r.qty, clientOrderId: r.client_order_id }));
  } finally {
    db.close();
  }
}

/** Waits until the exchange and the bot have both been still for `quietMs` (same clock, same signals, same fills). */
async function settle(sim: SimProcess, dbPath: string, quietMs: number): Promise<void> {
  let last = '';
  let since = Date.now();
  await waitFor('the bot and the exchange to settle', 30_000, async () => {
    const [s, fills] = await Promise.all([state(sim), simGet<unknown[]>(sim.url, '/sim/admin/fills')]);
    const key = `${s.time}|${fills.length}|${readDecisions(dbPath).length}`;
    if (key !== last) { last = key; since = Date.now(); return undefined; }
    return Date.now() - since >= quietMs ? true : undefined;
  });
}

async function stopChild(handle: ChildHandle, signal: NodeJS.Signals, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
  handle.kill(signal);
  const exit = await Promise.race([handle.exited, sleep(timeoutMs).then(() => undefined)]);
  if (exit === undefined) handle.kill('SIGKILL');
  return exit;
}

/**
 * Runs the bot against a fresh exchange for `minutes` virtual minutes at speed max and reads everything back.
 * The exchange starts paused at `start` so the bot's warm-up, reconciliation and subscriptions are done before the
 * first live bar; then it runs at max (the barrier of ADR 0004 holds each minute until the bot has reacted).
 */
export async function runSimSession(o: SimSessionOptions): Promise<SimSession> {
  const dataDir = join(o.dir, 'data');
  const dbPath = join(dataDir, 'alpaca-bot.db');
  mkdirSync(dataDir, { recursive: true });
  const sim = await startSim({ seed: o.seed, speed: 1, symbols: o.symbols, start: o.start, dir: o.dir });
  let bot: ChildHandle | undefined;
  try {
    await simPost(sim.url, '/sim/admin/pause');
    const startedAt = Date.parse((await state(sim)).time);
    const env = { ...botEnv(sim.url, dataDir, o.symbols), ...o.env };
    bot = startBot(env, o.dir, 0);
    if ((await bot.waitForLine(READY_LINE, 60_000)) === undefined) throw new Error('the bot did not start');
    // The banner comes before the market-data task subscribes: wait until both streams are connected, then a little.
    await waitFor('the bot\'s stream connections', 30_000, async () => {
      const s = await state(sim);
      return s.connections.marketData > 0 && s.connections.trading > 0 ? true : undefined;
    });
    await sleep(1_500);
    const until = Date.parse(o.until);
    await simPostJson(sim.url, '/sim/admin/speed', { speed: 'max' });
    await simPost(sim.url, '/sim/admin/resume');
    await waitFor('the exchange to reach the end of the window', 120_000, async () => (Date.parse((await state(sim)).time) >= until ? true : undefined));
    await simPost(sim.url, '/sim/admin/pause');
    await settle(sim, dbPath, 1_500);
    const lastBoundary = Date.parse((await state(sim)).time);
    const botExit = await stopChild(bot, 'SIGTERM', 30_000);
    const decisions = readDecisions(dbPath);
    const fills = (await simGet<SimFill[]>(sim.url, '/sim/admin/fills'))
      .filter((f) => f.at <= lastBoundary)
      .map((f) => ({ t: f.at, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, clientOrderId: f.client_order_id }));
    // REST serves only finished minutes: let the exchange run on (nobody is connected now) to serve minute lastBoundary.
    await simPost(sim.url, '/sim/admin/resume');
    await waitFor('the exchange to pass the window', 30_000, async () => (Date.parse((await state(sim)).time) >= lastBoundary + 2 * MINUTE ? true : undefined));
    await simPost(sim.url, '/sim/admin/pause');
    const bars = await fetchBars(sim.url, o.symbols, startedAt - 5 * 86_400_000, lastBoundary);
    return { startedAt, liveFrom: Math.floor(startedAt / MINUTE) * MINUTE, lastBoundary, bars, decisions, fills, botEnv: env, botLines: bot.lines, botExit };
  } finally {
    if (bot?.running) bot.kill('SIGKILL');
    await stopChild(sim.handle, 'SIGINT', 10_000);
  }
}
