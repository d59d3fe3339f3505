// A bar source over bars handed in whole (by the composition root from the bars table, or by the CSV
// reader). Exists so stored history replays through exactly the same paths as the synthetic market.
// Must never: accept a malformed bar silently (non-finite numbers, high < low, a start off the minute,
// a duplicate (symbol, t)), or let callers mutate its arrays.

import type { ExchangeBar } from '../contracts.js';
import { etDate } from '../../domain/calendar/index.js';
import { lowerBound, MINUTE_MS, upperBound, type BarSource, type BarSourceKind } from './bar-source.js';

/** Options of {@link ArrayBarSource}. */
export interface ArrayBarSourceOptions {
  /** Label shown by the server/dashboard. Default "stored bars (N symbols)". */
  readonly label?: string;
  /** Provenance reported as `source`. Default 'array'. */
  readonly source?: BarSourceKind;
  /** Describes where bar `i` came from in error messages (e.g. "line 12"). Default "bar #i". */
  readonly describe?: (index: number) => string;
}

interface SymbolSeries {
  readonly bars: readonly ExchangeBar[];
  /** ET date → [first index, end index) */
  readonly byDate: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * Checks one bar's invariants.
 * @returns an error text naming the bad field and value, or undefined when the bar is sound
 */
export function barProblem(bar: ExchangeBar): string | undefined {
  for (const key of ['t', 'o', 'h', 'l', 'c', 'v', 'vw', 'n'] as const) {
    if (!Number.isFinite(bar[key])) return `${key} must be a finite number, got ${String(bar[key])}`;
  }
  if (bar.symbol.length === 0) return 'symbol must not be empty';
  if (bar.t % MINUTE_MS !== 0) return `t ${new Date(bar.t).toISOString()} is not on a minute boundary (1-minute bars start at :00 seconds)`;
  for (const key of ['o', 'h', 'l', 'c'] as const) {
    if (bar[key] <= 0) return `${key} must be > 0, got ${bar[key]}`;
  }
  if (bar.h < bar.l) return `high ${bar.h} is below low ${bar.l}`;
  if (bar.h < Math.max(bar.o, bar.c)) return `high ${bar.h} is below max(open ${bar.o}, close ${bar.c})`;
  if (bar.l > Math.min(bar.o, bar.c)) return `low ${bar.l} is above min(open ${bar.o}, close ${bar.c})`;
  if (bar.v < 0) return `volume must be ≥ 0, got ${bar.v}`;
  if (bar.n < 0) return `trade count must be ≥ 0, got ${bar.n}`;
  return undefined;
}

function indexByDate(bars: readonly ExchangeBar[]): Map<string, readonly [number, number]> {
  const byDate = new Map<string, readonly [number, number]>();
  let start = 0;
  let current: string | undefined;
  bars.forEach((bar, i) => {
    const date = etDate(bar.t);
    if (date !== current) {
      if (current !== undefined) byDate.set(current, [start, i]);
      current = date;
      start = i;
    }
  });
  if (current !== undefined) byDate.set(current, [start, bars.length]);
  return byDate;
}

/** Bars held in memory, grouped by symbol and sorted by time. */
export class ArrayBarSource implements BarSource {
  readonly source: BarSourceKind;
  readonly label: string;
  readonly #series = new Map<string, SymbolSeries>();
  readonly #symbols: readonly string[];
  readonly #first: number | undefined;
  readonly #last: number | undefined;

  /**
   * @param bars 1-minute bars in any order, any symbols
   * @throws RangeError naming the bar (via `describe`), the field and the value on a malformed or duplicate bar
   */
  constructor(bars: readonly ExchangeBar[], options: ArrayBarSourceOptions = {}) {
    const describe = options.describe ?? ((i: number) => `bar #${i}`);
    const grouped = new Map<string, { bar: ExchangeBar; index: number }[]>();
    bars.forEach((bar, index) => {
      const problem = barProblem(bar);
      if (problem !== undefined) throw new RangeError(`${describe(index)} (${bar.symbol}): ${problem}`);
      const list = grouped.get(bar.symbol) ?? [];
      list.push({ bar: Object.freeze({ ...bar }), index });
      grouped.set(bar.symbol, list);
    });
    let first = Infinity;
    let last = -Infinity;
    for (const [symbol, list] of grouped) {
      list.sort((a, b) => a.bar.t - b.bar.t || a.index - b.index);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        if (prev !== undefined && cur !== undefined && prev.bar.t === cur.bar.t) {
          throw new RangeError(
            `duplicate bar for ${symbol} at ${new Date(cur.bar.t).toISOString()}: ${describe(prev.index)} and ${describe(cur.index)}`,
          );
        }
      }
      const sorted = Object.freeze(list.map((x) => x.bar));
      first = Math.min(first, sorted[0]?.t ?? Infinity);
      last = Math.max(last, sorted[sorted.length - 1]?.t ?? -Infinity);
      this.#series.set(symbol, { bars: sorted, byDate: indexByDate(sorted) });
    }
    this.#symbols = Object.freeze([...grouped.keys()].sort());
    this.#first = Number.isFinite(first) ? first : undefined;
    this.#last = Number.isFinite(last) ? last : undefined;
    this.source = options.source ?? 'array';
    this.label = options.label ?? `stored bars (${this.#symbols.length} symbol${this.#symbols.length === 1 ? '' : 's'})`;
  }

  symbols(): readonly string[] {
    return this.#symbols;
  }

  barsForSession(symbol: string, date: string): readonly ExchangeBar[] {
    const series = this.#series.get(symbol);
    const range = series?.byDate.get(date);
    if (series === undefined || range === undefined) return [];
    return series.bars.slice(range[0], range[1]);
  }

  barsBetween(symbol: string, from: number, to: number): readonly ExchangeBar[] {
    const bars = this.#series.get(symbol)?.bars;
    if (bars === undefined || to < from) return [];
    return bars.slice(lowerBound(bars, from), upperBound(bars, to));
  }

  barAt(symbol: string, t: number): ExchangeBar | undefined {
    const bars = this.#series.get(symbol)?.bars;
    if (bars === undefined) return undefined;
    const bar = bars[lowerBound(bars, t)];
    return bar?.t === t ? bar : undefined;
  }

  lastBarAtOrBefore(symbol: string, t: number): ExchangeBar | undefined {
    const bars = this.#series.get(symbol)?.bars;
    if (bars === undefined) return undefined;
    return bars[upperBound(bars, t) - 1];
  }

  firstTime(): number | undefined {
    return this.#first;
  }

  lastTime(): number | undefined {
    return this.#last;
  }
}
