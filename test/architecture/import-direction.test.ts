// The import direction of DESIGN §2 and the absence of import cycles, checked on the resolved graph of every
// production file in src/ (tests and test kits may reach across layers to use real parts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.js';

const SRC = join(REPO_ROOT, 'src');
const FORBIDDEN: Record<string, readonly string[]> = {
  domain: ['ports', 'core', 'adapters', 'exchange', 'config', 'runtime', 'app'],
  ports: ['core', 'adapters', 'exchange', 'config', 'runtime', 'app'],
  core: ['adapters', 'exchange', 'config', 'runtime', 'app'],
  exchange: ['core', 'ports', 'adapters', 'config', 'runtime', 'app'],
  config: ['core', 'ports', 'adapters', 'exchange', 'runtime', 'app'],
  adapters: ['core', 'runtime', 'app'],
  runtime: ['app'],
};
const isTestOnly = (file: string): boolean => /\.test\.ts$|\/testing\/|-test-kit\.ts$|\/test-kit\//.test(file);

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return productionFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !isTestOnly(path) ? [path] : [];
  });
}

/** Relative imports (static and dynamic) of a file, resolved to .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!;
const files = productionFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('architecture (DESIGN §2)', () => {
  it('sees the whole source tree', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it('every layer imports only the layers it may', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const forbidden = FORBIDDEN[layerOf(file)] ?? [];
      for (const target of targets) {
        if (target.startsWith(SRC) && forbidden.includes(layerOf(target))) violations.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
