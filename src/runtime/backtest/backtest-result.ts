// Assembles what a run produced — fills and round trips from the run's store, the equity curve, the metrics and
// report candles — into the plain BacktestResult the CLI prints, persists and renders.
// Must never: recompute a number the engine already booked (fills and trades come from the store as written).
import { Decimal } from '../../domain/decimal.js';
import { computeMetrics } from '../../core/portfolio/metrics/index.js';
import type { BacktestParts } from './backtest-parts.js';
import type { BacktestFill, BacktestResult, BacktestSpec, BacktestTrade, EquitySeries, ReportCandles } from './backtest-types.js';

const MAX_REPORT_CANDLES = 10_000;

/** Collects OHLC of one symbol's 1-minute bars and merges them into at most MAX_REPORT_CANDLES candles. */
export class CandleCollector {
  readonly symbol: string;
  readonly #t: number[] = [];
  readonly #o: number[] = [];
  readonly #h: number[] = [];
  readonly #l: number[] = [];
  readonly #c: number[] = [];

  constructor(symbol: string) {
    this.symbol = symbol;
  }

  add(bar: { readonly symbol: string; readonly t: number; readonly open: number; readonly high: number; readonly low: number; readonly close: number }): void {
    if (bar.symbol !== this.symbol) return;
    this.#t.push(bar.t); this.#o.push(bar.open); this.#h.push(bar.high); this.#l.push(bar.low); this.#c.push(bar.close);
  }

  candles(): ReportCandles {
    const n = this.#t.length;
    const k = Math.max(1, Math.ceil(n / MAX_REPORT_CANDLES));
    const out = { symbol: this.symbol, t: [] as number[], o: [] as number[], h: [] as number[], l: [] as number[], c: [] as number[] };
    for (let i = 0; i < n; i += k) {
      const end = Math.min(n, i + k);
      let h = -Infinity;
      let l = Infinity;
      for (let j = i; j < end; j++) { h = Math.max(h, this.#h[j] ?? h); l = Math.min(l, this.#l[j] ?? l); }
      out.t.push(this.#t[i] ?? 0); out.o.push(this.#o[i] ?? 0); out.h.push(h); out.l.push(l); out.c.push(this.#c[end - 1] ?? 0);
    }
    return out;
  }
}

function fillsOf(parts: BacktestParts): BacktestFill[] {
  const roles = new Map<string, string>();
  return parts.store.fills.list().map((f) => {
    let role = roles.get(f.clientOrderId);
    if (role === undefined) {
      role = parts.store.orderIntents.get(f.clientOrderId)?.role ?? 'unknown';
      roles.set(f.clientOrderId, role);
    }
    return { t: f.ts, symbol: f.symbol, side: f.side, qty: f.qty.toString(), price: f.price.toString(), commission: f.commission.toString(), clientOrderId: f.clientOrderId, role };
  });
}

function tradesOf(parts: BacktestParts): BacktestTrade[] {
  return parts.store.trades.list().map((t) => ({
    strategy: t.strategy, symbol: t.symbol, side: t.side, qty: t.qty.toString(), entryPrice: t.entryPrice.toString(), exitPrice: t.exitPrice.toString(),
    entryTs: t.entryTs, exitTs: t.exitTs, pnl: t.pnl.toString(), pnlPct: t.pnlPct.toString(), commission: t.commission.toString(),
    exitReason: t.exitReason, entryClientOrderId: t.entryClientOrderId, exitClientOrderId: t.exitClientOrderId,
  }));
}

export interface AssembleArgs {
  readonly runId: string;
  readonly spec: BacktestSpec;
  readonly parts: BacktestParts;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly from: number;
  readonly to: number;
  readonly bars: number;
  readonly elapsedMs: number;
  readonly equity: EquitySeries;
  readonly lastClose: ReadonlyMap<string, number>;
  readonly candles: ReportCandles | undefined;
}

export function assembleResult(a: AssembleArgs): BacktestResult {
  const portfolio = a.parts.ledger.portfolio;
  const trades = tradesOf(a.parts);
  const initialEquity = Decimal.of(a.spec.cash);
  const finalEquity = portfolio.equity();
  const metrics = computeMetrics({
    initialEquity, finalEquity, equity: a.equity, from: a.from, to: a.to, commissionPaid: portfolio.commissions,
    trades: trades.map((t) => ({ pnl: Decimal.of(t.pnl), pnlPct: Decimal.of(t.pnlPct), commission: Decimal.of(t.commission) })),
  });
  const openPositions = portfolio.positions().map((p) => ({ symbol: p.symbol, qty: p.qty.toString(), lastPrice: String(a.lastClose.get(p.symbol) ?? '') }));
  return {
    runId: a.runId, strategy: a.spec.strategy, params: a.spec.params, symbols: a.symbols, timeframe: a.timeframe, fill: a.spec.fill,
    from: a.from, to: a.to, bars: a.bars, elapsedMs: a.elapsedMs, metrics, fills: fillsOf(a.parts), trades, equity: a.equity, openPositions,
    ...(a.candles ? { candles: a.candles } : {}), signals: { ...a.parts.decisions },
  };
}
