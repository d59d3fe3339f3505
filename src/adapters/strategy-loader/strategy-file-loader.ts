// Finds user strategy files in `strategies/`, imports them at startup and again whenever one changes
// (fs.watch with a debounce), and reports each outcome as an event: loaded (with the default export, for the
// core registry to check), failed (with a clear reason), removed. A file that throws while loading is one
// failed event; it never takes the engine down and never affects the other files.
// Must never: throw from a watcher callback, judge the export (core/strategies does), or load helper files
// (names starting with "_" or ".", *.d.ts, *.test.*).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { importStrategyModule, type ModuleImporter } from './module-importer.js';

/** Structurally the core registry's StrategyFileEvent. */
export type StrategyFileEvent =
  | { readonly kind: 'loaded'; readonly file: string; readonly exported: unknown }
  | { readonly kind: 'failed'; readonly file: string; readonly error: string }
  | { readonly kind: 'removed'; readonly file: string };

export interface StrategyFileLoaderOptions {
  /** The folder to load from (created files and edits are picked up while watching). */
  readonly dir: string;
  /** Called for every event, in order; an exception thrown here is caught and reported to onError. */
  readonly onEvent: (event: StrategyFileEvent) => void;
  /** Problems of the loader itself (the watcher failed); default: ignored. */
  readonly onError?: (message: string) => void;
  /** Quiet time after the last change to a file before it is reloaded, ms (default 250). */
  readonly debounceMs?: number;
  /** A file that has not finished loading after this long is reported as failed, ms (default 10000). */
  readonly loadTimeoutMs?: number;
  readonly importer?: ModuleImporter;
}

const STRATEGY_FILE = /^[^._][^/\\]*\.(ts|mts|js|mjs)$/;

/** Whether a file name is a strategy file the loader takes (not a helper, declaration or test). */
export function isStrategyFile(name: string): boolean {
  return STRATEGY_FILE.test(name) && !/\.d\.(ts|mts)$/.test(name) && !/\.(test|spec)\.[a-z]+$/.test(name);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-Error thrown: ${String(error)}`;
}

let importVersion = 0;

export class StrategyFileLoader {
  readonly #dir: string;
  readonly #options: StrategyFileLoaderOptions;
  readonly #importer: ModuleImporter;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #hashes = new Map<string, string>();
  #watcher: FSWatcher | undefined;
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: StrategyFileLoaderOptions) {
    this.#options = options;
    this.#dir = resolve(options.dir);
    this.#importer = options.importer ?? importStrategyModule;
  }

  /** The strategy files present now, absolute paths, sorted. Empty when the folder does not exist. */
  files(): string[] {
    if (!existsSync(this.#dir)) return [];
    return readdirSync(this.#dir).filter(isStrategyFile).sort().map((name) => join(this.#dir, name));
  }

  /** Loads every strategy file once (startup); resolves after all events were emitted. */
  async loadAll(): Promise<void> {
    for (const file of this.files()) await this.#enqueue(file);
  }

  /** Starts watching the folder (no-op when it does not exist); edits reload after the debounce. */
  watch(): void {
    if (this.#watcher !== undefined || !existsSync(this.#dir)) return;
    try {
      this.#watcher = watch(this.#dir, (_type, name) => {
        if (typeof name === 'string' && isStrategyFile(name)) this.#schedule(join(this.#dir, name));
      });
      this.#watcher.on('error', (error) => this.#options.onError?.(`watching ${this.#dir} failed: ${describeError(error)}`));
    } catch (error) {
      this.#options.onError?.(`cannot watch ${this.#dir}: ${describeError(error)}`);
    }
  }

  /** Stops watching and drops pending reloads; waits for a load in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#watcher?.close();
    this.#watcher = undefined;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.#chain;
  }

  #schedule(file: string): void {
    if (this.#closed) return;
    const pending = this.#timers.get(file);
    if (pending !== undefined) clearTimeout(pending);
    this.#timers.set(file, setTimeout(() => {
      this.#timers.delete(file);
      void this.#enqueue(file);
    }, this.#options.debounceMs ?? 250));
  }

  /** Loads are serialised: one file at a time, events in order. */
  #enqueue(file: string): Promise<void> {
    this.#chain = this.#chain.then(() => this.#load(file));
    return this.#chain;
  }

  async #load(file: string): Promise<void> {
    if (!existsSync(file)) {
      if (this.#hashes.delete(file)) this.#emit({ kind: 'removed', file });
      return;
    }
    let hash: string;
    try {
      hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    } catch (error) {
      this.#emit({ kind: 'failed', file, error: `cannot read the file: ${describeError(error)}` });
      return;
    }
    if (this.#hashes.get(file) === hash) return; // touched or saved unchanged: nothing to reload
    this.#hashes.set(file, hash);
    this.#emit(await this.#import(file));
  }

  async #import(file: string): Promise<StrategyFileEvent> {
    const timeoutMs = this.#options.loadTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { reject(new Error(`did not finish loading within ${timeoutMs} ms`)); }, timeoutMs);
    });
    try {
      const exported = await Promise.race([this.#importer(file, ++importVersion), timeout]);
      return { kind: 'loaded', file, exported };
    } catch (error) {
      return { kind: 'failed', file, error: `failed to load: ${describeError(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  #emit(event: StrategyFileEvent): void {
    try {
      this.#options.onEvent(event);
    } catch (error) {
      this.#options.onError?.(`handling the ${event.kind} event of ${event.file} failed: ${describeError(error)}`);
    }
  }
}
