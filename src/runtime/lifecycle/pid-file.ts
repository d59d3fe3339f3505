// The run lock (DATA_DIR/alpaca-bot.pid): one bot per data directory, because two bots on one store would each
// believe they own the positions. The file holds the pid, start time and mode; `alpaca-bot stop` and `status`
// read it. A file left by a dead process (a crash, SIGKILL) is taken over with a warning.
// Must never: start a second bot while the first is alive, or delete a lock that another process now holds.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../ports/logger.js';

/** File name of the lock inside DATA_DIR. */
export const PID_FILE = 'alpaca-bot.pid';

/** What the pid file says. */
export interface PidFileInfo {
  readonly pid: number;
  /** ISO time the bot started. */
  readonly started_at: string;
  readonly mode: string;
  readonly run_id?: string;
}

/** Thrown when another live bot holds the lock. */
export class BotAlreadyRunningError extends Error {
  override readonly name = 'BotAlreadyRunningError';
  constructor(readonly dataDir: string, readonly holder: PidFileInfo) {
    super(`another alpaca-bot (pid ${String(holder.pid)}, mode ${holder.mode}, started ${holder.started_at}) is running on DATA_DIR ${dataDir}: stop it first (alpaca-bot stop) or use another DATA_DIR`);
  }
}

/** Absolute path of the pid file. */
export function pidFilePath(dataDir: string): string {
  return join(dataDir, PID_FILE);
}

/**
 * Whether a process with `pid` exists (signal 0). EPERM means it exists under another user. On Linux a zombie
 * (exited, not yet reaped) counts as gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Reads the pid file; undefined when absent, `{ invalid }` when it cannot be understood. */
export function readPidFile(dataDir: string): PidFileInfo | { readonly invalid: string } | undefined {
  const path = pidFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof parsed.pid !== 'number' || !Number.isSafeInteger(parsed.pid) || parsed.pid <= 0) return { invalid: `${path}: pid is not a positive integer` };
    const text = (v: unknown): string => (typeof v === 'string' ? v : 'unknown');
    return { pid: parsed.pid, started_at: text(parsed.started_at), mode: text(parsed.mode), ...(typeof parsed.run_id === 'string' ? { run_id: parsed.run_id } : {}) };
  } catch (error) {
    return { invalid: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface AcquirePidLockOptions {
  readonly dataDir: string;
  readonly mode: string;
  readonly runId?: string;
  readonly logger: Logger;
  /** Default process.pid. */
  readonly pid?: number;
  /** Default Date.now. */
  readonly now?: () => number;
  /** Default isProcessAlive. */
  readonly isAlive?: (pid: number) => boolean;
}

/** A held lock. */
export interface PidLock {
  readonly path: string;
  readonly info: PidFileInfo;
  /** Removes the file if it is still ours. Idempotent. */
  release(): void;
}

/**
 * Takes the lock for this process: creates DATA_DIR/alpaca-bot.pid exclusively. A file whose pid is dead, is
 * our own pid (a container restart reuses pid 1), or cannot be parsed is replaced with a WARNING.
 * @throws BotAlreadyRunningError when a live process holds it
 */
export function acquirePidLock(options: AcquirePidLockOptions): PidLock {
  const { dataDir, logger } = options;
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? isProcessAlive;
  const info: PidFileInfo = { pid, started_at: new Date((options.now ?? Date.now)()).toISOString(), mode: options.mode, ...(options.runId === undefined ? {} : { run_id: options.runId }) };
  const path = pidFilePath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(info)}\n`, { flag: 'wx', mode: 0o644 });
      return { path, info, release: () => { releaseIfOurs(dataDir, pid); } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPidFile(dataDir);
    if (holder !== undefined && !('invalid' in holder) && holder.pid !== pid && isAlive(holder.pid)) throw new BotAlreadyRunningError(dataDir, holder);
    const why = holder === undefined ? 'vanished' : 'invalid' in holder ? holder.invalid : holder.pid === pid ? `it names this process's own pid ${String(pid)}` : `pid ${String(holder.pid)} (mode ${holder.mode}, started ${holder.started_at}) is no longer running`;
    logger.warn(`stale pid file taken over: ${why}`, { path });
    rmSync(path, { force: true });
  }
  throw new Error(`could not create ${path}: another process keeps recreating it`);
}

function releaseIfOurs(dataDir: string, pid: number): void {
  const holder = readPidFile(dataDir);
  if (holder !== undefined && !('invalid' in holder) && holder.pid === pid) rmSync(pidFilePath(dataDir), { force: true });
}
