// `npm run bench`: runs every bench/*.bench.ts and prints one JSON document with all measurements.
// Each bench file exports async functions named bench* returning [{ name, value, unit }].
// Usage: npm run bench [-- --only <substring>]   (the numbers, not timed assertions, are how targets are checked)
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

type BenchFn = () => Promise<BenchResult[]>;

const here = dirname(fileURLToPath(import.meta.url));
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;

const results: Array<BenchResult & { suite: string }> = [];
const errors: Array<{ suite: string; error: string }> = [];
for (const file of readdirSync(here).filter((name) => name.endsWith('.bench.ts')).sort()) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
  for (const [exportName, fn] of Object.entries(mod)) {
    if (!exportName.startsWith('bench') || typeof fn !== 'function') continue;
    const suite = `${file.replace(/\.bench\.ts$/, '')}:${exportName}`;
    if (only && !suite.includes(only)) continue;
    try {
      for (const result of await (fn as BenchFn)()) results.push({ suite, ...result });
    } catch (error) {
      errors.push({ suite, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu_model: cpus()[0]?.model ?? 'unknown',
  total_memory_gb: Math.round(totalmem() / 2 ** 30),
  command: `npm run bench${only ? ` -- --only ${only}` : ''}`,
  results,
  errors,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exitCode = errors.length > 0 ? 1 : 0;
