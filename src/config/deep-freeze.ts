// Freezes a plain data tree all the way down, so a loaded configuration cannot be changed by accident.
// Must never be used on class instances that need to mutate their own state.

/** Recursively `Object.freeze`s objects and arrays; returns the same value, typed readonly by the caller. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
