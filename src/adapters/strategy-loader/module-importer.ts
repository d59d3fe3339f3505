// Imports user strategy files (TypeScript or JavaScript) and re-imports them after an edit.
// Why not a plain `import()`: the tsx loader that bin/alpaca-bot.js registers only transforms ESM scopes, so a
// `.ts` file in a folder without a `"type": "module"` package.json (a user's own project) fails to parse, and
// ESM caches a module for the life of the process. tsx's namespaced API registers its ESM and CommonJS hooks once,
// and a `?v=N` query on the file URL gives a fresh module instance on every reload. This works the same under
// the CLI and under vitest.
// Must never: register a new loader per import (hooks would pile up), or evaluate anything but the file asked for.
import { pathToFileURL } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

/** Imports `file` afresh (version `n` busts the cache) and resolves to its default export. */
export type ModuleImporter = (file: string, version: number) => Promise<unknown>;

type ScopedImport = (specifier: string, parent: string) => Promise<unknown>;
let scoped: ScopedImport | undefined;

function scopedImport(): ScopedImport {
  if (scoped === undefined) {
    const namespace = 'alpaca-bot-strategies';
    registerCjs({ namespace });
    const api = registerEsm({ namespace });
    scoped = (specifier, parent) => api.import(specifier, parent) as Promise<unknown>;
  }
  return scoped;
}

/**
 * The default export of a loaded module. A file in a CommonJS scope comes back wrapped (the namespace's default
 * is `module.exports`, which carries `__esModule` and the real `default`).
 */
export function defaultExportOf(namespace: unknown): unknown {
  const outer = (namespace as { default?: unknown } | null)?.default;
  if (typeof outer === 'object' && outer !== null && (outer as { __esModule?: unknown }).__esModule === true && 'default' in outer) {
    return (outer).default;
  }
  return outer;
}

/** The importer used by the loader: tsx's scoped import with a cache-busting version. */
export const importStrategyModule: ModuleImporter = async (file, version) => {
  const url = `${pathToFileURL(file).href}?v=${version}`;
  return defaultExportOf(await scopedImport()(url, import.meta.url));
};
