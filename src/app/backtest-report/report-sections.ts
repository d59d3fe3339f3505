// The server-rendered parts of the backtest report: the run header, the metrics table, open positions and the
// trades table. Every text taken from the result goes through escapeHtml.
// Must never: insert result text unescaped, or render an unbounded trades table (rows are capped with a note).

import { Decimal } from '../../domain/decimal.js';
import type { BacktestMetrics, BacktestResult, BacktestTrade } from '../../runtime/backtest/backtest-types.js';
import {
  escapeHtml,
  formatDecimal,
  formatDuration,
  formatEtTime,
  formatMoney,
  formatNumber,
  formatParams,
  formatPct,
  NOT_AVAILABLE,
} from './report-format.js';

/** Trades table rows shown at most: the first and last half of this when there are more. */
export const DEFAULT_TRADE_ROWS = 500;

const FILL_MODEL_TEXT: Readonly<Record<BacktestResult['fill'], string>> = {
  next_open: 'next_open (a decision on bar t’s close fills at bar t+1’s open)',
  close: 'close (a decision on bar t’s close fills at that close)',
};

type MetricFormat = 'money' | 'pct' | 'ratio' | 'count';

/** Every metric with its label and form; a Record over the keys, so a new metric cannot be forgotten here. */
const METRIC_ROWS: Readonly<Record<keyof BacktestMetrics, readonly [string, MetricFormat]>> = {
  initialEquity: ['Initial equity', 'money'],
  finalEquity: ['Final equity', 'money'],
  netPnl: ['Net P&L', 'money'],
  totalReturnPct: ['Total return', 'pct'],
  cagrPct: ['CAGR', 'pct'],
  sharpe: ['Sharpe ratio', 'ratio'],
  sortino: ['Sortino ratio', 'ratio'],
  maxDrawdownPct: ['Max drawdown', 'pct'],
  winRatePct: ['Win rate', 'pct'],
  profitFactor: ['Profit factor', 'ratio'],
  exposurePct: ['Exposure', 'pct'],
  tradeCount: ['Trades', 'count'],
  averageTrade: ['Average trade', 'money'],
  averageTradePct: ['Average trade %', 'pct'],
  commission: ['Commission', 'money'],
};

function formatMetric(value: string | number | null, form: MetricFormat): string {
  if (value === null) return NOT_AVAILABLE;
  if (typeof value === 'string') return form === 'money' ? formatMoney(value) : value;
  if (form === 'pct') return formatPct(value);
  if (form === 'count') return formatNumber(value, 0);
  return formatNumber(value, 2);
}

/** Sign class for colouring: 'pos', 'neg' or ''. */
function signClass(value: string | number | null): string {
  if (value === null) return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n === 0) return '';
  return n > 0 ? 'pos' : 'neg';
}

function row(label: string, valueHtml: string, cls = '', attrs = ''): string {
  return `<tr${attrs}><th scope="row">${escapeHtml(label)}</th><td${cls === '' ? '' : ` class="${cls}"`}>${valueHtml}</td></tr>`;
}

/** Run facts: strategy, params, symbols, period, timeframe, fill model, counts and run id. */
export function renderRunFacts(result: BacktestResult): string {
  const rows = [
    row('Strategy', escapeHtml(result.strategy)),
    row('Parameters', escapeHtml(formatParams(result.params))),
    row('Symbols', escapeHtml(result.symbols.join(', ') || NOT_AVAILABLE)),
    row('Period', `${escapeHtml(formatEtTime(result.from))} → ${escapeHtml(formatEtTime(result.to))}`),
    row('Timeframe', escapeHtml(result.timeframe)),
    row('Fill model', escapeHtml(FILL_MODEL_TEXT[result.fill])),
    row('Bars', escapeHtml(formatNumber(result.bars, 0))),
    row('Signals', escapeHtml(`${String(result.signals.approved)} approved, ${String(result.signals.denied)} denied`)),
    row('Fills', escapeHtml(formatNumber(result.fills.length, 0))),
    row('Run', escapeHtml(`${result.runId} · ${formatDuration(result.elapsedMs)}`)),
  ];
  return `<section><h2>Run</h2><table class="facts" data-testid="run-header">${rows.join('')}</table></section>`;
}

