// The crash campaign of issue #5: the standalone exchange runs at a numeric speed (it keeps running while the bot
// is dead, so fills and stop triggers happen "behind the bot's back", as with Alpaca); the bot is started, killed
// with SIGKILL at a seeded-random moment, restarted on the same DATA_DIR, N times. Kill moments (chosen per run):
//   startup        - a random delay after spawn (often inside reconciliation or warm-up);
//   random         - a random delay after the bot is trading;
//   pending-submit - as soon as the DB shows a PENDING_SUBMIT/SUBMITTED intent (intent committed, answer not in);
//   approved       - right after a `SIGNAL ... approved` line (the order is on its way);
//   exchange-fill  - as soon as the exchange's fill count grows (a fill the bot has not recorded yet).
// A trigger that does not come within `triggerTimeoutMs` falls back to a kill then. After the last kill the bot
// is restarted once more, trades for a while, then the sim is PAUSED (so no stop can trigger after the bot has
// stopped) and the bot settles (no unresolved intents, every exchange fill recorded) before a SIGINT (exit 0).
// Must never: leave a child process running (every child is killed in `finally`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkInvariants, invariantsHold, type InvariantReport } from './chaos-invariants.js';
import { botEnv, READY_LINE, simGet, simPost, startBot, startSim, type ChildHandle, type SimProcess } from './chaos-processes.js';

export type KillMode = 'startup' | 'random' | 'pending-submit' | 'approved' | 'exchange-fill';
const MODES: readonly KillMode[] = ['startup', 'random', 'pending-submit', 'approved', 'exchange-fill'];

export interface CampaignOptions {
  readonly kills: number;
  readonly seed: number;
  readonly dir: string;
  readonly speed?: number;
  readonly symbols?: readonly string[];
  /** Wall ms to wait for a kill trigger before killing anyway. Default 20 000. */
  readonly triggerTimeoutMs?: number;
  /** Wall ms the last run trades before settling. Default 8 000. */
  readonly finalTradeMs?: number;
  /** Wall ms to wait for the bot's startup banner. Default 60 000. */
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface KillRecord { readonly run: number; readonly mode: KillMode; readonly triggered: boolean; readonly afterMs: number }

export interface CampaignResult extends InvariantReport {
  readonly kills: number;
  readonly restarts: number;
  readonly kill_modes: Record<string, number>;
  readonly fallback_kills: number;
  readonly unexpected_exits: number;
  readonly final_exit_code: number | null;
  readonly ok: boolean;
  readonly killLog: readonly KillRecord[];
}

/** mulberry32: a small seeded PRNG (the campaign is reproducible in its choices, not in OS timing). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `test` is true, the bot exits or the deadline passes. */
async function pollUntil(bot: ChildHandle, deadline: number, intervalMs: number, test: () => Promise<boolean> | boolean): Promise<boolean> {
  while (Date.now() < deadline && bot.running) {
    try {
      if (await test()) return true;
    } catch { /* the DB may not exist yet or be mid-recovery: try again */ }
    await sleep(intervalMs);
  }
  return false;
}

function pendingIntents(dbPath: string): () => boolean {
  return () => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT count(*) AS n FROM order_intents WHERE state IN ('PENDING_SUBMIT', 'SUBMITTED')").get() as { n: number };
      return row.n > 0;
    } finally {
      db.close();
    }
  };
}

/** Waits for the trigger of `mode` (or the timeout); returns whether it came. */
async function awaitTrigger(mode: KillMode, bot: ChildHandle, sim: SimProcess, dbPath: string, random: () => number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  switch (mode) {
    case 'startup':
      await sleep(200 + random() * 2500);
      return true;
    case 'random':
      if ((await bot.waitForLine(READY_LINE, timeoutMs)) === undefined) return false;
      await sleep(300 + random() * 6000);
      return true;
    case 'approved': {
      const from = bot.lines.length;
      return (await bot.waitForLine(/SIGNAL .* → approved/, timeoutMs, from)) !== undefined;
    }
    case 'pending-submit':
      // After the banner: startup has resolved what an earlier kill left pending, so a hit is a new submission.
      if ((await bot.waitForLine(READY_LINE, timeoutMs)) === undefined) return false;
      return pollUntil(bot, deadline, 3, pendingIntents(dbPath));
    case 'exchange-fill': {
      if ((await bot.waitForLine(READY_LINE, timeoutMs)) === undefined) return false;
      const base = (await simGet<unknown[]>(sim.url, '/sim/admin/fills')).length;
      return pollUntil(bot, deadline, 5, async () => (await simGet<unknown[]>(sim.url, '/sim/admin/fills')).length > base);
    }
  }
}

