// Freezes what a strategy receives, so user code cannot change the engine's candles, readings or its own
// previous state in place (DESIGN §3.11: inputs frozen). Exists as a tiny helper because core/ may not import
// config/ (which has its own).
// Must never: freeze objects it does not own (callers freeze copies of indicator values, never the originals).

/** Freezes `value` and everything reachable from it (plain objects and arrays); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
