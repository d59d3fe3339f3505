// Test helpers for lifecycle tests and the status/report CLI tests: a store seeded with one ET day of activity
// (trades, fills, signals with decisions, equity snapshots) whose summary is known. Must never: be imported by
// production code.
import { etDateTime } from '../../domain/calendar/index.js';
import { Decimal } from '../../domain/decimal.js';
import { asCorrelationId, parseClientOrderId, parseStrategyId, parseTicker } from '../../domain/ids.js';
import type { Store } from '../../ports/store.js';
import type { StatusSnapshotInput } from './status-file.js';

/** Seeds `date` (ET) with: 3 trades (+120.50, -40.25, 0), 4 fills, 5 signals (2 approved, 2 denied, 1 undecided), 2 equity points. */
export function seedTradingDay(store: Store, date: string): void {
  const at = (hhmm: string): number => etDateTime(date, hhmm);
  const strategy = parseStrategyId('sma_crossover');
  const symbol = parseTicker('AAPL');
  const cid = (n: number) => parseClientOrderId(`${date.replaceAll('-', '')}0000000${String(n)}`.slice(0, 16).padEnd(16, '0'));
  for (let i = 1; i <= 4; i++) {
    store.orderIntents.insert({
      clientOrderId: cid(i), correlationId: asCorrelationId(`c${String(i)}`), strategy, symbol,
      side: i % 2 === 1 ? 'buy' : 'sell', type: 'market', timeInForce: 'day', qty: Decimal.of('10'), role: i % 2 === 1 ? 'entry' : 'exit', signalTs: at('09:45'),
    });
    store.fills.insert({ executionId: `${date}-x${String(i)}`, clientOrderId: cid(i), symbol, side: i % 2 === 1 ? 'buy' : 'sell', qty: Decimal.of('10'), price: Decimal.of('190.10'), ts: at(`1${String(i)}:00`) });
  }
  const trade = (pnl: string, exit: string, strat = strategy) => store.trades.insert({
    strategy: strat, symbol, side: 'long', qty: Decimal.of('10'), entryPrice: Decimal.of('190'), exitPrice: Decimal.of('191'),
    entryTs: at('10:00'), exitTs: at(exit), pnl: Decimal.of(pnl), pnlPct: Decimal.of('0.001'), commission: Decimal.of('0.05'), exitReason: 'signal',
  });
  trade('120.50', '11:00');
  trade('-40.25', '12:00');
  trade('0', '12:30', parseStrategyId('velez'));
  const decisions = [
    { decision: 'approved' as const }, { decision: 'approved' as const },
    { decision: 'denied' as const, code: 'KILL_SWITCH', reason: 'kill switch on' }, { decision: 'denied' as const, code: 'MAX_POSITIONS', reason: 'too many' }, undefined,
  ];
  decisions.forEach((d, i) => {
    const id = store.signals.insert({ correlationId: asCorrelationId(`s${String(i)}`), strategy, symbol, timeframe: '5Min', signalTs: at('09:45'), action: 'enter_long', reason: 'cross' });
    if (d !== undefined) store.signals.recordDecision(id, d);
  });
  store.equity.record({ ts: at('09:30'), equity: Decimal.of('25000'), cash: Decimal.of('25000'), dailyPnl: Decimal.ZERO });
  store.equity.record({ ts: at('13:00'), equity: Decimal.of('25080.25'), cash: Decimal.of('25080.25'), dailyPnl: Decimal.of('80.25') });
}

/** A snapshot as the composition root would provide it. */
export function sampleStatus(overrides: Partial<StatusSnapshotInput> = {}): StatusSnapshotInput {
  return {
    mode: 'paper', dry_run: false, run_id: 'run-1', pid: 4242, started_at: '2025-03-10T13:00:00.000Z', heartbeat: '2025-03-10T14:29:45.000Z',
    account: { equity: '25080.25', cash: '20000', buying_power: '40000' },
    pnl_today: { realized: '80.25', unrealized: '-3.5', total: '76.75' },
    positions: [{ symbol: 'AAPL', side: 'long', qty: '10', avg_entry_price: '190.1', market_value: '1897.5', unrealized_pnl: '-3.5', stop_price: '188', strategy: 'sma_crossover' }],
    trades_today: 3, trading_state: 'active',
    strategies: [{ id: 'sma_crossover', state: 'in_position', symbols: ['AAPL'] }],
    kill_switch: { on: false, reason: null, detail: null },
    breaker: { tripped: false, reason: null, tripped_at: null },
    connections: { broker: 'connected', market_data: 'connected', trade_updates: 'connected' },
    ...overrides,
  };
}
