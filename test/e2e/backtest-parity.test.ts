// Issue #6 done-when, the golden parity test: the same strategy over the same bars gives the same decisions and the
// same fills in a backtest (`runBacktest`) and in `sim` mode (the real bot, `alpaca-bot run --mode sim`, against a
// standalone `alpaca-bot sim` over sockets at speed max).
//
// The sim half: a seeded synthetic market of two symbols; the exchange starts paused at START (14:30 New York), the
// bot starts against it (reconciles, warms up from the exchange's history up to START, subscribes), then the
// exchange runs at speed max through the close and the next morning's open until UNTIL, is paused at boundary B (its
// clock), and the bot is stopped (SIGTERM) once both sides are still. sma_crossover 4/12 with fixed sizing (sizing
// must not depend on when the bot last read its account), tight stops and a daily trade cap (intrabar stop fills,
// denials, and the cap starting afresh the next day), slippage and commission 0 (the sim's defaults).
// The backtest half: `runBacktest` over the bars the exchange served (its Market Data REST), with the bot's own
// configuration (config defaults + the same environment, loaded by loadConfig as `run` does; risk limits built as
// startup.ts riskLimits()), the same cash, fill next_open, and startAt = the first minute the bot received live:
// earlier bars only warm the strategy up, as the bot's warm-up did.
//
// The common window, precisely: at boundary T the exchange sends bar T−1 to the bot, waits for its reaction (ADR 0004
// barrier), then matches bar T. Paused at B, the bot has seen every bar up to minute B−1 and the exchange has
// matched every bar up to minute B. So we compare
//   - decisions on candles that start in [startAt, B−1] (the bot made no others: asserted), and
//   - executions at times ≤ B (the open of bar B is the last price the exchange filled at),
// in order: decisions by (candle, symbol) as both runtimes process a minute's bars in symbol order; fills in the
// exchange's execution order. Each decision is (candle, strategy, symbol, action, approved/denied, denial code,
// qty); each fill (time, symbol, side, qty, price, client_order_id — derived from the signal, so equal ids tie
// the fills to the same decisions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { RiskLimits } from '../../src/core/risk/index.js';
import { runBacktest } from '../../src/runtime/backtest/run-backtest.js';
import type { BacktestSpec } from '../../src/runtime/backtest/backtest-types.js';
import { diffSequences } from '../support/sequence-diff.js';
import { runSimSession, type DecisionRow, type FillRow, type SimSession } from './backtest-parity-support.js';

const SYMBOLS = ['AAPL', 'MSFT'] as const;
const SEED = 11;
/** 14:30 New York on a Tuesday (the day's earlier bars are warm-up history) to 10:30 the next day: 150 trading minutes across a close. */
const START = '2025-03-04T19:30:00.000Z';
const UNTIL = '2025-03-05T15:30:00.000Z';
const CASH = '100000';
/**
 * sma_crossover 4/12, fixed sizing; stops, take-profits and the trailing activation close enough to trigger inside
 * bars (bracket legs, stop moves); a daily trade cap low enough that later entries are denied.
 */
const BOT_ENV = {
  SMA_FAST: '4', SMA_SLOW: '12', SIZING_MODE: 'fixed', FIXED_QTY: '10',
  STOP_LOSS_PCT: '0.001', TAKE_PROFIT_PCT: '0.003', TRAILING_STOP_ACTIVATION_PCT: '0.001', MAX_TRADES_PER_DAY: '6',
} as const;

const root = mkdtempSync(join(tmpdir(), 'alpaca-bot-parity-'));
let keep = process.env['KEEP_PARITY_E2E'] === '1';
afterAll(() => { if (!keep) rmSync(root, { recursive: true, force: true }); });

const iso = (t: number): string => new Date(t).toISOString().slice(0, 16);
const decisionKey = (d: DecisionRow): string =>
  `${iso(d.candle)} ${d.symbol} ${d.strategy} ${d.action} ${d.decision}${d.code === null ? '' : `/${d.code}`} qty=${d.qty ?? '-'}`;
const fillKey = (f: FillRow): string => `${iso(f.t)} ${f.symbol} ${f.side} ${f.qty} @ ${f.price} cid=${f.clientOrderId}`;

/** The bot's configuration, loaded the way `run` loads it (defaults < environment). */
function botConfig(env: Readonly<Record<string, string>>, dir: string): { limits: RiskLimits; params: Record<string, unknown> } {
  const loaded = loadConfig({ env, cwd: dir, argvMode: 'sim' });
  const { risk, safety, strategies } = loaded.values;
  const sma = strategies.find((s) => s.name === 'sma_crossover' && s.enabled);
  if (sma === undefined) throw new Error('sma_crossover is not enabled in the bot\'s configuration');
  return { limits: { ...risk, allow_extended_hours: safety.allow_extended_hours }, params: { ...sma.params } };
}

