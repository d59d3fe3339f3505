// A bar source read from a CSV file of 1-minute bars (one or several symbols), for replaying real history
// in the simulator. Must never: accept a file with bad rows (all of them are reported with line numbers)
// or duplicate (symbol, minute) rows.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

import type { ExchangeBar } from '../contracts.js';
import { ArrayBarSource } from './array-bar-source.js';
import type { BarSource, BarSourceKind } from './bar-source.js';
import { parseBarCsv, type BarCsvOptions } from './bar-csv.js';

/** Bars from a CSV file (see {@link parseBarCsv} for the accepted format). */
export class CsvBarSource implements BarSource {
  readonly source: BarSourceKind = 'csv';
  readonly label: string;
  readonly #inner: ArrayBarSource;

  /**
   * Reads and parses `file` synchronously (composition-root use).
   * @throws BarCsvError listing bad rows; RangeError on duplicates or an unknown tz; the fs error when unreadable
   */
  constructor(file: string, options: Omit<BarCsvOptions, 'name'> = {}) {
    const text = readFileSync(file, 'utf8');
    const name = basename(file);
    this.#inner = CsvBarSource.#build(text, { ...options, name });
    this.label = `${name} (${this.#inner.symbols().join(', ')})`;
  }

  /** Parses CSV text already in memory (tests, uploads). */
  static fromText(text: string, options: BarCsvOptions = {}): ArrayBarSource {
    return CsvBarSource.#build(text, options);
  }

  static #build(text: string, options: BarCsvOptions): ArrayBarSource {
    const name = options.name ?? 'CSV';
    const { bars, lines } = parseBarCsv(text, options);
    return new ArrayBarSource(bars, {
      source: 'csv',
      label: name,
      describe: (i) => `${name} line ${lines[i] ?? '?'}`,
    });
  }

  symbols(): readonly string[] {
    return this.#inner.symbols();
  }

  barsForSession(symbol: string, date: string): readonly ExchangeBar[] {
    return this.#inner.barsForSession(symbol, date);
  }

  barsBetween(symbol: string, from: number, to: number): readonly ExchangeBar[] {
    return this.#inner.barsBetween(symbol, from, to);
  }

  barAt(symbol: string, t: number): ExchangeBar | undefined {
    return this.#inner.barAt(symbol, t);
  }

  lastBarAtOrBefore(symbol: string, t: number): ExchangeBar | undefined {
    return this.#inner.lastBarAtOrBefore(symbol, t);
  }

  firstTime(): number | undefined {
    return this.#inner.firstTime();
  }

  lastTime(): number | undefined {
    return this.#inner.lastTime();
  }
}
