// The processes of the crash campaign: the standalone exchange (`alpaca-bot sim`) and the bot (`alpaca-bot run
// --mode sim` pointed at it), spawned directly (no shell) so SIGKILL/SIGINT reach the real process, with their
// output kept in files and stdout lines offered to watchers (the kill triggers).
// Must never: kill a process it did not spawn, or pass the parent's Alpaca settings to a child.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv } from '../../test/support/run-cli.js';

export const SIM_HEADERS = { 'APCA-API-KEY-ID': 'SIMKEY', 'APCA-API-SECRET-KEY': 'SIMSECRET' } as const;

/** A spawned child with its output split into lines. */
export class ChildHandle {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #watchers = new Set<(line: string) => void>();
  #lines: string[] = [];
  #log: WriteStream;

  constructor(args: readonly string[], env: Record<string, string>, logFile: string, cwd: string) {
    this.#log = createWriteStream(logFile, { flags: 'a' });
    this.child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#split(this.child.stdout);
    this.#split(this.child.stderr);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => { resolve({ code, signal }); });
    });
    void this.exited.then(() => { this.#log.end(); });
  }

  /** Lines of stdout and stderr (the bot logs to both), each to the log file and to the watchers. */
  #split(stream: NodeJS.ReadableStream | null): void {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.#log.write(text);
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        this.#lines.push(line);
        for (const watcher of this.#watchers) watcher(line);
      }
    });
  }

  get lines(): readonly string[] {
    return this.#lines;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first stdout line (already seen or future) matching `pattern`; undefined on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs: number, fromIndex = 0): Promise<string | undefined> {
    const seen = this.#lines.slice(fromIndex).find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const done = (value: string | undefined): void => {
        clearTimeout(timer);
        this.#watchers.delete(watcher);
        resolve(value);
      };
      const watcher = (line: string): void => { if (pattern.test(line)) done(line); };
      const timer = setTimeout(() => { done(undefined); }, timeoutMs);
      this.#watchers.add(watcher);
      void this.exited.then(() => { done(undefined); });
    });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }
}

export interface SimProcess {
  readonly handle: ChildHandle;
  readonly url: string;
}

/** Starts `alpaca-bot sim` on a free port and waits for its banner. */
export async function startSim(opts: { seed: number; speed: number; symbols: readonly string[]; start?: string; dir: string }): Promise<SimProcess> {
  const args = ['sim', '--synthetic', String(opts.seed), '--speed', String(opts.speed), '--port', '0', '--symbols', opts.symbols.join(','), '--rate-limit', '0'];
  if (opts.start !== undefined) args.push('--start', opts.start);
  const handle = new ChildHandle(args, cleanEnv(), join(opts.dir, 'sim.log'), opts.dir);
  const line = await handle.waitForLine(/Trading REST\s+http:\/\/127\.0\.0\.1:\d+/, 30_000);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line ?? '')?.[0];
  if (url === undefined) {
    handle.kill('SIGKILL');
    throw new Error(`alpaca-bot sim did not print its URL within 30 s (see ${join(opts.dir, 'sim.log')})`);
  }
  return { handle, url };
}

/** The environment of the bot: the sim's endpoints and keys, fast SMAs, limits loose enough to trade all session. */
export function botEnv(simUrl: string, dataDir: string, symbols: readonly string[]): Record<string, string> {
  return cleanEnv({
    ALPACA_API_BASE_URL: simUrl, ALPACA_API_KEY: 'SIMKEY', ALPACA_SECRET_KEY: 'SIMSECRET',
    DATA_DIR: dataDir, LOG_DIR: join(dataDir, 'logs'), SYMBOLS: symbols.join(','),
    SMA_FAST: '3', SMA_SLOW: '8', MAX_TRADES_PER_DAY: '500', CONSECUTIVE_LOSS_PAUSE: '10',
    MAX_DAILY_LOSS_PCT: '0.1', MAX_DRAWDOWN_PCT: '0.5', MAX_OPEN_POSITIONS: '50', WEB_PORT: '0', LOG_LEVEL: 'info',
  });
}

/** Starts one bot run (the same command every time: a restart is just this again on the same DATA_DIR). */
export function startBot(env: Record<string, string>, dir: string, run: number): ChildHandle {
  return new ChildHandle(['run', '--mode', 'sim'], env, join(dir, `bot-${String(run).padStart(3, '0')}.log`), dir);
}

/** The line the bot prints once startup (reconciliation, warm-up) is over and it trades. */
export const READY_LINE = /Ctrl-C \(or `alpaca-bot stop`\)/;

/** JSON from the sim (admin or trading API). */
export async function simGet<T>(url: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, url), { headers: SIM_HEADERS });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function simPost(url: string, path: string): Promise<void> {
  const response = await fetch(new URL(path, url), { method: 'POST', headers: SIM_HEADERS });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status}`);
}
