// Turns the strings that come from .env, the environment and settings overrides into typed values, before
// the zod schema checks them. Must never guess: anything it does not recognise is passed through unchanged
// so the schema reports it with the allowed values.

/** Accepted spellings for booleans (case-insensitive). */
export const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no'] as const;

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `true/false/1/0/yes/no` (any case) → boolean; other values unchanged. */
export function coerceBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

/** A decimal string → number; other values unchanged (so `abc` is reported as "not a number"). */
export function coerceNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return NUMBER_RE.test(text) ? Number(text) : value;
}

/** `A,B,C` or a JSON array string → string array; other values unchanged. Empty items are dropped. */
export function coerceList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Trims surrounding whitespace of strings (a pasted value with a trailing space is a common mistake). */
export function coerceText(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}
