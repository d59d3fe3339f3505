// Query strings as Alpaca's servers read them: repeated keys become arrays (`asset_class=a&asset_class=b`),
// comma lists stay strings for the endpoint to split. Must never: throw on odd input (a bad query is the
// endpoint's 4xx to give, not a 500).

/** A parsed query: a key seen once maps to its string, a repeated key to every value in order. */
export type RawQuery = Readonly<Record<string, string | readonly string[]>>;

/** Parses `?a=1&b=2&b=3` into `{ a: '1', b: ['2', '3'] }`. */
export function parseQuery(search: string): RawQuery {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  return out;
}

/** The first value of a key (a repeated scalar takes its first occurrence), or undefined. */
export function firstValue(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/** A list-valued key: repeated keys and comma lists are both flattened (`a=x,y&a=z` → `x,y,z`). */
export function listValue(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(',');
}

/** Copies the named keys as single strings (first value wins), skipping absent ones. */
export function pickFirst<K extends string>(query: RawQuery, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = firstValue(query, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
