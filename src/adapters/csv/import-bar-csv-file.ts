// `data import`'s whole job below the command line: read the file, parse it, and write every bar in ONE
// transaction, or nothing at all when any row is bad (SPEC §4: nothing half-imported).
// Must never: write a single bar from a file that has a problem.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BarRepo } from '../../ports/store.js';
import { parseBarCsv, type BarCsvOptions, type BarCsvResult } from './bar-csv-import.js';

/** What an import did: the parse result, and how many bars were written (0 whenever there are problems). */
export interface BarCsvImport extends BarCsvResult {
  readonly written: number;
  /** `source` column of the written bars: `csv:<file name>`. */
  readonly source: string;
}

/** Thrown when the file cannot be read at all (missing, a directory, no permission). */
export class CsvReadError extends Error {
  override readonly name = 'CsvReadError';
}

/** Parses `path` and, only when it is clean, upserts all of its bars at once. @throws CsvReadError */
export function importBarCsvFile(path: string, options: BarCsvOptions, bars: Pick<BarRepo, 'upsertBars'>): BarCsvImport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CsvReadError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  const source = `csv:${basename(path)}`;
  const result = parseBarCsv(text, { fileName: basename(path), ...options });
  if (result.problems.length > 0) return { ...result, written: 0, source };
  return { ...result, written: bars.upsertBars(result.bars, source), source };
}
