// Proves fault specs are validated with errors that name the field, the bad value and the allowed values,
// that JSON and YAML files both load, and that the injector fires each fault as many times as asked.
import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-injector.js';
import { parseFaultFile, parseFaultSpecs } from './fault-spec.js';

describe('parseFaultSpecs', () => {
  it.each([
    [{ type: 'explode' }, 'faults.type: must be one of rest_error, rest_timeout, reject_orders, drop_connection, stall_stream, trade_update, malformed_frame, got "explode"'],
    [{ type: 'rest_error' }, 'faults.status: required; allowed values: 429, 500, 502, 503, 504'],
    [{ type: 'rest_error', status: 500, fraction: 2 }, 'faults.fraction: must be a number in (0, 1], got 2'],
    [{ type: 'rest_error', status: 500, next: 2, fraction: 0.5 }, 'faults: give either "next" or "fraction", not both'],
    [{ type: 'rest_error', status: 500, method: 'PUT' }, 'faults.method: must be one of GET, POST, PATCH, DELETE, got "PUT"'],
    [{ type: 'rest_timeout', path: 'v2/orders' }, 'faults.path: must be a path prefix starting with "/"'],
    [{ type: 'drop_connection', stream: 'news' }, 'faults.stream: must be one of market_data, trading, got "news"'],
    [{ type: 'stall_stream', stream: 'trading', duration_ms: 0 }, 'faults.duration_ms: must be an integer in 1..86400000, got 0'],
    [{ type: 'trade_update', action: 'delay' }, 'faults.delay_ms: required when action is "delay"'],
    [{ type: 'malformed_frame', stream: 'trading', at: 'noon' }, 'faults.at: must be an ISO-8601 virtual time'],
    ['rest_error', 'faults: must be an object with a "type"'],
  ])('%j → %s', (spec, message) => {
    expect(() => parseFaultSpecs(spec)).toThrow(message);
  });

  it('names the list index of the bad entry', () => {
    expect(() => parseFaultSpecs({ faults: [{ type: 'reject_orders', count: 1 }, { type: 'reject_orders', count: -1 }] })).toThrow('faults[1].count: must be an integer in 1..1000000, got -1');
  });

  it('reads YAML and JSON files with defaults filled in', () => {
    const yaml = 'faults:\n  - type: rest_error\n    status: 503\n    method: get\n  - type: stall_stream\n    stream: market_data\n    at: 2024-06-11T14:00:00Z\n';
    expect(parseFaultFile(yaml, 'f.yaml')).toEqual([
      { type: 'rest_error', status: 503, next: 1, method: 'GET' },
      { type: 'stall_stream', stream: 'market_data', at: '2024-06-11T14:00:00Z' },
    ]);
    expect(parseFaultFile('[{"type":"trade_update","action":"drop","next":2}]', 'f.json')).toEqual([{ type: 'trade_update', action: 'drop', next: 2 }]);
    expect(() => parseFaultFile('faults: [', 'bad.yaml')).toThrow('bad.yaml: not valid JSON/YAML');
  });
});

describe('FaultInjector', () => {
  it('fires next-N faults N times, only on matching calls, and stream faults only from their virtual time', () => {
    const log: string[] = [];
    const rejected: number[] = [];
    const faults = new FaultInjector({ log: (l) => log.push(l), rejectNext: (n) => rejected.push(n) });
    faults.add([
      { type: 'rest_error', status: 500, next: 2, path: '/v2/orders' },
      { type: 'drop_connection', stream: 'trading', at: '2024-06-11T14:00:00Z' },
      { type: 'reject_orders', count: 3 },
    ]);
    expect(faults.restFault('GET', '/v2/account')).toBeUndefined();
    expect(faults.restFault('POST', '/v2/orders')).toEqual({ kind: 'status', status: 500 });
    expect(faults.restFault('GET', '/v2/orders/x')).toEqual({ kind: 'status', status: 500 });
    expect(faults.restFault('GET', '/v2/orders')).toBeUndefined();
    expect(faults.streamFault('trading', Date.parse('2024-06-11T13:59:00Z'), 'c1')).toBeUndefined();
    expect(faults.streamFault('market_data', Date.parse('2024-06-11T14:00:00Z'), 'c1')).toBeUndefined();
    expect(faults.streamFault('trading', Date.parse('2024-06-11T14:00:00Z'), 'c1')).toEqual({ kind: 'drop' });
    expect(rejected).toEqual([3]);
    expect(log).toHaveLength(4);
    expect(faults.list().map((f) => f.remaining)).toEqual([0, 0, 0]);
  });

  it('fractions are seeded: the same seed misbehaves the same way', () => {
    const run = (): boolean[] => {
      const faults = new FaultInjector({ log: () => undefined, seed: 9 });
      faults.add({ type: 'rest_error', status: 503, fraction: 0.3 });
      return Array.from({ length: 50 }, () => faults.restFault('GET', '/v2/clock') !== undefined);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(5);
    expect(first.filter(Boolean).length).toBeLessThan(30);
  });
});