/** Waits until nothing is in flight locally and every exchange fill is recorded (or the deadline). */
async function settle(bot: ChildHandle, sim: SimProcess, dbPath: string, timeoutMs: number): Promise<void> {
  let stableSince = 0;
  let last = '';
  await pollUntil(bot, Date.now() + timeoutMs, 250, async () => {
    const report = await checkInvariants(sim.url, dbPath);
    const key = JSON.stringify([report.local_fills, report.exchange_fills, report.open_positions, report.orders_accepted]);
    const quiet = report.intents_unresolved === 0 && report.fills_missing_locally === 0 && report.fill_qty_mismatches === 0 && report.positions_without_stop === 0;
    if (!quiet || key !== last) {
      last = key;
      stableSince = Date.now();
      return false;
    }
    return Date.now() - stableSince >= 1500;
  });
}

/** Runs the whole campaign and checks the invariants. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed);
  const symbols = options.symbols ?? ['AAPL', 'MSFT', 'SPY'];
  const dataDir = join(options.dir, 'data');
  const dbPath = join(dataDir, 'alpaca-bot.db');
  mkdirSync(dataDir, { recursive: true });
  const sim = await startSim({ seed: options.seed, speed: options.speed ?? 300, symbols, dir: options.dir });
  const env = botEnv(sim.url, dataDir, symbols);
  const killLog: KillRecord[] = [];
  let unexpectedExits = 0;
  let bot: ChildHandle | undefined;
  try {
    for (let run = 0; run < options.kills; run++) {
      bot = startBot(env, options.dir, run);
      // The first run must get going (and create the DB) before an early kill means anything.
      const mode = run === 0 ? 'random' : MODES[Math.floor(random() * MODES.length)] ?? 'random';
      const started = Date.now();
      const triggered = await awaitTrigger(mode, bot, sim, dbPath, random, options.triggerTimeoutMs ?? 20_000);
      if (!bot.running) {
        unexpectedExits++;
        log(`run ${run}: the bot exited on its own (${JSON.stringify(await bot.exited)}) before the kill`);
      }
      bot.kill('SIGKILL');
      await bot.exited;
      killLog.push({ run, mode, triggered, afterMs: Date.now() - started });
      log(`run ${run}: SIGKILL (${mode}${triggered ? '' : ', trigger timed out'}) after ${Date.now() - started} ms`);
    }
    bot = startBot(env, options.dir, options.kills);
    if ((await bot.waitForLine(READY_LINE, options.readyTimeoutMs ?? 60_000)) === undefined) throw new Error('the last restart did not reach its banner');
    await sleep(options.finalTradeMs ?? 8_000);
    await simPost(sim.url, '/sim/admin/pause');
    await settle(bot, sim, dbPath, 30_000);
    // With the sim paused a virtual-clock sleep in the bot never ends, so the process outlives its graceful
    // shutdown until time moves again: check once the shutdown has finished, then resume and await the exit.
    const from = bot.lines.length;
    bot.kill('SIGINT');
    const finished = await bot.waitForLine(/graceful shutdown finished/, 30_000, from);
    const report = await checkInvariants(sim.url, dbPath);
    await simPost(sim.url, '/sim/admin/resume');
    const exit = await Promise.race([bot.exited, sleep(30_000).then(() => undefined)]);
    if (exit === undefined) log('the bot did not exit within 30 s of its graceful shutdown');
    if (finished === undefined) log('the bot did not report a finished graceful shutdown');
    const modes: Record<string, number> = {};
    for (const k of killLog) modes[k.mode] = (modes[k.mode] ?? 0) + 1;
    const finalExit = exit?.code ?? null;
    return {
      kills: killLog.length, restarts: killLog.length, kill_modes: modes, fallback_kills: killLog.filter((k) => !k.triggered).length,
      unexpected_exits: unexpectedExits, final_exit_code: finalExit, ...report,
      ok: invariantsHold(report) && finalExit === 0 && unexpectedExits === 0, killLog,
    };
  } finally {
    bot?.kill('SIGKILL');
    sim.handle.kill('SIGINT');
    await Promise.race([sim.handle.exited, sleep(10_000)]);
    sim.handle.kill('SIGKILL');
  }
}