async function backtestOf(session: SimSession, dir: string): Promise<{ decisions: DecisionRow[]; fills: FillRow[]; roles: Map<string, string> }> {
  const { limits, params } = botConfig(session.botEnv, dir);
  const spec: BacktestSpec = {
    strategy: 'sma_crossover', params, data: { kind: 'bars', bars: session.bars }, fill: 'next_open', cash: CASH,
    commissionPerShare: '0', commissionPerOrder: '0', slippage: '0', risk: 'on', liquidate: false, limits, startAt: session.liveFrom,
  };
  const decisions: DecisionRow[] = [];
  const result = await runBacktest(spec, {
    onDecision: (recorded, decision) => {
      const { context, intent } = recorded.signal;
      decisions.push({
        candle: context.signalTs, strategy: context.strategy, symbol: context.symbol, action: intent.action,
        decision: decision.approved ? 'approved' : 'denied', code: decision.approved ? null : decision.denial.code,
        qty: decision.approved ? decision.qty.toString() : null, clientOrderId: null,
      });
    },
  });
  const fills = result.fills.map((f) => ({ t: f.t, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, clientOrderId: f.clientOrderId }));
  return { decisions, fills, roles: new Map(result.fills.map((f) => [f.clientOrderId, f.role])) };
}

describe('backtest ↔ sim parity (issue #6 done-when, golden test)', () => {
  it('sma_crossover over the same bars: the same decisions and the same fills in runBacktest and in the real bot against `alpaca-bot sim` at speed max', async () => {
    const dir = mkdtempSync(join(root, 'run-'));
    const session = await runSimSession({ dir, seed: SEED, symbols: SYMBOLS, start: START, until: UNTIL, env: BOT_ENV });
    const context = `files in ${dir}\n--- bot output (last 40 lines) ---\n${session.botLines.slice(-40).join('\n')}`;
    try {
      const B = session.lastBoundary;
      expect(session.botExit, context).toEqual({ code: 0, signal: null });
      // The bot decided only on candles of the window (nothing before its first live bar, nothing after B−1).
      const outside = session.decisions.filter((d) => d.candle < session.liveFrom || d.candle > B - 60_000);
      expect(outside.map(decisionKey), context).toEqual([]);

      const bt = await backtestOf(session, dir);
      const btDecisions = bt.decisions.filter((d) => d.candle <= B - 60_000);
      const btFills = bt.fills.filter((f) => f.t <= B);
      const simDecisions = session.decisions.map((d) => ({ ...d, clientOrderId: null }));

      const decisions = diffSequences('decisions', btDecisions, simDecisions, decisionKey, ['backtest', 'sim']);
      const fills = diffSequences('fills', btFills, session.fills, fillKey, ['backtest', 'sim']);
      const window = `window: live from ${iso(session.liveFrom)} to boundary B = ${iso(B)} (decisions on candles ≤ ${iso(B - 60_000)}, fills ≤ ${iso(B)})`;
      expect(decisions.equal, `${window}\n${decisions.report}\n${fills.report}\n${context}`).toBe(true);
      expect(fills.equal, `${window}\n${fills.report}\n${context}`).toBe(true);
      // Not vacuous: both symbols traded; market entries and exits and intrabar stop fills happened; entries were
      // approved and denied (the daily trade cap), exits approved.
      const roles = btFills.map((f) => bt.roles.get(f.clientOrderId));
      const entryDays = new Set(btDecisions.filter((d) => d.action === 'enter_long' && d.decision === 'approved').map((d) => new Date(d.candle).toISOString().slice(0, 10)));
      const outcomes = new Set(btDecisions.map((d) => `${d.action} ${d.decision}`));
      const summary = `fills by role: ${JSON.stringify(roles)}; decisions: ${[...outcomes].join(', ')}`;
      expect(new Set(session.fills.map((f) => f.symbol)).size, summary).toBe(SYMBOLS.length);
      expect(roles.filter((r) => r === 'entry').length, summary).toBeGreaterThanOrEqual(5);
      expect(roles.filter((r) => r === 'stop').length, summary).toBeGreaterThanOrEqual(2);
      expect(roles.filter((r) => r === 'exit').length, summary).toBeGreaterThanOrEqual(1);
      expect([...outcomes].sort(), summary).toEqual(['enter_long approved', 'enter_long denied', 'exit approved']);
      expect([...entryDays].sort(), summary).toEqual(['2025-03-04', '2025-03-05']); // the trade cap started afresh
    } catch (error) {
      keep = true;
      throw error;
    }
  }, 120_000);
});
