// A strategy's state must be plain JSON: it is persisted in bot_state so a restart resumes, and a state that
// only works in memory would make live and restarted runs disagree. This module checks it and names the path
// of the first thing that is not JSON.
// Must never: accept NaN/Infinity, functions, class instances, bigint, symbols or cycles (JSON would drop or
// mangle them silently).

/**
 * The first problem that makes `value` not plain JSON, as "path: what", or undefined when it is fine.
 * @param ancestors the objects above `value` (cycle detection); built only once there is a nested object.
 */
export function findNonJson(value: unknown, path = 'state', ancestors?: ReadonlySet<object>): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path}: ${String(value)} is not a finite number`;
  if (value === undefined) return `${path}: missing (return the next state; the input state when nothing changed)`;
  if (typeof value !== 'object') return `${path}: a ${typeof value} is not JSON`;
  if (ancestors?.has(value) === true) return `${path}: circular reference`;
  return Array.isArray(value) ? arrayProblem(value, path, ancestors) : objectProblem(value, path, ancestors);
}

/** Checks one item; a nested object gets the ancestor set (with `parent` added), made on first need. */
function itemProblem(item: unknown, path: string, parent: object, ancestors: ReadonlySet<object> | undefined): string | undefined {
  if (typeof item !== 'object' || item === null) return findNonJson(item, path);
  return findNonJson(item, path, new Set(ancestors).add(parent));
}

function arrayProblem(value: readonly unknown[], path: string, ancestors: ReadonlySet<object> | undefined): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const problem = itemProblem(value[i], `${path}[${i}]`, value, ancestors);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function objectProblem(value: object, path: string, ancestors: ReadonlySet<object> | undefined): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value.constructor as { name?: string } | undefined)?.name ?? 'unknown';
    return `${path}: a ${name} instance is not plain JSON (use plain objects, arrays, strings, numbers, booleans, null)`;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue; // an absent optional field: dropped by JSON, same meaning
    const problem = itemProblem(item, `${path}.${key}`, value, ancestors);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
