// Reads the lightweight-charts standalone build from node_modules at run time, so the report can inline it and
// open from file:// with no network. The text is read once per process and checked to be safe inside <script>.
// Must never: point the report at a CDN or any URL, or inline a build that could end its <script> element early.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The inlined charting library: its source and version (shown in the report's footer). */
export interface ChartLibrary {
  readonly source: string;
  readonly version: string;
}

const STANDALONE_BUILD = 'dist/lightweight-charts.standalone.production.js';

let cached: ChartLibrary | undefined;

/**
 * The standalone production build of lightweight-charts (defines `window.LightweightCharts`).
 * @throws Error when the package is missing, or when its text contains `</script`, `<script` or `<!--` (it could
 * not be inlined as is).
 */
export function loadChartLibrary(): ChartLibrary {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  // The package exports only ESM entry points and ./package.json, so locate the folder through the latter.
  const packageJsonPath = require.resolve('lightweight-charts/package.json');
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
  const source = readFileSync(join(dirname(packageJsonPath), STANDALONE_BUILD), 'utf8');
  const unsafe = /<\/script|<script|<!--/i.exec(source);
  if (unsafe !== null) {
    throw new Error(`lightweight-charts ${STANDALONE_BUILD} contains ${JSON.stringify(unsafe[0])}: it cannot be inlined in a <script> element`);
  }
  cached = { source, version: typeof pkg.version === 'string' ? pkg.version : 'unknown' };
  return cached;
}
