// Micro-benchmarks of the domain basics on the hot paths: client_order_id derivation and Decimal arithmetic.
import { performance } from 'node:perf_hooks';
import { deriveClientOrderId } from '../src/domain/client-order-id.js';
import { dec } from '../src/domain/decimal.js';
import type { BenchResult } from './run.js';

function rate(iterations: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(iterations, 1000); i += 1) fn(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) fn(i);
  return Math.round(iterations / ((performance.now() - start) / 1000));
}

export function benchDomain(): Promise<BenchResult[]> {
  const ids = rate(100_000, (i) => deriveClientOrderId({ strategy: 'sma_crossover', symbol: 'AAPL', timeframe: '1Min', signalTs: 1_741_617_000_000 + i * 60_000, side: 'buy', role: 'entry' }));
  const price = dec('123.4567');
  let acc = dec(0);
  const adds = rate(1_000_000, () => {
    acc = acc.plus(price);
  });
  return Promise.resolve([
    { name: 'client_order_id derivations per second', value: ids, unit: 'ops/s' },
    { name: 'Decimal additions per second', value: adds, unit: 'ops/s' },
  ]);
}
