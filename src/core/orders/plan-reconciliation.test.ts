// Each SPEC §8 case on the pure planner: broker FILLED/CANCELED → sync; PENDING_SUBMIT without a broker order →
// lookup; unknown broker position → adopt; vanished local position → close locally; no active stop → place one.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../domain/decimal.js';
import type { BrokerOrderId, ClientOrderId, CorrelationId, StrategyId, Ticker } from '../../domain/ids.js';
import type { OrderState } from '../../domain/order.js';
import type { OrderReport, PositionReport } from '../../ports/execution-client.js';
import type { OrderIntentRecord } from '../../ports/store.js';
import { planReconciliation } from './plan-reconciliation.js';

const d = (v: string | number): Decimal => Decimal.of(v);
const limits = { defaultStopPct: d('0.02') };

function intent(cid: string, state: OrderState, o: Partial<OrderIntentRecord> = {}): OrderIntentRecord {
  return {
    clientOrderId: cid as ClientOrderId, brokerOrderId: null, correlationId: 'c' as CorrelationId, strategy: 's' as StrategyId, symbol: 'AAPL' as Ticker,
    side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple', qty: d(10), limitPrice: null, stopPrice: null, filledQty: d(0), avgFillPrice: null,
    state, version: 1, parentClientOrderId: null, role: 'entry', attempts: 0, lastError: null, signalTs: 0, extra: null, createdAt: 0, updatedAt: 0, ...o,
  };
}
function report(cid: string, status: OrderReport['status'], o: Partial<OrderReport> = {}): OrderReport {
  return {
    brokerOrderId: `b-${cid}` as BrokerOrderId, clientOrderId: cid as ClientOrderId, symbol: 'AAPL', side: 'buy', type: 'market', timeInForce: 'day', orderClass: 'simple',
    status, qty: d(10), filledQty: d(0), filledAvgPrice: null, limitPrice: null, stopPrice: null, submittedAt: 0, updatedAt: 0, legs: [], ...o,
  };
}
const pos = (symbol: string, qty: number, avg = '100', current: string | null = '101'): PositionReport => ({ symbol, qty: d(qty), avgEntryPrice: d(avg), currentPrice: current === null ? null : d(current), marketValue: null, unrealizedPl: null });

describe('planReconciliation', () => {
  it('local SUBMITTED/ACCEPTED but broker FILLED or CANCELED → sync_order with the report', () => {
    const filled = report('a', 'filled', { filledQty: d(10), filledAvgPrice: d('100') });
    const canceled = report('b', 'canceled');
    const actions = planReconciliation(
      { openOrders: [intent('a', 'SUBMITTED', { brokerOrderId: filled.brokerOrderId }), intent('b', 'ACCEPTED', { brokerOrderId: canceled.brokerOrderId })], positions: [] },
      { orders: [filled, canceled], positions: [] }, limits,
    );
    expect(actions).toEqual([{ kind: 'sync_order', clientOrderId: 'a', report: filled }, { kind: 'sync_order', clientOrderId: 'b', report: canceled }]);
  });

  it('in-sync open orders produce nothing', () => {
    const r = report('a', 'new');
    expect(planReconciliation({ openOrders: [intent('a', 'ACCEPTED', { brokerOrderId: r.brokerOrderId })], positions: [] }, { orders: [r], positions: [] }, limits)).toEqual([]);
  });

  it('PENDING_SUBMIT without a broker order → lookup_order; with one (crash before the answer) → sync', () => {
    const landed = report('p2', 'new');
    const actions = planReconciliation({ openOrders: [intent('p1', 'PENDING_SUBMIT'), intent('p2', 'PENDING_SUBMIT')], positions: [] }, { orders: [landed], positions: [] }, limits);
    expect(actions).toEqual([{ kind: 'lookup_order', clientOrderId: 'p1', localState: 'PENDING_SUBMIT' }, { kind: 'sync_order', clientOrderId: 'p2', report: landed }]);
  });

  it('broker position unknown locally → adopt_position, and without a stop → place_stop at the default distance', () => {
    const actions = planReconciliation({ openOrders: [], positions: [] }, { orders: [], positions: [pos('MSFT', 10, '100', '99')] }, limits);
    expect(actions).toEqual([
      { kind: 'adopt_position', symbol: 'MSFT', qty: d(10), avgEntryPrice: d('100') },
      { kind: 'place_stop', symbol: 'MSFT', qty: d(10), stopPrice: d('97.02'), covered: d(0) },
    ]);
  });

  it('counts working stop orders (bracket legs included) and tops up only the uncovered part; shorts get a buy stop above', () => {
    const leg = report('leg', 'held', { side: 'sell', type: 'stop', qty: d(6), stopPrice: d('95') });
    const bracket = report('e', 'filled', { legs: [leg], filledQty: d(10) });
    const actions = planReconciliation({ openOrders: [], positions: [{ symbol: 'AAPL', qty: d(10) }, { symbol: 'TSLA', qty: d(-5) }] }, { orders: [bracket], positions: [pos('AAPL', 10), pos('TSLA', -5, '200', '201')] }, limits);
    expect(actions.filter((a) => a.kind === 'place_stop')).toEqual([
      { kind: 'place_stop', symbol: 'AAPL', qty: d(4), stopPrice: d(98), covered: d(6) },
      { kind: 'place_stop', symbol: 'TSLA', qty: d(5), stopPrice: d('205.02'), covered: d(0) },
    ]);
    expect(actions.flatMap((a) => (a.kind === 'unknown_broker_order' ? [a.report.clientOrderId] : []))).toEqual(['leg']);
  });

  it('a working market exit holds its shares (no stop on top of it); a limit exit does not', () => {
    const exit = report('x', 'new', { side: 'sell', type: 'market', qty: d(10) });
    const limit = report('tp', 'new', { side: 'sell', type: 'limit', qty: d(5), limitPrice: d('110'), symbol: 'TSLA' });
    const local = { openOrders: [intent('x', 'ACCEPTED', { brokerOrderId: exit.brokerOrderId, side: 'sell', role: 'exit' }), intent('tp', 'ACCEPTED', { brokerOrderId: limit.brokerOrderId, side: 'sell', role: 'exit', symbol: 'TSLA' as Ticker })], positions: [{ symbol: 'AAPL', qty: d(10) }, { symbol: 'TSLA', qty: d(5) }] };
    const actions = planReconciliation(local, { orders: [exit, limit], positions: [pos('AAPL', 10), pos('TSLA', 5, '100', '100')] }, limits);
    expect(actions).toEqual([{ kind: 'place_stop', symbol: 'TSLA', qty: d(5), stopPrice: d(98), covered: d(0) }]);
  });

  it('local position gone at the broker → close_local_position', () => {
    expect(planReconciliation({ openOrders: [], positions: [{ symbol: 'NVDA', qty: d(3) }] }, { orders: [], positions: [] }, limits)).toEqual([{ kind: 'close_local_position', symbol: 'NVDA', localQty: d(3) }]);
  });
});
