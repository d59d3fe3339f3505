// What `alpaca-bot backtest` prints: a human summary (metrics table, trade and fill counts) or, with --json, the
// metrics and every fill (time, symbol, side, qty, price) for scripts. Must never: round a money value in JSON
// (decimal strings as booked), or print colour codes when piped.
import Table from 'cli-table3';
import type { BacktestMetrics, BacktestResult } from '../../../runtime/backtest/index.js';

/** The JSON document of a run. */
export function resultJson(r: BacktestResult): unknown {
  const seconds = r.elapsedMs / 1000;
  return {
    run_id: r.runId, strategy: r.strategy, params: r.params, symbols: r.symbols, timeframe: r.timeframe, fill: r.fill,
    from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), bars: r.bars,
    elapsed_s: Number(seconds.toFixed(3)), bars_per_s: seconds > 0 ? Math.round(r.bars / seconds) : null,
    signals: r.signals, metrics: r.metrics,
    fills: r.fills.map((f) => ({ time: new Date(f.t).toISOString(), symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, commission: f.commission, role: f.role, client_order_id: f.clientOrderId })),
    trades: r.trades.map((t) => ({ symbol: t.symbol, side: t.side, qty: t.qty, entry_time: new Date(t.entryTs).toISOString(), entry_price: t.entryPrice, exit_time: new Date(t.exitTs).toISOString(), exit_price: t.exitPrice, pnl: t.pnl, pnl_pct: t.pnlPct, commission: t.commission, exit_reason: t.exitReason })),
    open_positions: r.openPositions,
  };
}

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)} %`);
const num = (v: number | null): string => (v === null ? '—' : v.toFixed(2));

function metricRows(m: BacktestMetrics): [string, string][] {
  return [
    ['initial equity', `$${m.initialEquity}`], ['final equity', `$${m.finalEquity}`], ['net P&L', `$${m.netPnl}`],
    ['total return', pct(m.totalReturnPct)], ['CAGR', pct(m.cagrPct)], ['Sharpe', num(m.sharpe)], ['Sortino', num(m.sortino)],
    ['max drawdown', pct(m.maxDrawdownPct)], ['win rate', pct(m.winRatePct)], ['profit factor', num(m.profitFactor)],
    ['exposure', pct(m.exposurePct)], ['trades', String(m.tradeCount)], ['average trade', m.averageTrade === null ? '—' : `$${m.averageTrade} (${pct(m.averageTradePct)})`],
    ['commission', `$${m.commission}`],
  ];
}

/** The human summary. */
export function resultText(r: BacktestResult, tty: boolean): string {
  const seconds = r.elapsedMs / 1000;
  const head = `backtest ${r.strategy} ${JSON.stringify(r.params)} on ${r.symbols.join(', ')} (${r.timeframe}, fill ${r.fill})\n` +
    `${new Date(r.from).toISOString()} → ${new Date(r.to).toISOString()}: ${r.bars} bars in ${seconds.toFixed(2)} s (${seconds > 0 ? Math.round(r.bars / seconds) : '—'} bars/s)\n` +
    `signals: ${r.signals.approved} approved, ${r.signals.denied} denied; fills: ${r.fills.length}; open positions at the end: ${r.openPositions.length}\n`;
  const table = new Table(tty ? {} : { style: { head: [], border: [] }, chars: { 'top': '', 'top-mid': '', 'top-left': '', 'top-right': '', 'bottom': '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', 'left': '', 'left-mid': '', 'mid': '', 'mid-mid': '', 'right': '', 'right-mid': '', 'middle': '  ' } });
  for (const row of metricRows(r.metrics)) table.push(row);
  return `${head}${table.toString()}\nrun id: ${r.runId}\n`;
}
