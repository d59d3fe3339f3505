// DATA_DIR/status.json (SPEC §15): a snapshot of the running bot refreshed every minute for scripts, agents and
// `alpaca-bot status`. Written atomically (temp file + rename) so a reader never sees half a file.
// Must never: contain a secret (API keys, dashboard token), or hold money as a binary float (strings only, S9).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name inside DATA_DIR. */
export const STATUS_FILE = 'status.json';
/** Schema version of the file. */
export const STATUS_VERSION = 1;
/** `alpaca-bot status` flags a snapshot older than this as stale (3 missed refreshes). */
export const STATUS_STALE_MS = 180_000;

/** Money and quantities are decimal strings. */
export type DecimalString = string;

export interface StatusPosition {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly qty: DecimalString;
  readonly avg_entry_price: DecimalString;
  readonly market_value: DecimalString | null;
  readonly unrealized_pnl: DecimalString | null;
  /** The active broker-side stop, or null when none is known. */
  readonly stop_price: DecimalString | null;
  readonly strategy: string | null;
}

export interface StatusStrategy {
  readonly id: string;
  /** warming_up | watching | signal_active | in_position | paused (SPEC §13). */
  readonly state: string;
  readonly symbols: readonly string[];
}

/** Connection states by name, e.g. { broker: 'connected', market_data: 'reconnecting', trade_updates: 'connected' }. */
export type ConnectionStatus = Readonly<Record<string, string>>;

/** What the composition root provides each minute; `updated_at` and `version` are added by the writer. */
export interface StatusSnapshotInput {
  readonly mode: string;
  readonly dry_run: boolean;
  readonly run_id: string;
  readonly pid: number;
  /** ISO times. */
  readonly started_at: string;
  readonly heartbeat: string | null;
  readonly account: { readonly equity: DecimalString; readonly cash: DecimalString; readonly buying_power: DecimalString } | null;
  readonly pnl_today: { readonly realized: DecimalString; readonly unrealized: DecimalString; readonly total: DecimalString } | null;
  readonly positions: readonly StatusPosition[];
  readonly trades_today: number;
  /** active | reducing | halted (risk engine). */
  readonly trading_state: string;
  readonly strategies: readonly StatusStrategy[];
  readonly kill_switch: { readonly on: boolean; readonly reason: string | null; readonly detail: string | null };
  readonly breaker: { readonly tripped: boolean; readonly reason: string | null; readonly tripped_at: string | null };
  readonly connections: ConnectionStatus;
}

/** The content of status.json. */
export interface StatusSnapshot extends StatusSnapshotInput {
  readonly version: typeof STATUS_VERSION;
  readonly updated_at: string;
}

/** Absolute path of status.json. */
export function statusFilePath(dataDir: string): string {
  return join(dataDir, STATUS_FILE);
}

/** Writes status.json atomically (temp file in the same directory, then rename). Returns the written snapshot. */
export function writeStatusFile(dataDir: string, input: StatusSnapshotInput, now: number): StatusSnapshot {
  const snapshot: StatusSnapshot = { version: STATUS_VERSION, ...input, updated_at: new Date(now).toISOString() };
  mkdirSync(dataDir, { recursive: true });
  const path = statusFilePath(dataDir);
  const temp = `${path}.${String(process.pid)}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return snapshot;
}

/** What `readStatusFile` found. */
export interface StatusRead {
  readonly snapshot: StatusSnapshot;
  /** now - updated_at, ms. */
  readonly ageMs: number;
  readonly stale: boolean;
}

/**
 * Reads status.json; undefined when there is none.
 * @throws Error naming the file when it is not valid JSON or lacks updated_at
 */
export function readStatusFile(dataDir: string, now: number): StatusRead | undefined {
  const path = statusFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const updated = typeof parsed === 'object' && parsed !== null ? Date.parse(String((parsed as { updated_at?: unknown }).updated_at)) : NaN;
  if (!Number.isFinite(updated)) throw new Error(`${path}: updated_at is missing or not an ISO time`);
  const ageMs = now - updated;
  return { snapshot: parsed as StatusSnapshot, ageMs, stale: ageMs > STATUS_STALE_MS };
}
