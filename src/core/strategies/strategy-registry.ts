// Every strategy definition the engine can run: the built-ins plus the user's files in `strategies/`, which
// the loader adapter reports as load events (DESIGN §3.11: user code is guarded). A file that fails to load
// or exports garbage leaves a `broken` entry with the reason, so instances of it are disabled with that reason.
// Must never: let a user file replace a built-in, or let one broken file affect another.
import { checkDefinition } from './definition-check.js';
import type { StrategyDefinition } from './strategy-api.js';

/** A definition with its types erased, as the registry and runner hold it. */
export type AnyStrategyDefinition = StrategyDefinition<unknown>;

export type RegistryEntry =
  | { readonly status: 'ok'; readonly name: string; readonly definition: AnyStrategyDefinition; readonly file: string | undefined }
  | { readonly status: 'broken'; readonly name: string; readonly problem: string; readonly file: string };

/** What the strategy-file loader reports (structurally the loader adapter's event). */
export type StrategyFileEvent =
  | { readonly kind: 'loaded'; readonly file: string; readonly exported: unknown }
  | { readonly kind: 'failed'; readonly file: string; readonly error: string }
  | { readonly kind: 'removed'; readonly file: string };

/** The outcome of one file event, for the log: which strategy it concerned and what became of it. */
export interface RegistryChange {
  readonly name: string | undefined;
  readonly file: string;
  readonly status: 'ok' | 'broken' | 'removed' | 'rejected';
  readonly message: string;
}

/** The strategy name a file must define: its base name without the extension. */
export function strategyNameOfFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ts|mts|js|mjs)$/, '');
}

export class StrategyRegistry {
  readonly #entries = new Map<string, RegistryEntry>();
  readonly #builtins: ReadonlySet<string>;
  #version = 0;

  /** @throws Error when a built-in is not a valid definition or two share a name (a programming error). */
  constructor(builtins: readonly AnyStrategyDefinition[]) {
    for (const definition of builtins) {
      const check = checkDefinition(definition);
      if (!check.ok) throw new Error(`built-in strategy ${definition.name}: ${check.problem}`);
      if (this.#entries.has(definition.name)) throw new Error(`built-in strategy ${definition.name} is listed twice`);
      this.#entries.set(definition.name, { status: 'ok', name: definition.name, definition, file: undefined });
    }
    this.#builtins = new Set(this.#entries.keys());
  }

  /** Increases on every change; the runner rebuilds instances whose definition changed. */
  get version(): number {
    return this.#version;
  }

  get(name: string): RegistryEntry | undefined {
    return this.#entries.get(name);
  }

  names(): string[] {
    return [...this.#entries.keys()].sort();
  }

  isBuiltin(name: string): boolean {
    return this.#builtins.has(name);
  }

  /** Applies a loader event: a loaded file is checked and registered; a failed one leaves a broken entry. */
  applyFileEvent(event: StrategyFileEvent): RegistryChange {
    const name = strategyNameOfFile(event.file);
    const file = event.file;
    if (this.#builtins.has(name)) {
      return { name, file, status: 'rejected', message: `strategy file ${file} ignored: ${name} is a built-in strategy name; rename the file and its name` };
    }
    if (event.kind === 'removed') {
      const existed = this.#entries.delete(name);
      if (existed) this.#version++;
      return { name, file, status: 'removed', message: `strategy ${name} removed (file ${file} deleted); its instances are disabled` };
    }
    const problem = event.kind === 'failed' ? event.error : this.#problemOf(event.exported, name);
    if (problem !== undefined) {
      this.#entries.set(name, { status: 'broken', name, problem: `file ${file}: ${problem}`, file });
      this.#version++;
      return { name, file, status: 'broken', message: `strategy ${name} disabled: file ${file}: ${problem}` };
    }
    const definition = (event as { readonly exported: unknown }).exported as AnyStrategyDefinition;
    this.#entries.set(name, { status: 'ok', name, definition, file });
    this.#version++;
    return { name, file, status: 'ok', message: `strategy ${name} loaded from ${file}` };
  }

  #problemOf(exported: unknown, name: string): string | undefined {
    const check = checkDefinition(exported);
    if (!check.ok) return check.problem;
    if (check.definition.name !== name) return `its name is ${JSON.stringify(check.definition.name)} but the file is named ${name}: a strategy file must define the strategy of its own name`;
    return undefined;
  }
}
