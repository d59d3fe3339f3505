// Builds what one strategy instance needs from its definition and params — warm-up count, lookback, the
// indicator set and the initial state — calling the definition's functions under guard, because a user
// definition can throw or return nonsense from any of them.
// Must never: let a definition's exception escape; every problem comes back as a sentence naming the function.
import type { Bar } from '../../domain/bar.js';
import type { Indicator } from '../indicators/index.js';
import { findNonJson } from './json-state.js';
import type { IndicatorSpec, StrategyDefinition } from './strategy-api.js';
import { describeThrown } from './strategy-events.js';

const INDICATOR_INPUTS: readonly IndicatorSpec['input'][] = ['close', 'open', 'high', 'low', 'volume', 'bar'];

/** One indicator of an instance, fed from each candle. */
export interface InstanceIndicator {
  readonly name: string;
  readonly input: IndicatorSpec['input'];
  readonly indicator: Indicator<Bar, unknown> | Indicator<number, unknown>;
}

export interface InstanceSetup {
  readonly warmUp: number;
  readonly lookback: number;
  readonly indicators: readonly InstanceIndicator[];
  readonly initialState: unknown;
}

export type SetupResult = { readonly ok: true; readonly setup: InstanceSetup } | { readonly ok: false; readonly problem: string };

function guarded<T>(what: string, fn: () => T): { ok: true; value: T } | { ok: false; problem: string } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, problem: `${what} threw ${describeThrown(error)}` };
  }
}

function countProblem(what: string, value: unknown, min: number): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min ? undefined : `${what} returned ${String(value)}: expected a whole number >= ${min}`;
}

function buildIndicators(specs: unknown): { ok: true; value: InstanceIndicator[] } | { ok: false; problem: string } {
  if (typeof specs !== 'object' || specs === null) return { ok: false, problem: 'indicators(params) must return an object of { create, input } specs' };
  const out: InstanceIndicator[] = [];
  for (const [name, raw] of Object.entries(specs)) {
    const spec = raw as Partial<IndicatorSpec> | null;
    if (spec === null || typeof spec.create !== 'function') return { ok: false, problem: `indicators.${name}.create must be a function returning an indicator` };
    const input = spec.input;
    if (input === undefined || !INDICATOR_INPUTS.includes(input)) return { ok: false, problem: `indicators.${name}.input ${JSON.stringify(input)}: allowed ${INDICATOR_INPUTS.join(', ')}` };
    const built = guarded(`indicators.${name}.create()`, spec.create);
    if (!built.ok) return built;
    const indicator = built.value as Partial<Indicator<unknown, unknown>> | null;
    if (indicator === null || typeof indicator !== 'object' || typeof indicator.add !== 'function') return { ok: false, problem: `indicators.${name}.create() did not return an indicator (an object with add)` };
    out.push({ name, input, indicator: built.value });
  }
  return { ok: true, value: out };
}

/** Calls warmUp, lookback, indicators and initialState of `definition` for `params`, checking each result. */
export function setUpInstance<P, S>(definition: StrategyDefinition<P, S>, params: P): SetupResult {
  const warmUp = guarded('warmUp(params)', () => definition.warmUp(params));
  if (!warmUp.ok) return warmUp;
  const warmProblem = countProblem('warmUp(params)', warmUp.value, 0);
  if (warmProblem !== undefined) return { ok: false, problem: warmProblem };
  const lookback = guarded('lookback(params)', () => (definition.lookback === undefined ? 1 : definition.lookback(params)));
  if (!lookback.ok) return lookback;
  const lookProblem = countProblem('lookback(params)', lookback.value, 1);
  if (lookProblem !== undefined) return { ok: false, problem: lookProblem };
  const specs = guarded('indicators(params)', () => definition.indicators(params));
  if (!specs.ok) return specs;
  const indicators = buildIndicators(specs.value);
  if (!indicators.ok) return indicators;
  const initial = guarded('initialState(params)', () => definition.initialState(params));
  if (!initial.ok) return initial;
  const stateProblem = findNonJson(initial.value, 'initialState(params)');
  if (stateProblem !== undefined) return { ok: false, problem: stateProblem };
  return { ok: true, setup: { warmUp: warmUp.value, lookback: lookback.value, indicators: indicators.value, initialState: initial.value } };
}
