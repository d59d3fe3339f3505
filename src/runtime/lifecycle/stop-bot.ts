// `alpaca-bot stop` without the CLI: find the bot of a DATA_DIR through its pid file, send SIGTERM (which runs
// the graceful shutdown), and wait for the process to exit. Must never: signal a pid from a stale file, or
// send anything stronger than SIGTERM (a person escalates on purpose).
import { isProcessAlive, readPidFile, type PidFileInfo } from './pid-file.js';

export type StopOutcome = 'stopped' | 'not_running' | 'stale' | 'timeout';

export interface StopResult {
  readonly outcome: StopOutcome;
  readonly dataDir: string;
  readonly pid?: number;
  readonly info?: PidFileInfo;
  /** How long it took to exit (stopped) or how long we waited (timeout). */
  readonly waitedMs?: number;
  /** For invalid pid files. */
  readonly detail?: string;
}

export interface StopBotOptions {
  readonly dataDir: string;
  /** Default 15 000 ms. */
  readonly timeoutMs?: number;
  /** Default 100 ms. */
  readonly pollMs?: number;
  readonly isAlive?: (pid: number) => boolean;
  readonly kill?: (pid: number, signal: 'SIGTERM') => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM to the bot of `dataDir` and waits for it to exit. */
export async function stopBot(options: StopBotOptions): Promise<StopResult> {
  const { dataDir } = options;
  const isAlive = options.isAlive ?? isProcessAlive;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const info = readPidFile(dataDir);
  if (info === undefined) return { outcome: 'not_running', dataDir };
  if ('invalid' in info) return { outcome: 'stale', dataDir, detail: info.invalid };
  if (!isAlive(info.pid)) return { outcome: 'stale', dataDir, pid: info.pid, info };
  try {
    (options.kill ?? ((pid, signal) => process.kill(pid, signal)))(info.pid, 'SIGTERM');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return { outcome: 'stale', dataDir, pid: info.pid, info };
    throw error;
  }
  const started = now();
  const timeoutMs = options.timeoutMs ?? 15_000;
  while (isAlive(info.pid)) {
    if (now() - started >= timeoutMs) return { outcome: 'timeout', dataDir, pid: info.pid, info, waitedMs: now() - started };
    await sleep(options.pollMs ?? 100);
  }
  return { outcome: 'stopped', dataDir, pid: info.pid, info, waitedMs: now() - started };
}
