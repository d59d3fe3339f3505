// Deterministic UUID-shaped ids for orders, executions and assets.
// Exists because the venue must be reproducible (same seed, same ids) while the SDK and the bot expect
// RFC-4122-looking ids (`order_id` is validated as a UUID).
// Must never: use Math.random or the host clock.

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` looks like a UUID (8-4-4-4-12 hex). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. */
function mix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** A version-4-shaped UUID from four 32-bit words. */
function formatUuid(a: number, b: number, c: number, d: number): string {
  const w1 = hex8(a);
  const w2 = hex8(b);
  const w3 = hex8(c);
  const w4 = hex8(d);
  const version = `4${w2.slice(5, 8)}`;
  const variant = ((parseInt(w3.slice(0, 1), 16) & 0x3) | 0x8).toString(16) + w3.slice(1, 4);
  return `${w1}-${w2.slice(0, 4)}-${version}-${variant}-${w3.slice(4, 8)}${w4}`;
}

/** UUID derived from a key (same key, same id), e.g. the asset id of a symbol. */
export function uuidFromKey(key: string): string {
  const h = fnv1a(key);
  return formatUuid(mix32(h), mix32(h ^ 0x1234567), mix32(h ^ 0x7654321), mix32(h ^ 0x0abcdef));
}

/**
 * A deterministic id generator: the n-th call returns the same UUID for the same seed.
 * @param seed any string; different seeds give disjoint-looking sequences
 */
export function createIdGenerator(seed = 'alpaca-sim'): () => string {
  const base = fnv1a(seed);
  let counter = 0;
  return () => {
    counter++;
    const s = (base ^ Math.imul(counter, 0x2545f491)) >>> 0;
    return formatUuid(mix32(s), mix32(s + 1), mix32(s + 2), mix32(counter));
  };
}
