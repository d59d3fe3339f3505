// The daily summary (SPEC §15; `alpaca-bot report` and housekeeping after the close): what happened on one ET
// trading date, computed from the store alone so it works without a running bot. One function for both users,
// so the report and the logged summary can never disagree.
// Must never: write to the store, or sum money as binary floats (exact Decimals, strings out).
import { etDateTime } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import type { Store } from '../../ports/store.js';

/** The summary of one ET date; money as decimal strings. */
export interface DailySummary {
  readonly date: string;
  /** ISO bounds of the ET day [from, to). */
  readonly from: string;
  readonly to: string;
  /** Round trips closed that day. */
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly breakeven: number;
  /** Sum of the closed trades' net P&L. */
  readonly realized_pnl: string;
  readonly commission: string;
  readonly best_trade: string | null;
  readonly worst_trade: string | null;
  readonly fills: number;
  readonly signals: {
    readonly total: number;
    readonly approved: number;
    readonly denied: number;
    /** Undecided signals (the bot stopped between the strategy and risk). */
    readonly pending: number;
    readonly denied_by_code: Readonly<Record<string, number>>;
  };
  /** First and last equity snapshots of the day, or null without snapshots. */
  readonly equity: { readonly start: string; readonly end: string; readonly change: string } | null;
  readonly by_strategy: Readonly<Record<string, { readonly trades: number; readonly realized_pnl: string }>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The ET calendar date after `date`. */
function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Computes the summary of ET date `date` ('YYYY-MM-DD') from the store.
 * @throws RangeError naming the value when `date` is not YYYY-MM-DD
 */
export function computeDailySummary(store: Pick<Store, 'trades' | 'fills' | 'signals' | 'equity'>, date: string): DailySummary {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`date must be YYYY-MM-DD, got '${date}'`);
  const since = etDateTime(date, '00:00');
  const until = etDateTime(nextDate(date), '00:00');
  const trades = store.trades.list({ since, until });
  let realized = Decimal.ZERO;
  let commission = Decimal.ZERO;
  let best: Decimal | undefined;
  let worst: Decimal | undefined;
  const byStrategy = new Map<string, { trades: number; pnl: Decimal }>();
  for (const t of trades) {
    realized = realized.plus(t.pnl);
    commission = commission.plus(t.commission);
    if (best === undefined || t.pnl.gt(best)) best = t.pnl;
    if (worst === undefined || t.pnl.lt(worst)) worst = t.pnl;
    const s = byStrategy.get(t.strategy) ?? { trades: 0, pnl: Decimal.ZERO };
    byStrategy.set(t.strategy, { trades: s.trades + 1, pnl: s.pnl.plus(t.pnl) });
  }
  const signals = store.signals.list({ since, until });
  const deniedByCode: Record<string, number> = {};
  for (const s of signals) if (s.riskDecision === 'denied') deniedByCode[s.riskCode ?? 'UNKNOWN'] = (deniedByCode[s.riskCode ?? 'UNKNOWN'] ?? 0) + 1;
  const equity = store.equity.range(since, until);
  const first = equity[0];
  const last = equity.at(-1);
  return {
    date, from: new Date(since).toISOString(), to: new Date(until).toISOString(),
    trades: trades.length,
    wins: trades.filter((t) => t.pnl.isPositive()).length,
    losses: trades.filter((t) => t.pnl.isNegative()).length,
    breakeven: trades.filter((t) => t.pnl.isZero()).length,
    realized_pnl: realized.toString(), commission: commission.toString(),
    best_trade: best?.toString() ?? null, worst_trade: worst?.toString() ?? null,
    fills: store.fills.list({ since, until }).length,
    signals: {
      total: signals.length,
      approved: signals.filter((s) => s.riskDecision === 'approved').length,
      denied: signals.filter((s) => s.riskDecision === 'denied').length,
      pending: signals.filter((s) => s.riskDecision === null).length,
      denied_by_code: deniedByCode,
    },
    equity: first === undefined || last === undefined ? null : { start: first.equity.toString(), end: last.equity.toString(), change: last.equity.minus(first.equity).toString() },
    by_strategy: Object.fromEntries([...byStrategy].map(([k, v]) => [k, { trades: v.trades, realized_pnl: v.pnl.toString() }])),
  };
}

/** A few readable lines (for the log and `alpaca-bot report`). */
export function formatDailySummary(s: DailySummary): string {
  const lines = [
    `daily summary ${s.date} (ET)`,
    `trades: ${String(s.trades)} (wins ${String(s.wins)}, losses ${String(s.losses)}, breakeven ${String(s.breakeven)})`,
    `realized P&L: ${s.realized_pnl} (commission ${s.commission}${s.best_trade === null ? '' : `, best ${s.best_trade}, worst ${s.worst_trade ?? '?'}`})`,
    `fills: ${String(s.fills)}`,
    `signals: ${String(s.signals.total)} (approved ${String(s.signals.approved)}, denied ${String(s.signals.denied)}${s.signals.pending > 0 ? `, undecided ${String(s.signals.pending)}` : ''})`,
  ];
  const codes = Object.entries(s.signals.denied_by_code).sort((a, b) => b[1] - a[1]);
  if (codes.length > 0) lines.push(`denied by code: ${codes.map(([c, n]) => `${c} ${String(n)}`).join(', ')}`);
  lines.push(s.equity === null ? 'equity: no snapshots that day' : `equity: ${s.equity.start} -> ${s.equity.end} (${s.equity.change})`);
  for (const [id, v] of Object.entries(s.by_strategy)) lines.push(`  ${id}: ${String(v.trades)} trades, P&L ${v.realized_pnl}`);
  return `${lines.join('\n')}\n`;
}
