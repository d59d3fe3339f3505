// A flat index of every configuration leaf (dotted key, schema, metadata), derived once from ConfigSchema.
// Loading, messages, `alpaca-bot config` and the init template iterate this list. Must never list a key
// that the schema does not have, nor miss one (walking the schema guarantees both).
import { z } from 'zod';
import { ConfigSchema } from './config-schema.js';
import { fieldRegistry, type FieldMeta } from './field-registry.js';

/** One leaf of the configuration. */
export interface ConfigField {
  /** Dotted key, e.g. `risk.max_position_pct`. */
  readonly key: string;
  readonly path: readonly string[];
  readonly schema: z.ZodType;
  readonly meta: FieldMeta;
}

function walk(schema: z.ZodType, path: readonly string[], out: ConfigField[]): void {
  const meta = fieldRegistry.get(schema);
  if (meta) {
    out.push({ key: path.join('.'), path, schema, meta });
    return;
  }
  if (schema instanceof z.ZodPrefault) {
    walk(schema.unwrap() as z.ZodType, path, out);
    return;
  }
  if (schema instanceof z.ZodObject) {
    for (const [name, child] of Object.entries(schema.shape)) walk(child as z.ZodType, [...path, name], out);
    return;
  }
  throw new Error(`config schema: ${path.join('.')} has no field metadata`);
}

function collect(): readonly ConfigField[] {
  const out: ConfigField[] = [];
  walk(ConfigSchema, [], out);
  return Object.freeze(out);
}

/** Every leaf, in schema order. */
export const CONFIG_FIELDS: readonly ConfigField[] = collect();

const BY_KEY = new Map(CONFIG_FIELDS.map((f) => [f.key, f]));

/** The leaf with this dotted key, if any. */
export function fieldByKey(key: string): ConfigField | undefined {
  return BY_KEY.get(key);
}

/** The leaf that a dotted path (possibly deeper, e.g. into a list) belongs to. */
export function fieldForPath(path: readonly PropertyKey[]): ConfigField | undefined {
  for (let n = path.length; n > 0; n--) {
    const field = BY_KEY.get(path.slice(0, n).map(String).join('.'));
    if (field) return field;
  }
  return undefined;
}

/** Section names (first path segment of nested leaves), e.g. `risk`. */
export const CONFIG_SECTIONS: ReadonlySet<string> = new Set(CONFIG_FIELDS.filter((f) => f.path.length > 1).map((f) => f.path[0] ?? ''));

/** Keys a dashboard override may change at run time (plus `strategies.<name>.enabled`). */
export const EDITABLE_KEYS: readonly string[] = CONFIG_FIELDS.filter((f) => f.meta.editable === true).map((f) => f.key);

/** True when `key` may be set by a settings_overrides row. */
export function isEditableKey(key: string): boolean {
  return EDITABLE_KEYS.includes(key) || /^strategies\.[a-z][a-z0-9_]*\.enabled$/.test(key);
}
