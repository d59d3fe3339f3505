// TEST-ONLY contract suite every indicator must pass (DESIGN §3.12, §3.15): stability at warm-up, replace
// equals a fresh run on the revised series, reset, determinism, finite outputs, clear errors.
// Exists so a new indicator proves the same behaviour with one call, and the engine can rely on it.
// Must never: be imported by production code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Indicator } from './indicator.js';

export interface IndicatorContract<In, Out> {
  readonly name: string;
  readonly create: () => Indicator<In, Out>;
  /** Valid input series (every input valid; bars in time order). */
  readonly series: fc.Arbitrary<In[]>;
  /** A revised version of `input` (same time for bars) taking its values from `other`. */
  readonly revise: (input: In, other: In) => In;
  /** Inputs that must be rejected, each with the field name the error must mention. */
  readonly badInputs: ReadonlyArray<{ readonly input: In; readonly field: string }>;
  /** Constructions that must throw a RangeError naming `param`. */
  readonly badConstructions: ReadonlyArray<{ readonly make: () => unknown; readonly param: string }>;
}

interface Step<Out> {
  readonly value: Out | undefined;
  readonly previous: Out | undefined;
  readonly count: number;
  readonly isStable: boolean;
}

function observe<Out>(indicator: Indicator<unknown, Out>): Step<Out> {
  return { value: indicator.value, previous: indicator.previous, count: indicator.count, isStable: indicator.isStable };
}

function run<In, Out>(indicator: Indicator<In, Out>, inputs: readonly In[]): Step<Out>[] {
  return inputs.map((input) => {
    const returned = indicator.add(input);
    expect(returned).toEqual(indicator.value);
    return observe(indicator);
  });
}

function allFinite(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Object.values(value as Record<string, unknown>).every((v) => typeof v === 'number' && Number.isFinite(v));
}

const RUNS = { seed: 20_250_307, numRuns: 40 };

/** Registers the contract tests for one indicator configuration. */
export function describeIndicatorContract<In, Out>(spec: IndicatorContract<In, Out>): void {
  describe(`${spec.name} contract`, () => {
    it('is unstable (no value) before warm-up and stable with a value once count reaches warmUp', () => {
      fc.assert(
        fc.property(spec.series, (inputs) => {
          const indicator = spec.create();
          expect(observe(indicator)).toEqual({ value: undefined, previous: undefined, count: 0, isStable: false });
          for (const [i, step] of run(indicator, inputs).entries()) {
            expect(step.count).toBe(i + 1);
            expect(step.isStable).toBe(step.value !== undefined);
            if (step.count < indicator.warmUp) expect(step.isStable).toBe(false);
            else expect(step.isStable).toBe(true);
          }
        }),
        RUNS,
      );
    });

    it('replace (any number of times) then add equals a fresh run on the revised series', () => {
      fc.assert(
        fc.property(spec.series, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (inputs, at, others) => {
          fc.pre(inputs.length > 0);
          const k = at % inputs.length;
          const target = inputs[k] as In;
          const revisions = others.map((o) => spec.revise(target, inputs[o % inputs.length] as In));
          const last = revisions[revisions.length - 1] as In;
          const revised = inputs.map((input, i) => (i === k ? last : input));
          const fresh = run(spec.create(), revised);
          const live = spec.create();
          const steps = inputs.map((input, i) => {
            live.add(input);
            if (i === k) for (const r of revisions) expect(live.replace(r)).toEqual(live.value);
            return observe(live);
          });
          expect(steps.slice(k)).toEqual(fresh.slice(k));
        }),
        RUNS,
      );
    });

    it('reset restores the initial state and a re-run gives the same values', () => {
      fc.assert(
        fc.property(spec.series, spec.series, (first, second) => {
          const indicator = spec.create();
          run(indicator, first);
          indicator.reset();
          expect(observe(indicator)).toEqual(observe(spec.create()));
          expect(run(indicator, second)).toEqual(run(spec.create(), second));
        }),
        RUNS,
      );
    });

    it('is deterministic and never outputs NaN or Infinity on valid input', () => {
      fc.assert(
        fc.property(spec.series, (inputs) => {
          const a = run(spec.create(), inputs);
          expect(run(spec.create(), inputs)).toEqual(a);
          for (const step of a) expect(allFinite(step.value) && allFinite(step.previous)).toBe(true);
        }),
        RUNS,
      );
    });

    it('rejects bad inputs with a RangeError naming the field, and keeps its state', () => {
      const indicator = spec.create();
      const sample = fc.sample(spec.series, { seed: 7, numRuns: 1 })[0] ?? [];
      run(indicator, sample);
      const before = observe(indicator);
      for (const { input, field } of spec.badInputs) {
        expect(() => indicator.add(input)).toThrow(RangeError);
        expect(() => indicator.add(input)).toThrow(new RegExp(`invalid ${field}\\b`));
        if (indicator.count > 0) expect(() => indicator.replace(input)).toThrow(RangeError);
        expect(observe(indicator)).toEqual(before);
      }
    });

    it('rejects bad parameters with a RangeError naming the parameter and the allowed range', () => {
      for (const { make, param } of spec.badConstructions) {
        expect(make).toThrow(RangeError);
        expect(make).toThrow(new RegExp(`invalid ${param} .*expected`));
      }
    });

    it('refuses replace before any add', () => {
      const [series = []] = fc.sample(spec.series.filter((s) => s.length > 0), { seed: 1, numRuns: 1 });
      expect(() => spec.create().replace(series[0] as In)).toThrow(/replace\(\) called before any add/);
    });
  });
}
