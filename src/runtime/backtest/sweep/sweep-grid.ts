// The parameter grid of a sweep (`--sweep fast=5:20:5,slow=20:60:10`): parses the text into named value lists and
// expands them into the ordered list of parameter sets that the sweep runs, one full backtest each.
// Ranges are computed on scaled integers, so 0.1:0.3:0.1 gives exactly 0.1, 0.2, 0.3 (no float drift).
// Must never: guess at a malformed part (every error names the part, the bad value and the allowed forms), or
// build a grid above MAX_SWEEP_COMBINATIONS sets.

/** A value a swept parameter takes: numbers from ranges and numeric list items, else booleans or strings. */
export type SweepValue = number | string | boolean;

/** One swept parameter, its values in the order written. */
export interface SweepParam {
  readonly name: string;
  readonly values: readonly SweepValue[];
  /** The part of the text it came from (for messages and reports). */
  readonly source: string;
}

/** A parsed `--sweep`: the parameters in the order written (the first varies slowest). */
export interface SweepGrid {
  readonly params: readonly SweepParam[];
}

/** One parameter set of a sweep. */
export type SweepParams = Readonly<Record<string, SweepValue>>;

/** The most parameter sets one sweep may hold. */
export const MAX_SWEEP_COMBINATIONS = 10_000;

/** Thrown for a bad `--sweep` text or grid: names the part, the bad value and the allowed forms. */
export class SweepGridError extends RangeError {
  override readonly name = 'SweepGridError';
}

const FORMS = 'allowed forms: name=start:stop:step (inclusive stop, step > 0, start ≤ stop) or name=a|b|c, parameters separated by commas, e.g. fast=5:20:5,slow=20:60:10';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_DECIMALS = 10;

interface Scaled {
  readonly units: number;
  readonly decimals: number;
}

function fail(part: string, problem: string): never {
  throw new SweepGridError(`--sweep part ${JSON.stringify(part)}: ${problem}; ${FORMS}`);
}

function parseScaled(part: string, what: string, text: string): Scaled {
  const m = NUMBER.exec(text);
  if (m === null) fail(part, `${what} ${JSON.stringify(text)} is not a number (digits with an optional sign and decimal point, e.g. 5, -2, 0.25)`);
  const decimals = (m[3] ?? '').length;
  if (decimals > MAX_DECIMALS) fail(part, `${what} ${text} has ${decimals} decimals: at most ${MAX_DECIMALS}`);
  const units = Number(`${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`);
  if (!Number.isSafeInteger(units)) fail(part, `${what} ${text} is too large`);
  return { units, decimals };
}

function rescale(part: string, what: string, value: Scaled, decimals: number): number {
  const units = value.units * 10 ** (decimals - value.decimals);
  if (!Number.isSafeInteger(units)) fail(part, `${what} is too large at ${decimals} decimals`);
  return units;
}

function parseRange(part: string, name: string, spec: string): SweepParam {
  const pieces = spec.split(':');
  if (pieces.length !== 3) fail(part, `${JSON.stringify(spec)} is a range with ${pieces.length - 1} colon(s): a range is start:stop:step`);
  const [start, stop, step] = [parseScaled(part, 'start', pieces[0] ?? ''), parseScaled(part, 'stop', pieces[1] ?? ''), parseScaled(part, 'step', pieces[2] ?? '')];
  const decimals = Math.max(start.decimals, stop.decimals, step.decimals);
  const [a, b, s] = [rescale(part, 'start', start, decimals), rescale(part, 'stop', stop, decimals), rescale(part, 'step', step, decimals)];
  if (s <= 0) fail(part, `step ${pieces[2] ?? ''} must be > 0`);
  if (a > b) fail(part, `start ${pieces[0] ?? ''} is above stop ${pieces[1] ?? ''}: start must be ≤ stop`);
  const count = Math.floor((b - a) / s) + 1;
  if (count > MAX_SWEEP_COMBINATIONS) fail(part, `the range has ${count} values: at most ${MAX_SWEEP_COMBINATIONS} combinations in all`);
  const scale = 10 ** decimals;
  // An exact integer divided by an exact power of ten rounds once, to the double nearest the decimal: 3 / 10 === 0.3.
  const values = Array.from({ length: count }, (_, i) => (a + i * s) / scale);
  return { name, values, source: part };
}

