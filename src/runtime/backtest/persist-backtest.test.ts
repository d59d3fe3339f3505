// Backtest runs and trades written to and read back from a real SQLite store: a completed run round-trips its
// trades, metrics and parameters; runs start 'running' and end 'completed' or 'failed'; a repeated run id gets a
// suffix; a bad trade rolls the whole completion back; listings survive rows of an older metrics format.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { openStore } from '../../adapters/sqlite/index.js';
import { computeMetrics, type PerformanceMetrics } from '../../core/portfolio/metrics/index.js';
import { DEFAULT_RISK_LIMITS } from '../../core/risk/index.js';
import { Decimal } from '../../domain/decimal.js';
import { asRunId, parseStrategyId } from '../../domain/ids.js';
import { StoreNotFoundError, type Store } from '../../ports/store.js';
import type { BacktestMetrics, BacktestResult, BacktestSpec, BacktestTrade } from './backtest-types.js';
import { getBacktest, listBacktests } from './list-backtests.js';
import {
  BacktestPersistError,
  completeBacktestRun,
  failBacktestRun,
  MAX_RUN_ERROR_LENGTH,
  persistBacktest,
  runStartOf,
  startBacktestRun,
} from './persist-backtest.js';

const T0 = Date.parse('2025-01-06T14:30:00Z');
const MIN = 60_000;

const TRADES: BacktestTrade[] = [
  {
    strategy: 'sma_crossover', symbol: 'AAPL', side: 'long', qty: '100', entryPrice: '101.21', exitPrice: '99.79',
    entryTs: T0 + 6 * MIN, exitTs: T0 + 9 * MIN, pnl: '-145', pnlPct: '-0.014326647564', commission: '3',
    exitReason: 'signal', entryClientOrderId: 'bt-entry-1', exitClientOrderId: 'bt-exit-1',
  },
  {
    strategy: 'sma_crossover', symbol: 'MSFT', side: 'short', qty: '10.5', entryPrice: '400', exitPrice: '390.5',
    entryTs: T0 + 10 * MIN, exitTs: T0 + 12 * MIN, pnl: '99.75', pnlPct: '0.02375', commission: '0',
    exitReason: 'stop', entryClientOrderId: null, exitClientOrderId: null,
  },
];

const SPEC: BacktestSpec = {
  strategy: 'sma_crossover', params: { fast: 2, slow: 3 }, data: { kind: 'bars', bars: { AAPL: [], MSFT: [] } }, fill: 'next_open',
  cash: '100000', commissionPerShare: '0.005', commissionPerOrder: '1', slippage: '0.01', sizing: { mode: 'fixed', value: 100 },
  risk: 'off', liquidate: false, limits: DEFAULT_RISK_LIMITS,
};

function result(over: Partial<BacktestResult> = {}): BacktestResult {
  const equity = { t: [T0, T0 + 6 * MIN, T0 + 12 * MIN], equity: [100000, 99998.5, 99954.75], invested: [0, 1, 0] };
  const metrics = computeMetrics({
    initialEquity: Decimal.of('100000'), finalEquity: Decimal.of('99954.75'), equity, from: T0, to: T0 + 13 * MIN,
    trades: TRADES.map((t) => ({ pnl: Decimal.of(t.pnl), pnlPct: Decimal.of(t.pnlPct), commission: Decimal.of(t.commission) })),
  });
  return {
    runId: 'bt-0123456789abcdef', strategy: 'sma_crossover', params: { fast: 2, slow: 3 }, symbols: ['AAPL', 'MSFT'], timeframe: '1Min',
    fill: 'next_open', from: T0, to: T0 + 13 * MIN, bars: 26, elapsedMs: 12.7, metrics, fills: [], trades: TRADES, equity,
    openPositions: [{ symbol: 'AAPL', qty: '5', lastPrice: '99.97' }], signals: { approved: 3, denied: 1 }, ...over,
  };
}

let store: Store;
let now = 1_000;
beforeEach(() => {
  now = 1_000;
  store = openStore(':memory:', { now: () => now++ });
});
afterEach(() => {
  store.close();
});

describe('the metrics contract', () => {
  it('PerformanceMetrics (core) is exactly BacktestMetrics (runtime)', () => {
    expectTypeOf<PerformanceMetrics>().toEqualTypeOf<BacktestMetrics>();
    expect(Object.keys(result().metrics).sort()).toEqual([
      'averageTrade', 'averageTradePct', 'cagrPct', 'commission', 'exposurePct', 'finalEquity', 'initialEquity', 'maxDrawdownPct', 'netPnl',
      'profitFactor', 'sharpe', 'sortino', 'totalReturnPct', 'tradeCount', 'winRatePct',
    ]);
  });
});

