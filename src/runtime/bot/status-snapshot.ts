// What status.json says each minute (SPEC §15): account, today's P&L, positions, trades today, strategies, safety
// switches and connections — built from the live parts, money as strings. Must never: contain a secret.
import type { StatusSnapshotInput } from '../lifecycle/index.js';
import type { BotParts } from './bot-parts.js';
import type { Started } from './startup.js';

const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(t).toISOString());

function strategyState(status: string, barCount: number, warmUp: number, inPosition: boolean): string {
  if (status !== 'active') return 'paused';
  if (barCount < warmUp) return 'warming_up';
  return inPosition ? 'in_position' : 'watching';
}

export function statusSnapshot(parts: BotParts, started: Started, connections: ReadonlyMap<string, string>): StatusSnapshotInput {
  const snapshot = started.ledger.portfolio.snapshot();
  const kill = parts.killSwitch.current();
  const breaker = parts.store.breaker.readBreaker();
  const held = new Set(snapshot.positions.map((p) => `${p.strategy}|${p.symbol}`));
  return {
    mode: parts.loaded.mode,
    dry_run: parts.loaded.dryRun,
    run_id: parts.runId,
    pid: process.pid,
    started_at: new Date(parts.startedAt).toISOString(),
    heartbeat: new Date(parts.venue.clock.now()).toISOString(),
    account: { equity: started.account.equity.toString(), cash: started.account.cash.toString(), buying_power: started.account.buyingPower.toString() },
    pnl_today: { realized: snapshot.realizedToday, unrealized: snapshot.unrealizedPnl, total: snapshot.dailyPnl },
    positions: snapshot.positions.map((p) => ({
      symbol: p.symbol, side: p.side, qty: p.qty, avg_entry_price: p.avgEntryPrice, market_value: p.marketValue,
      unrealized_pnl: p.unrealizedPnl, stop_price: null, strategy: p.strategy,
    })),
    trades_today: snapshot.roundTripsToday,
    trading_state: breaker.tripped || kill.on ? 'halted' : 'active',
    strategies: started.runner.summaries().map((s) => ({
      id: `${s.strategy}:${s.symbol}:${s.timeframe}`,
      state: strategyState(s.status, s.barCount, s.warmUp, held.has(`${s.strategy}|${s.symbol}`)),
      symbols: [s.symbol],
    })),
    kill_switch: { on: kill.on, reason: kill.reason ?? null, detail: kill.detail ?? null },
    breaker: { tripped: breaker.tripped, reason: breaker.tripped ? breaker.reason : null, tripped_at: breaker.tripped ? iso(breaker.trippedAt) : null },
    connections: Object.fromEntries(connections),
  };
}
