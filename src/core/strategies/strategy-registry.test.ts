import { describe, expect, it } from 'vitest';
import { BUILTIN_STRATEGIES } from './builtins.js';
import { checkDefinition } from './definition-check.js';
import { checkStrategyConfig } from './check-strategy-config.js';
import { StrategyRegistry } from './strategy-registry.js';
import { scriptedStrategy } from './strategy-test-kit.js';

describe('StrategyRegistry and definition checks', () => {
  it('holds the built-ins; a user file may not take a built-in name and must define its own name', () => {
    const registry = new StrategyRegistry(BUILTIN_STRATEGIES);
    expect(registry.names()).toEqual(expect.arrayContaining(['mtf_sma', 'sma_crossover']));
    const clash = registry.applyFileEvent({ kind: 'loaded', file: '/s/sma_crossover.ts', exported: scriptedStrategy('sma_crossover', () => ({})) });
    expect(clash).toMatchObject({ status: 'rejected' });
    expect(registry.get('sma_crossover')).toMatchObject({ status: 'ok', file: undefined });
    const mismatch = registry.applyFileEvent({ kind: 'loaded', file: '/s/alpha.ts', exported: scriptedStrategy('beta', () => ({})) });
    expect(mismatch.message).toContain('its name is "beta" but the file is named alpha');
    expect(registry.applyFileEvent({ kind: 'removed', file: '/s/alpha.ts' }).status).toBe('removed');
    expect(registry.get('alpha')).toBeUndefined();
  });

  it('garbage exports are named precisely', () => {
    const ok = scriptedStrategy('fine', () => ({}));
    const problem = (value: unknown) => {
      const check = checkDefinition(value);
      return check.ok ? 'ok' : check.problem;
    };
    expect(problem(ok)).toBe('ok');
    expect(problem(undefined)).toBe('the default export is undefined: expected defineStrategy({...})');
    expect(problem({ ...ok, name: 'Bad-Name' })).toContain('name "Bad-Name": expected lower_snake_case');
    expect(problem({ ...ok, defaultTimeframe: '3Min' })).toContain('defaultTimeframe "3Min": allowed 1Min, 2Min');
    expect(problem({ ...ok, decide: 'nope' })).toBe('decide: expected a function, got string');
    expect(problem({ ...ok, params: {} })).toBe('params: expected a zod schema (z.object({...}))');
    expect(problem({ ...ok, stateVersion: 0 })).toContain('stateVersion 0');
  });

  it('checkStrategyConfig lists unknown strategies and bad params, one sentence each', () => {
    const registry = new StrategyRegistry(BUILTIN_STRATEGIES);
    expect(checkStrategyConfig([
      { name: 'sma_crossover', enabled: true, params: { fast: 40, slow: 30 } },
      { name: 'mystery', enabled: true, params: {} },
      { name: 'mystery_off', enabled: false, params: {} },
    ], registry)).toEqual([
      'strategy sma_crossover: params.fast = 40: fast must be shorter than slow',
      expect.stringContaining('strategies: unknown strategy "mystery": allowed '),
    ]);
  });
});