/** The metrics table (SPEC §11), every field of BacktestMetrics. */
export function renderMetrics(metrics: BacktestMetrics): string {
  const rows = (Object.keys(METRIC_ROWS) as (keyof BacktestMetrics)[]).map((key) => {
    const [label, form] = METRIC_ROWS[key];
    const value = metrics[key];
    const cls = key === 'netPnl' || key === 'totalReturnPct' || key === 'averageTrade' ? signClass(value) : '';
    return row(label, escapeHtml(formatMetric(value, form)), cls, ` data-metric="${key}"`);
  });
  return `<section><h2>Metrics</h2><table class="metrics" data-testid="metrics">${rows.join('')}</table></section>`;
}

/** Positions still open at the end of the data; empty string when none. */
export function renderOpenPositions(result: BacktestResult): string {
  if (result.openPositions.length === 0) return '';
  const rows = result.openPositions.map(
    (p) => `<tr><td>${escapeHtml(p.symbol)}</td><td class="num">${escapeHtml(formatDecimal(p.qty))}</td><td class="num">${escapeHtml(formatDecimal(p.lastPrice))}</td></tr>`,
  );
  return `<section><h2>Open at the end (valued at the last close)</h2><table class="list"><thead><tr><th>Symbol</th><th>Qty</th><th>Last price</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** A trade's pnlPct is a fraction of the entry cost (0.015 = 1.5 %), as the portfolio computes it. */
function pnlPctText(value: string): string {
  const fraction = Decimal.tryOf(value);
  return fraction === undefined ? value : formatPct(fraction.times(100).toNumber());
}

function tradeRow(trade: BacktestTrade, index: number): string {
  const cells = [
    [String(index + 1), 'num'],
    [trade.symbol, ''],
    [trade.side, ''],
    [formatDecimal(trade.qty), 'num'],
    [formatEtTime(trade.entryTs), ''],
    [formatDecimal(trade.entryPrice), 'num'],
    [formatEtTime(trade.exitTs), ''],
    [formatDecimal(trade.exitPrice), 'num'],
    [formatMoney(trade.pnl), `num ${signClass(trade.pnl)}`],
    [pnlPctText(trade.pnlPct), `num ${signClass(trade.pnlPct)}`],
    [formatMoney(trade.commission), 'num'],
    [trade.exitReason ?? NOT_AVAILABLE, ''],
  ] as const;
  return `<tr>${cells.map(([text, cls]) => `<td${cls.trim() === '' ? '' : ` class="${cls.trim()}"`}>${escapeHtml(text)}</td>`).join('')}</tr>`;
}

const TRADE_HEAD = ['#', 'Symbol', 'Side', 'Qty', 'Entry (ET)', 'Entry price', 'Exit (ET)', 'Exit price', 'P&L', 'P&L %', 'Commission', 'Exit reason'];

/** Round trips, at most `maxRows` rows (first and last half, with a note row for the ones left out). */
export function renderTrades(trades: readonly BacktestTrade[], maxRows: number = DEFAULT_TRADE_ROWS): string {
  const head = `<thead><tr>${TRADE_HEAD.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  if (trades.length === 0) return `<section><h2>Trades</h2><p class="note">No completed trades.</p></section>`;
  let body: string;
  let note = `${formatNumber(trades.length, 0)} trades.`;
  if (trades.length <= maxRows) {
    body = trades.map(tradeRow).join('');
  } else {
    const first = Math.ceil(maxRows / 2);
    const lastStart = trades.length - (maxRows - first);
    const hidden = lastStart - first;
    note = `${formatNumber(trades.length, 0)} trades: showing the first ${formatNumber(first, 0)} and the last ${formatNumber(maxRows - first, 0)}.`;
    body = [
      trades.slice(0, first).map(tradeRow).join(''),
      `<tr class="gap"><td colspan="${String(TRADE_HEAD.length)}">… ${escapeHtml(formatNumber(hidden, 0))} trades not shown …</td></tr>`,
      trades.slice(lastStart).map((t, i) => tradeRow(t, lastStart + i)).join(''),
    ].join('');
  }
  return `<section><h2>Trades</h2><p class="note" data-testid="trades-note">${escapeHtml(note)}</p><div class="scroll"><table class="list" data-testid="trades">${head}<tbody>${body}</tbody></table></div></section>`;
}
