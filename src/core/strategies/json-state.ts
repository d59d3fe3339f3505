// A strategy's state must be plain JSON: it is persisted in bot_state so a restart resumes, and a state that
// only works in memory would make live and restarted runs disagree. This module checks it and names the path
// of the first thing that is not JSON.
// Must never: accept NaN/Infinity, functions, class instances, bigint, symbols or cycles (JSON would drop or
// mangle them silently).

/** The first problem that makes `value` not plain JSON, as "path: what", or undefined when it is fine. */
export function findNonJson(value: unknown, path = 'state', seen: Set<object> = new Set()): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path}: ${String(value)} is not a finite number`;
  if (value === undefined) return `${path}: missing (return the next state; the input state when nothing changed)`;
  if (typeof value !== 'object') return `${path}: a ${typeof value} is not JSON`;
  if (seen.has(value)) return `${path}: circular reference`;
  seen.add(value);
  const problem = Array.isArray(value) ? arrayProblem(value, path, seen) : objectProblem(value, path, seen);
  seen.delete(value);
  return problem;
}

function arrayProblem(value: readonly unknown[], path: string, seen: Set<object>): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const problem = findNonJson(value[i], `${path}[${i}]`, seen);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function objectProblem(value: object, path: string, seen: Set<object>): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value.constructor as { name?: string } | undefined)?.name ?? 'unknown';
    return `${path}: a ${name} instance is not plain JSON (use plain objects, arrays, strings, numbers, booleans, null)`;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue; // an absent optional field: dropped by JSON, same meaning
    const problem = findNonJson(item, `${path}.${key}`, seen);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
