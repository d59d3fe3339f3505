// What changed between the configuration in force and a freshly loaded one (config reload, SPEC §3), key by
// key, each change marked live (safe to apply to a running bot) or restart-only. The policy of which keys are
// live lives here, next to the schema, so the settings page and the reloader cannot disagree.
// Must never put a secret value into a change (secrets show as "(hidden)").
import type { ConfigSource } from './config-error.js';
import { CONFIG_FIELDS } from './config-fields.js';
import type { Config, StrategyConfig } from './config-schema.js';
import { showValue } from './format-issue.js';
import type { LoadedConfig } from './load-config.js';

/** One changed key. `from`/`to` are display strings (secrets hidden, long values cut). */
export interface ConfigChange {
  /** Dotted key; strategies as `strategies.<name>`, `strategies.<name>.enabled`, `strategies.<name>.params.<p>`. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** True when a running bot applies it without a restart. */
  readonly live: boolean;
  /** The layer the new value comes from. */
  readonly source: ConfigSource;
}

/** Top-level keys (and prefixes) a running bot applies live; everything else needs a restart. */
const LIVE_PREFIXES = ['risk.', 'strategies.'] as const;
const LIVE_EXACT = new Set(['watchlist', 'log.level', 'safety.kill_switch', 'strategies']);

/**
 * True when a change of `key` can be applied to a running bot: risk limits, watchlist, strategies (enabled
 * flags, params, symbols, timeframe, added/removed entries), log level and the kill switch. Credentials, mode
 * gates, endpoints, paths, data feed, extended hours, dashboard and simulator settings need a restart.
 */
export function isLiveKey(key: string): boolean {
  return LIVE_EXACT.has(key) || LIVE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

const HIDDEN = '(hidden)';
const ABSENT = '(none)';

function valueAt(values: Config, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const step of path) node = (node as Record<string, unknown>)[step];
  return node;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const shown = (value: unknown): string => (value === undefined ? ABSENT : showValue(value, false));

function sourceOf(next: Pick<LoadedConfig, 'sources'>, key: string): ConfigSource {
  return next.sources[key] ?? next.sources.strategies ?? 'default';
}

/** A whole strategy entry, for one added or removed: `enabled, params {"fast":5}` or `(not configured)`. */
function entryText(entry: StrategyConfig | undefined): string {
  if (entry === undefined) return '(not configured)';
  const params = Object.keys(entry.params).length === 0 ? '' : `, params ${JSON.stringify(entry.params)}`;
  const symbols = entry.symbols === undefined ? '' : `, symbols ${entry.symbols.join(',')}`;
  return `${entry.enabled ? 'enabled' : 'disabled'}${symbols}${params}`;
}

function strategyChanges(before: StrategyConfig | undefined, after: StrategyConfig | undefined, name: string): { key: string; from: unknown; to: unknown }[] {
  const base = `strategies.${name}`;
  if (before === undefined || after === undefined) return [{ key: base, from: entryText(before), to: entryText(after) }];
  const out: { key: string; from: unknown; to: unknown }[] = [];
  for (const field of ['enabled', 'symbols', 'timeframe'] as const) {
    if (!same(before[field], after[field])) out.push({ key: `${base}.${field}`, from: before[field], to: after[field] });
  }
  const names = new Set([...Object.keys(before.params), ...Object.keys(after.params)]);
  for (const param of names) {
    if (!same(before.params[param], after.params[param])) out.push({ key: `${base}.params.${param}`, from: before.params[param], to: after.params[param] });
  }
  return out;
}

function strategiesDiff(current: LoadedConfig, next: LoadedConfig): ConfigChange[] {
  const before = new Map(current.values.strategies.map((s) => [s.name, s]));
  const after = new Map(next.values.strategies.map((s) => [s.name, s]));
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((name) =>
    strategyChanges(before.get(name), after.get(name), name).map((c) => ({ key: c.key, from: shown(c.from), to: shown(c.to), live: true, source: sourceOf(next, c.key) })),
  );
}

/**
 * Every key whose value differs between `current` (in force) and `next` (just loaded), in schema order.
 * Secrets are compared but never shown.
 */
export function diffConfig(current: LoadedConfig, next: LoadedConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const field of CONFIG_FIELDS) {
    if (field.meta.kind === 'strategies') {
      changes.push(...strategiesDiff(current, next));
      continue;
    }
    const from = valueAt(current.values, field.path);
    const to = valueAt(next.values, field.path);
    if (same(from, to)) continue;
    const secret = field.meta.kind === 'secret';
    changes.push({ key: field.key, from: secret ? HIDDEN : shown(from), to: secret ? HIDDEN : shown(to), live: isLiveKey(field.key), source: sourceOf(next, field.key) });
  }
  if (current.mode !== next.mode) changes.push({ key: 'mode', from: current.mode, to: next.mode, live: false, source: 'default' });
  return changes;
}
