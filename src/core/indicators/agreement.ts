// TEST-ONLY comparison of an indicator's outputs with TA-Lib's, index by index.
// Exists so every agreement test (random series, the committed fixture, real data) applies the same rule:
// defined exactly where TA-Lib is (isStable), and within a relative tolerance where both are defined.
// Must never: be imported by production code.
import type { Indicator } from './indicator.js';
import type { Series } from './talib-oracle.js';

/** |a − b| ≤ tol × max(|a|, |b|) (a relative tolerance; equal values always pass, including 0 and 0). */
export function relativelyClose(a: number, b: number, tol: number): boolean {
  return a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/** Feeds `inputs` and lists every index where `pick(value)` disagrees with `expected` (empty = agreement). */
export function disagreements<In, Out>(
  indicator: Indicator<In, Out>,
  inputs: readonly In[],
  outputs: ReadonlyArray<{ readonly name: string; readonly pick: (v: Out) => number; readonly expected: Series }>,
  tol: number,
): string[] {
  const problems: string[] = [];
  inputs.forEach((input, i) => {
    const value = indicator.add(input);
    for (const { name, pick, expected } of outputs) {
      const want = expected[i];
      if (want === undefined || value === undefined || !indicator.isStable) {
        if ((want === undefined) !== (value === undefined) || (want === undefined) === indicator.isStable) {
          problems.push(`${name}[${i}]: got ${String(value === undefined ? value : pick(value))} (stable ${indicator.isStable}), TA-Lib ${String(want)}`);
        }
      } else if (!relativelyClose(pick(value), want, tol)) {
        problems.push(`${name}[${i}]: got ${pick(value)}, TA-Lib ${want}`);
      }
    }
  });
  return problems.slice(0, 5);
}
