// `alpaca-bot status [--json]`: what the bot on this DATA_DIR is doing, from DATA_DIR/status.json (refreshed
// every minute by the running bot) and the pid file (is it still running?). Works without a running bot.
// Must never: present a stale snapshot as current (older than 3 minutes is flagged), or report "running" from a
// stale pid file.
import { ConfigError } from '../../../config/index.js';
import { isProcessAlive, readPidFile } from '../../../runtime/lifecycle/pid-file.js';
import { readStatusFile, STATUS_STALE_MS, type StatusRead, type StatusSnapshot } from '../../../runtime/lifecycle/status-file.js';
import { EXIT, type CliContext, type RegisterCommand } from '../cli-context.js';
import { dataDirFor } from './stop.js';

interface Running {
  readonly running: boolean;
  readonly pid: number | null;
  readonly mode: string | null;
  readonly startedAt: string | null;
}

function runningState(dataDir: string): Running {
  const info = readPidFile(dataDir);
  if (info === undefined || 'invalid' in info) return { running: false, pid: null, mode: null, startedAt: null };
  return { running: isProcessAlive(info.pid), pid: info.pid, mode: info.mode, startedAt: info.started_at };
}

function ago(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${String(s)} s ago` : s < 7200 ? `${String(Math.round(s / 60))} min ago` : `${(s / 3600).toFixed(1)} h ago`;
}

function header(run: Running, read: StatusRead): string[] {
  const snap = read.snapshot;
  const lines = [run.running ? `alpaca-bot: running (pid ${String(run.pid)}, mode ${run.mode ?? '?'}, started ${run.startedAt ?? '?'})` : 'alpaca-bot: NOT running (the status below is from the last run)'];
  lines.push(`status.json updated ${snap.updated_at} (${ago(read.ageMs)})${read.stale ? ` — STALE: older than ${String(STATUS_STALE_MS / 60_000)} minutes${run.running ? '; the bot may be hung' : ''}` : ''}`);
  lines.push(`mode: ${snap.mode}${snap.dry_run ? ' (dry run)' : ''}, run ${snap.run_id}, trading ${snap.trading_state}, heartbeat ${snap.heartbeat ?? 'none'}`);
  return lines;
}

function body(snap: StatusSnapshot): string[] {
  const lines: string[] = [];
  const a = snap.account;
  lines.push(a === null ? 'account: unknown' : `account: equity ${a.equity}, cash ${a.cash}, buying power ${a.buying_power}`);
  const p = snap.pnl_today;
  lines.push(`${p === null ? "today's P&L: unknown" : `today's P&L: ${p.total} (realized ${p.realized}, unrealized ${p.unrealized})`}; trades today: ${String(snap.trades_today)}`);
  lines.push(snap.kill_switch.on ? `kill switch: ON (${snap.kill_switch.reason ?? '?'}: ${snap.kill_switch.detail ?? ''})` : 'kill switch: off');
  lines.push(snap.breaker.tripped ? `breaker: TRIPPED since ${snap.breaker.tripped_at ?? '?'} (${snap.breaker.reason ?? 'no reason'})` : 'breaker: clear');
  const conns = Object.entries(snap.connections);
  if (conns.length > 0) lines.push(`connections: ${conns.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`positions (${String(snap.positions.length)}):`);
  for (const pos of snap.positions) lines.push(`  ${pos.symbol} ${pos.side} ${pos.qty} @ ${pos.avg_entry_price}, stop ${pos.stop_price ?? 'NONE'}, unrealized ${pos.unrealized_pnl ?? '?'}${pos.strategy === null ? '' : ` [${pos.strategy}]`}`);
  lines.push(`strategies (${String(snap.strategies.length)}):`);
  for (const s of snap.strategies) lines.push(`  ${s.id}: ${s.state} (${s.symbols.join(', ')})`);
  return lines;
}

function runStatus(ctx: CliContext, json: boolean): number {
  let dataDir: string;
  try {
    dataDir = dataDirFor(ctx);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.stderr(`alpaca-bot status: ${error.issues.map((i) => i.message).join('\n  ')}\n`);
    return EXIT.FAILURE;
  }
  const run = runningState(dataDir);
  let read: StatusRead | undefined;
  try {
    read = readStatusFile(dataDir, Date.now());
  } catch (error) {
    ctx.stderr(`alpaca-bot status: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.FAILURE;
  }
  if (read === undefined) {
    const why = run.running ? `a bot is running (pid ${String(run.pid)}) but has not written its first status yet` : 'no bot has run here yet (start one with alpaca-bot run)';
    ctx.stderr(`alpaca-bot status: no status.json in DATA_DIR ${dataDir}: ${why}\n`);
    return EXIT.FAILURE;
  }
  if (json) ctx.stdout(`${JSON.stringify({ running: run.running, pid: run.pid, data_dir: dataDir, stale: read.stale, age_ms: read.ageMs, status: read.snapshot })}\n`);
  else ctx.stdout(`${[...header(run, read), ...body(read.snapshot)].join('\n')}\n`);
  return EXIT.OK;
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('status')
    .description('show what the bot on this DATA_DIR is doing (from status.json, refreshed every minute)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      ctx.exitCode = runStatus(ctx, options.json === true);
    });
};
