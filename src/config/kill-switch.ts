// Kill switch (SPEC S2): KILL_SWITCH=true or the file DATA_DIR/.kill_switch stops every new order. Checked
// before every order, so reading it is cheap and fails safe: a file that exists but cannot be read still
// counts as ON. Must never turn the switch off because of a read error.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the kill switch inside DATA_DIR. */
export const KILL_SWITCH_FILE = '.kill_switch';

/** Whether new orders are blocked, and why. */
export interface KillSwitchState {
  readonly on: boolean;
  /** `env`: KILL_SWITCH=true in the configuration; `file`: DATA_DIR/.kill_switch exists (env wins when both). */
  readonly reason?: 'env' | 'file';
  /** For people: what turned it on (the file's reason text, or the setting). */
  readonly detail?: string;
  /** When the file was written (ISO time), if it says. */
  readonly since?: string;
  /** True when the file exists (also when the env flag is the main reason). */
  readonly file: boolean;
}

/** Absolute path of the kill-switch file for a data directory. */
export function killSwitchPath(dataDir: string): string {
  return join(dataDir, KILL_SWITCH_FILE);
}

/** What the file says: `{ at, reason }` JSON from setKillSwitchFile, or any text a person wrote. */
export function readKillSwitchFile(dataDir: string): { exists: boolean; at?: string; reason?: string } {
  const path = killSwitchPath(dataDir);
  if (!existsSync(path)) return { exists: false };
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return { exists: true, reason: 'kill-switch file exists but cannot be read' };
  }
  try {
    const parsed = JSON.parse(text) as { at?: unknown; reason?: unknown };
    const at = typeof parsed.at === 'string' ? parsed.at : undefined;
    const reason = typeof parsed.reason === 'string' ? parsed.reason : undefined;
    return { exists: true, ...(at === undefined ? {} : { at }), ...(reason === undefined ? {} : { reason }) };
  } catch {
    return text === '' ? { exists: true } : { exists: true, reason: text.slice(0, 500) };
  }
}

/**
 * Whether the kill switch is on: `config.safety.kill_switch` (KILL_SWITCH) or DATA_DIR/.kill_switch.
 * Takes only the slice it reads, so callers with a partial configuration can use it.
 */
export function isKillSwitchOn({ config }: { config: { readonly safety: { readonly kill_switch: boolean }; readonly paths: { readonly data_dir: string } } }): KillSwitchState {
  const file = readKillSwitchFile(config.paths.data_dir);
  const since = file.at === undefined ? {} : { since: file.at };
  if (config.safety.kill_switch) return { on: true, reason: 'env', detail: 'KILL_SWITCH=true', file: file.exists, ...since };
  if (file.exists) return { on: true, reason: 'file', detail: file.reason ?? `${killSwitchPath(config.paths.data_dir)} exists`, file: true, ...since };
  return { on: false, file: false };
}

/**
 * Turns the file switch on (writes `{ at, reason }` atomically, creating DATA_DIR) or off (removes the file).
 * Does not touch KILL_SWITCH; when that is set the switch stays on.
 */
export function setKillSwitchFile(dataDir: string, on: boolean, reason?: string): void {
  const path = killSwitchPath(dataDir);
  if (!on) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dataDir, { recursive: true });
  const body = `${JSON.stringify({ at: new Date().toISOString(), reason: reason ?? 'kill switch turned on' })}\n`;
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, body, { mode: 0o600 });
  renameSync(temp, path);
}