describe('persistBacktest', () => {
  it('writes a completed run whose trades, metrics and parameters read back as they were', () => {
    const r = result();
    const record = persistBacktest(store, r, { spec: SPEC });
    expect(record).toMatchObject({ id: r.runId, status: 'completed', error: null, startTs: T0, endTs: T0 + 13 * MIN, timeframe: '1Min' });
    const detail = getBacktest(store, record.id)!;
    expect(detail.trades).toEqual(r.trades);
    expect(detail.run.metrics).toEqual(r.metrics);
    expect(detail.run).toMatchObject({ status: 'completed', initialEquity: '100000', finalEquity: '99954.75', symbols: ['AAPL', 'MSFT'], strategy: 'sma_crossover' });
    expect(detail.run.run).toEqual({ bars: 26, elapsedMs: 13, fills: 0, signals: { approved: 3, denied: 1 }, openPositions: r.openPositions });
    expect(detail.run.params).toEqual({
      strategy: { fast: 2, slow: 3 }, fill: 'next_open', cash: '100000', commissionPerShare: '0.005', commissionPerOrder: '1',
      slippage: '0.01', sizing: { mode: 'fixed', value: 100 }, risk: 'off', liquidate: false, limits: { ...DEFAULT_RISK_LIMITS },
      data: { kind: 'bars', symbols: ['AAPL', 'MSFT'] },
    });
  });

  it('without a spec stores the strategy parameters and the fill model only', () => {
    expect(persistBacktest(store, result()).params).toEqual({ strategy: { fast: 2, slow: 3 }, fill: 'next_open' });
  });

  it('never overwrites: the same run id again gets -2, then -3', () => {
    const ids = [1, 2, 3].map(() => persistBacktest(store, result()).id);
    expect(ids).toEqual(['bt-0123456789abcdef', 'bt-0123456789abcdef-2', 'bt-0123456789abcdef-3']);
    expect(listBacktests(store).map((run) => run.id)).toEqual([...ids].reverse());
    expect(store.backtests.trades(asRunId(ids[0]!))).toHaveLength(2);
  });

  it('a result with a malformed trade writes nothing at all', () => {
    const bad = result({ trades: [TRADES[0]!, { ...TRADES[1]!, exitTs: T0 }] }); // exit before entry
    expect(() => persistBacktest(store, bad)).toThrow(/exit_ts .* is before entry_ts/);
    expect(listBacktests(store)).toEqual([]);
  });

  it('status failed keeps the metrics and trades and records the error', () => {
    const record = persistBacktest(store, result(), { status: 'failed', error: new Error('report could not be written') });
    expect(record).toMatchObject({ status: 'failed', error: 'Error: report could not be written' });
    expect(getBacktest(store, record.id)?.trades).toHaveLength(2);
  });

  it('names parameters that are not JSON', () => {
    expect(() => persistBacktest(store, result({ params: { fast: 10n } }))).toThrow(BacktestPersistError);
    expect(() => persistBacktest(store, result({ params: { fast: 10n } }))).toThrow(/params is not JSON-serialisable/);
  });
});

describe('start, complete, fail', () => {
  it('a run is listed as running (no metrics) until completed', () => {
    const started = startBacktestRun(store, runStartOf(result(), SPEC));
    expect(started.status).toBe('running');
    expect(listBacktests(store)[0]).toMatchObject({ id: started.id, status: 'running', metrics: null, run: null, finalEquity: null, finishedAt: null });
    const done = completeBacktestRun(store, started.id, result());
    expect(done.status).toBe('completed');
    expect(listBacktests(store)[0]?.metrics?.tradeCount).toBe(2);
  });

  it('a completion with a bad trade rolls back: the run stays running with no trades', () => {
    const started = startBacktestRun(store, runStartOf(result()));
    const bad = result({ trades: [TRADES[0]!, { ...TRADES[1]!, symbol: 'not a ticker' }] });
    expect(() => completeBacktestRun(store, started.id, bad)).toThrow(/not a ticker/);
    expect(store.backtests.getRun(started.id)?.status).toBe('running');
    expect(store.backtests.trades(started.id)).toEqual([]);
  });

  it('a failed run keeps the error message, cut to its maximum length', () => {
    const started = startBacktestRun(store, runStartOf(result()));
    const failed = failBacktestRun(store, started.id, new RangeError('x'.repeat(5000)));
    expect(failed.status).toBe('failed');
    expect(failed.error).toHaveLength(MAX_RUN_ERROR_LENGTH);
    expect(failed.error?.startsWith('RangeError: xxx')).toBe(true);
    expect(failBacktestRun(store, started.id, 'plain text').error).toBe('plain text');
  });

  it('finishing an unknown run is an error', () => {
    expect(() => completeBacktestRun(store, 'bt-missing', result())).toThrow(StoreNotFoundError);
    expect(() => failBacktestRun(store, 'bt-missing', new Error('x'))).toThrow(StoreNotFoundError);
  });

  it('a malformed strategy, symbol or timeframe is named before anything is written', () => {
    const start = runStartOf(result());
    expect(() => startBacktestRun(store, { ...start, strategy: 'Bad Name' })).toThrow(/strategy name "Bad Name"/);
    expect(() => startBacktestRun(store, { ...start, timeframe: '3Min' })).toThrow(/invalid timeframe "3Min"/);
    expect(listBacktests(store)).toEqual([]);
  });
});

describe('listBacktests', () => {
  it('reads a row of an older metrics format with metrics null instead of failing', () => {
    const id = asRunId('bt-old');
    store.backtests.createRun({
      id, strategy: parseStrategyId('sma_crossover'), symbols: [], timeframe: '1Day', startTs: 0, endTs: 1, params: {}, initialEquity: Decimal.of('5'),
    });
    store.backtests.finishRun(id, { status: 'completed', finalEquity: Decimal.of('6'), metrics: { trades: 2 } });
    persistBacktest(store, result());
    const [newest, old] = listBacktests(store);
    expect(newest?.metrics).not.toBeNull();
    expect(old).toMatchObject({ id: 'bt-old', metrics: null, run: null, finalEquity: '6' });
  });

  it('honours and checks the limit', () => {
    for (let i = 0; i < 3; i++) persistBacktest(store, result());
    expect(listBacktests(store, { limit: 2 })).toHaveLength(2);
    expect(() => listBacktests(store, { limit: 0 })).toThrow(/limit must be an integer from 1 to 10000, got 0/);
    expect(() => listBacktests(store, { limit: 1.5 })).toThrow(/got 1.5/);
  });

  it('getBacktest of an unknown run is undefined', () => {
    expect(getBacktest(store, 'bt-nope')).toBeUndefined();
  });
});
