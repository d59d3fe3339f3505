// A readable diff of two sequences that should be equal (parity tests: the decisions and fills of a backtest
// against those of a `sim` run). Names the first index where they part, with a few rows of context from both
// sides, so a failure says what differed and where instead of dumping two long arrays.
// Must never: report "equal" for sequences that differ in length or in any row.

export interface SequenceDiff {
  readonly equal: boolean;
  /** Human-readable report (empty when equal). */
  readonly report: string;
}

/**
 * Compares `left` and `right` row by row through `key` (a row's canonical text).
 * @param names labels of the two sides, e.g. ['backtest', 'sim']
 */
export function diffSequences<T>(what: string, left: readonly T[], right: readonly T[], key: (row: T) => string, names: readonly [string, string], context = 3): SequenceDiff {
  const a = left.map(key);
  const b = right.map(key);
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  if (first === a.length && first === b.length) return { equal: true, report: '' };
  const from = Math.max(0, first - context);
  const to = Math.max(a.length, b.length);
  const lines = [`${what}: first difference at #${first} (${names[0]} has ${a.length}, ${names[1]} has ${b.length})`];
  for (let i = from; i < Math.min(to, first + context + 1); i++) {
    const x = a[i] ?? '(none)';
    const y = b[i] ?? '(none)';
    const mark = x === y ? ' ' : '≠';
    lines.push(`${mark} #${i}`, `    ${names[0].padEnd(9)} ${x}`, `    ${names[1].padEnd(9)} ${y}`);
  }
  return { equal: false, report: lines.join('\n') };
}
