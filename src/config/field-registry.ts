// Builders for configuration leaves: each returns a zod schema and registers, beside it, what a person needs
// to know about that key (env name, default, allowed range, one-line explanation, editable at run time).
// The schema, the error messages, `alpaca-bot config` and the `init` template all read this one registry,
// so they cannot drift. Must never describe a bound that the schema does not enforce.
import { z } from 'zod';
import { coerceBoolean, coerceList, coerceNumber, coerceText, BOOLEAN_WORDS } from './coerce.js';

/** What kind of value a leaf holds; decides string coercion and the wording of errors. */
export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'text' | 'secret' | 'url' | 'symbols' | 'path' | 'strategies';

/** Everything known about one configuration key besides its schema. */
export interface FieldMeta {
  readonly kind: FieldKind;
  /** One line for people: what the key does. */
  readonly doc: string;
  /** Environment variable name (also read from `.env`). */
  readonly env?: string;
  /** Other accepted environment names (lower priority than `env`). */
  readonly aliases?: readonly string[];
  /** Settable from the dashboard at run time (settings_overrides). */
  readonly editable?: boolean;
  /** False when the key may not appear in config.yaml (secrets, one-shot flags). */
  readonly yaml?: boolean;
  /** The allowed range or values, for messages: `0.01–0.25`, `iex, sip`. */
  readonly allowed: string;
  readonly default: unknown;
}

/** The registry every leaf schema is entered in. */
export const fieldRegistry = z.registry<FieldMeta>();

interface Common {
  readonly doc: string;
  readonly env?: string;
  readonly aliases?: readonly string[];
  readonly editable?: boolean;
  readonly yaml?: boolean;
}

/** Ticker pattern of SPEC §3. */
export const SYMBOL_PATTERN = /^[A-Z]{1,5}([.][A-Z])?$/;

function meta(common: Common, kind: FieldKind, allowed: string, def: unknown): FieldMeta {
  return { ...common, kind, allowed, default: def };
}

/** A decimal in [min, max] (inclusive). */
export function decimalField(o: Common & { readonly default: number; readonly min: number; readonly max: number }) {
  const schema = z.preprocess(coerceNumber, z.number().min(o.min).max(o.max));
  return schema.default(o.default).register(fieldRegistry, meta(o, 'number', `${o.min}–${o.max}`, o.default));
}

/** A decimal strictly greater than zero. */
export function positiveField(o: Common & { readonly default: number }) {
  const schema = z.preprocess(coerceNumber, z.number().gt(0).max(Number.MAX_SAFE_INTEGER));
  return schema.default(o.default).register(fieldRegistry, meta(o, 'number', '> 0', o.default));
}

/** A whole number in [min, max]. */
export function integerField(o: Common & { readonly default: number; readonly min: number; readonly max: number }) {
  const schema = z.preprocess(coerceNumber, z.number().int().min(o.min).max(o.max));
  return schema.default(o.default).register(fieldRegistry, meta(o, 'integer', `${o.min}–${o.max} (whole number)`, o.default));
}

/** true/false (from strings: true/false/1/0/yes/no). */
export function booleanField(o: Common & { readonly default: boolean }) {
  const schema = z.preprocess(coerceBoolean, z.boolean());
  return schema.default(o.default).register(fieldRegistry, meta(o, 'boolean', BOOLEAN_WORDS.join(', '), o.default));
}

/** One of a fixed list of words. */
export function enumField<const T extends readonly [string, ...string[]]>(o: Common & { readonly values: T; readonly default: T[number] }) {
  const schema = z.preprocess(coerceText, z.enum(o.values));
  return schema.default(o.default as never).register(fieldRegistry, meta(o, 'enum', o.values.join(', '), o.default));
}

/** Free text matching a pattern (described in words by `allowed`). */
export function textField(o: Common & { readonly default: string; readonly pattern: RegExp; readonly allowed: string; readonly kind?: 'text' | 'path' }) {
  const schema = z.preprocess(coerceText, z.string().regex(o.pattern));
  return schema.default(o.default).register(fieldRegistry, meta(o, o.kind ?? 'text', o.allowed, o.default));
}

/** A secret: empty means "not set". Never echoed in messages or output. */
export function secretField(o: Common & { readonly minLength?: number }) {
  const min = o.minLength ?? 1;
  const allowed = `empty (not set), or ${min > 1 ? `at least ${min} characters` : 'text'} without spaces`;
  const schema = z.preprocess(coerceText, z.string().max(512).refine((s) => s === '' || (s.length >= min && !/\s/.test(s)), 'is not a valid secret'));
  return schema.default('').register(fieldRegistry, meta({ ...o, yaml: false }, 'secret', allowed, ''));
}

function isUrlWith(text: string, schemes: readonly string[]): boolean {
  if (text === '') return true;
  try {
    const url = new URL(text);
    return schemes.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An endpoint override: empty means "Alpaca's default for the mode". */
export function urlField(o: Common & { readonly schemes: readonly ('http:' | 'https:' | 'ws:' | 'wss:')[] }) {
  const names = o.schemes.map((s) => `${s}//`).join(' or ');
  const schema = z.preprocess(coerceText, z.string().refine((s) => isUrlWith(s, o.schemes), 'is not a valid URL'));
  return schema.default('').register(fieldRegistry, meta(o, 'url', `empty (Alpaca's default), or a ${names} URL`, ''));
}

/** The watchlist: at least one ticker, each matching SYMBOL_PATTERN, no repeats. */
export function symbolsField(o: Common & { readonly default: readonly string[] }) {
  const schema = z.preprocess(coerceList, symbolList());
  return schema.default([...o.default]).register(fieldRegistry, meta(o, 'symbols', `one or more tickers matching ${SYMBOL_PATTERN.source}`, o.default));
}

/** A list of tickers (shared with strategy entries). */
export function symbolList() {
  return z
    .array(z.string().regex(SYMBOL_PATTERN))
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'lists a symbol more than once');
}
