// The resolved configuration as a flat list of (key, value, source) rows, secrets masked: what
// `alpaca-bot config` prints and what a settings page can show. Must never return an unmasked secret.
import type { ConfigSource } from './config-error.js';
import { CONFIG_FIELDS } from './config-fields.js';
import type { Config, StrategyConfig } from './config-schema.js';
import type { LoadedConfig } from './load-config.js';
import { maskSecret } from './secrets.js';

/** One row of the resolved configuration. */
export interface DescribedValue {
  readonly key: string;
  /** The value (secrets replaced by their mask). */
  readonly value: unknown;
  readonly source: ConfigSource;
  /** The environment variable that set it, when the source is `.env` or `env`. */
  readonly envName?: string;
  readonly editable: boolean;
  readonly secret: boolean;
}

function valueAt(values: Config, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const step of path) node = (node as Record<string, unknown>)[step];
  return node;
}

function strategyRows(entry: StrategyConfig, loaded: Pick<LoadedConfig, 'sources' | 'envNames'>): DescribedValue[] {
  const base = `strategies.${entry.name}`;
  const fallback = loaded.sources.strategies ?? 'default';
  const row = (key: string, value: unknown, editable: boolean): DescribedValue => {
    const source = loaded.sources[key] ?? fallback;
    const envName = source === 'env' || source === '.env' ? loaded.envNames[key] : undefined;
    return { key, value, source, editable, secret: false, ...(envName === undefined ? {} : { envName }) };
  };
  const rows = [row(`${base}.enabled`, entry.enabled, true)];
  if (entry.symbols !== undefined) rows.push(row(`${base}.symbols`, entry.symbols, false));
  if (entry.timeframe !== undefined) rows.push(row(`${base}.timeframe`, entry.timeframe, false));
  for (const [name, value] of Object.entries(entry.params)) rows.push(row(`${base}.params.${name}`, value, false));
  return rows;
}

/** Every resolved value with its source, in schema order; strategies flattened to `strategies.<name>.…`. */
export function describeConfig(loaded: Pick<LoadedConfig, 'values' | 'sources' | 'envNames'>): DescribedValue[] {
  const rows: DescribedValue[] = [];
  for (const field of CONFIG_FIELDS) {
    if (field.meta.kind === 'strategies') {
      for (const entry of loaded.values.strategies) rows.push(...strategyRows(entry, loaded));
      continue;
    }
    const secret = field.meta.kind === 'secret';
    const raw = valueAt(loaded.values, field.path);
    const source = loaded.sources[field.key] ?? 'default';
    const envName = source === 'env' || source === '.env' ? loaded.envNames[field.key] : undefined;
    const value = secret ? maskSecret(String(raw)) : raw;
    rows.push({ key: field.key, value, source, editable: field.meta.editable === true, secret, ...(envName === undefined ? {} : { envName }) });
  }
  return rows;
}
