// The contract of a backtest run (SPEC §11): what a caller asks for (BacktestSpec) and what it gets back
// (BacktestResult). Shared by the runtime, the CLI, the metrics, the HTML report and the sweep workers, so it
// holds plain data only (structured-clone safe: no classes, no functions) — a sweep sends specs to worker threads.
// Must never: hold behaviour, or carry a secret.
import type { Bar } from '../../domain/bar.js';
import type { RiskLimits } from '../../core/risk/index.js';
import type { PerformanceMetrics } from '../../core/portfolio/metrics/index.js';

/** Fill models: `next_open` (default) fills a decision on bar t's close at bar t+1's open; `close` at bar t's close. */
export const FILL_MODELS = ['next_open', 'close'] as const;
export type FillModel = (typeof FILL_MODELS)[number];

/** Where the bars come from. `bars` is for tests and sweeps that already hold the data. */
export type BacktestData =
  | { readonly kind: 'csv'; readonly path: string; readonly symbol?: string; readonly tz?: string; readonly barEnd?: boolean }
  | {
      readonly kind: 'cache'; readonly dbPath: string; readonly symbols: readonly string[]; readonly from: string; readonly to: string;
      /** Which cached bars to replay; default 1-minute bars, or a symbol's daily bars when it has no 1-minute bars in range. */
      readonly barSize?: '1Min' | '1Day';
    }
  | { readonly kind: 'bars'; readonly bars: Readonly<Record<string, readonly Bar[]>> };

/** `--size fixed:N|pct:X|risk:X` (X a fraction: 0.1 = 10 %). */
export interface BacktestSizing {
  readonly mode: 'fixed' | 'pct' | 'risk';
  readonly value: number;
}

export interface BacktestSpec {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly data: BacktestData;
  /** Strategy timeframe override (e.g. '5Min'); default the strategy's own. */
  readonly timeframe?: string;
  readonly fill: FillModel;
  /** Starting cash, decimal string. */
  readonly cash: string;
  /** Commission per share and per order, decimal strings (≥ 0). */
  readonly commissionPerShare: string;
  readonly commissionPerOrder: string;
  /** Slippage per share, always against you (decimal string ≥ 0). */
  readonly slippage: string;
  readonly sizing?: BacktestSizing;
  /** 'off' keeps cash checks only (research runs). */
  readonly risk: 'on' | 'off';
  /** Liquidate open positions at the last close instead of valuing them there. */
  readonly liquidate: boolean;
  /** Base risk limits (the config's `risk` section); sizing and `risk` override parts of it. */
  readonly limits: RiskLimits;
  /** Folder of user strategy files (optional). */
  readonly strategiesDir?: string;
  /** Share of a bar's volume one order may take per bar (the exchange's partial-fill model). Default 0.1. */
  readonly volumeShare?: number;
  /**
   * Trading starts at this instant (epoch ms); earlier bars only warm up the strategy (as `run` warms up from
   * history before it trades). Default: trade from the first bar.
   */
  readonly startAt?: number;
}

/** One execution, as `--json` prints it. Prices and quantities are exact decimal strings. */
export interface BacktestFill {
  readonly t: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  readonly commission: string;
  readonly clientOrderId: string;
  readonly role: string;
}

/** One completed round trip. `pnl` is net of commission. */
export interface BacktestTrade {
  readonly strategy: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly qty: string;
  readonly entryPrice: string;
  readonly exitPrice: string;
  readonly entryTs: number;
  readonly exitTs: number;
  readonly pnl: string;
  readonly pnlPct: string;
  readonly commission: string;
  readonly exitReason: string | null;
  readonly entryClientOrderId: string | null;
  readonly exitClientOrderId: string | null;
}

/**
 * The equity curve, one point per minute boundary of the run (columnar: a 500k-bar run must not hold 500k
 * objects). `invested` is 1 when any position was open at that point (for exposure).
 */
export interface EquitySeries {
  readonly t: readonly number[] | Float64Array;
  readonly equity: readonly number[] | Float64Array;
  readonly invested: readonly number[] | Uint8Array;
}

/** SPEC §11 metrics (defined in core/portfolio/metrics; see docs/backtest-metrics.md). */
export type BacktestMetrics = PerformanceMetrics;

/** Candles for the report (the strategy timeframe of the first symbol, as numbers). */
export interface ReportCandles {
  readonly symbol: string;
  readonly t: readonly number[];
  readonly o: readonly number[];
  readonly h: readonly number[];
  readonly l: readonly number[];
  readonly c: readonly number[];
}

export interface BacktestResult {
  readonly runId: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly symbols: readonly string[];
  readonly timeframe: string;
  readonly fill: FillModel;
  readonly from: number;
  readonly to: number;
  readonly bars: number;
  readonly elapsedMs: number;
  readonly metrics: BacktestMetrics;
  readonly fills: readonly BacktestFill[];
  readonly trades: readonly BacktestTrade[];
  readonly equity: EquitySeries;
  /** Positions still open at the end (valued at the last close unless liquidated). */
  readonly openPositions: readonly { readonly symbol: string; readonly qty: string; readonly lastPrice: string }[];
  readonly candles?: ReportCandles;
  /** Signals by outcome. */
  readonly signals: { readonly approved: number; readonly denied: number };
}