function parseListItem(part: string, item: string): SweepValue {
  if (item === '') fail(part, 'a list has an empty item (two | in a row, or | at an end)');
  if (NUMBER.test(item)) {
    const scaled = parseScaled(part, 'value', item);
    return scaled.units / 10 ** scaled.decimals;
  }
  if (item === 'true' || item === 'false') return item === 'true';
  if (item.includes(':')) fail(part, `${JSON.stringify(item)} mixes a range into a list: use either start:stop:step or a|b|c`);
  return item;
}

function parseList(part: string, name: string, spec: string): SweepParam {
  const values = spec.split('|').map((item) => parseListItem(part, item.trim()));
  const seen = new Set<SweepValue>();
  for (const value of values) {
    if (seen.has(value)) fail(part, `the value ${JSON.stringify(value)} is listed twice: each value once`);
    seen.add(value);
  }
  return { name, values, source: part };
}

function parsePart(part: string): SweepParam {
  const eq = part.indexOf('=');
  if (eq < 0) fail(part, 'no "=" between the parameter name and its values');
  const name = part.slice(0, eq).trim();
  const spec = part.slice(eq + 1).trim();
  if (!NAME.test(name)) fail(part, `parameter name ${JSON.stringify(name)} must be letters, digits and _ (not starting with a digit)`);
  if (spec === '') fail(part, `no values after ${name}=`);
  return spec.includes(':') && !spec.includes('|') ? parseRange(part, name, spec) : parseList(part, name, spec);
}

/** How many parameter sets `grid` expands to. */
export function gridSize(grid: SweepGrid): number {
  return grid.params.reduce((n, p) => n * p.values.length, 1);
}

function checkGrid(grid: SweepGrid): void {
  if (grid.params.length === 0) throw new SweepGridError(`--sweep is empty: give at least one parameter; ${FORMS}`);
  const names = new Set<string>();
  for (const p of grid.params) {
    if (names.has(p.name)) throw new SweepGridError(`--sweep names the parameter ${p.name} twice: each parameter once; ${FORMS}`);
    if (p.values.length === 0) throw new SweepGridError(`--sweep parameter ${p.name} has no values; ${FORMS}`);
    names.add(p.name);
  }
  const size = gridSize(grid);
  if (size > MAX_SWEEP_COMBINATIONS) {
    const counts = grid.params.map((p) => `${p.name}: ${p.values.length}`).join(' × ');
    throw new SweepGridError(`--sweep has ${size} combinations (${counts}): at most ${MAX_SWEEP_COMBINATIONS}`);
  }
}

/**
 * Parses a `--sweep` text: comma-separated `name=start:stop:step` (inclusive stop) or `name=a|b|c` parts.
 * @throws SweepGridError naming the part, the bad value and the allowed forms
 */
export function parseSweep(text: string): SweepGrid {
  const trimmed = text.trim();
  if (trimmed === '') throw new SweepGridError(`--sweep is empty: give at least one parameter; ${FORMS}`);
  const grid: SweepGrid = { params: trimmed.split(',').map((part) => {
    const p = part.trim();
    if (p === '') throw new SweepGridError(`--sweep ${JSON.stringify(text)} has an empty part (two commas in a row, or a comma at an end); ${FORMS}`);
    return parsePart(p);
  }) };
  checkGrid(grid);
  return grid;
}

/**
 * The parameter sets of `grid` in a fixed order: the cartesian product with the first parameter varying slowest
 * (like nested loops in the order written). The order is the sweep's tie-break, so it never depends on scheduling.
 * @throws SweepGridError for an empty grid, a repeated name, or more than MAX_SWEEP_COMBINATIONS sets
 */
export function expandGrid(grid: SweepGrid): SweepParams[] {
  checkGrid(grid);
  let sets: Record<string, SweepValue>[] = [{}];
  for (const p of grid.params) sets = sets.flatMap((set) => p.values.map((value) => ({ ...set, [p.name]: value })));
  return sets;
}
