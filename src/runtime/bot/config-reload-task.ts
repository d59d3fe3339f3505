// The supervised task that keeps a running bot's configuration current (SPEC §3: a changed config.yaml is re-read
// within 60 s): a cheap stat of config.yaml and .env every second reloads soon after an edit, and a full reload
// every interval (default 60 s) picks up settings_overrides written by the dashboard. Reloads run in the event
// processor, so the engine never sees a configuration change in the middle of a bar. (An in-process writer, e.g.
// the dashboard, can reload at once with `queue.push('config-reload', () => parts.reloader.reload('dashboard'))`.)
// Must never: reload outside the serial queue, or stop the bot because a file is missing or unreadable.
import { statSync } from 'node:fs';
import type { Logger } from '../../ports/logger.js';
import { abortableSleep, systemClock } from '../lifecycle/index.js';
import type { ConfigReloader } from './config-reloader.js';
import type { SerialQueue } from './serial-queue.js';

/** Default full-reload interval (SPEC §3: within 60 s). */
export const CONFIG_RELOAD_MS = 60_000;
/** Environment variable that shortens the interval (tests, impatient people): 100–60000 ms. */
export const CONFIG_RELOAD_ENV = 'CONFIG_RELOAD_MS';
const MIN_MS = 100;
const POLL_MS = 1_000;

/** Reads the flag afresh (TypeScript keeps a narrowed `aborted` across an await). */
const isAborted = (signal: AbortSignal): boolean => signal.aborted;

/** The reload interval from the environment; a bad value is logged and the default used. */
export function reloadIntervalMs(env: Readonly<Record<string, string | undefined>>, logger: Logger): number {
  const text = env[CONFIG_RELOAD_ENV]?.trim();
  if (text === undefined || text === '') return CONFIG_RELOAD_MS;
  const ms = /^\d+$/.test(text) ? Number(text) : NaN;
  if (ms >= MIN_MS && ms <= CONFIG_RELOAD_MS) return ms;
  logger.warn(`${CONFIG_RELOAD_ENV} = ${text} is not allowed: allowed ${MIN_MS}–${CONFIG_RELOAD_MS} (milliseconds, whole number); using ${CONFIG_RELOAD_MS}`);
  return CONFIG_RELOAD_MS;
}

/** Modification time and size of each file ('-' when missing), as one comparable string. */
export function fileStamp(paths: readonly string[]): string {
  return paths.map((path) => {
    try {
      const stat = statSync(path);
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return '-';
    }
  }).join('|');
}

export interface ConfigReloadTaskOptions {
  readonly reloader: Pick<ConfigReloader, 'reload'>;
  readonly queue: Pick<SerialQueue, 'push'>;
  /** Files whose change triggers a reload at once (config.yaml, .env). */
  readonly files: readonly string[];
  readonly intervalMs: number;
}

export class ConfigReloadTask {
  readonly #o: ConfigReloadTaskOptions;
  constructor(options: ConfigReloadTaskOptions) {
    this.#o = options;
  }

  /** The supervised loop; ends when `signal` aborts. A changed file is reloaded once it has been stable for a poll. */
  async run(signal: AbortSignal): Promise<void> {
    const poll = Math.min(POLL_MS, this.#o.intervalMs);
    let seen = fileStamp(this.#o.files);
    let loaded = seen;
    let last = systemClock.now();
    while (!isAborted(signal)) {
      await abortableSleep(systemClock, poll, signal);
      if (isAborted(signal)) break;
      const now = fileStamp(this.#o.files);
      const settled = now === seen;
      seen = now;
      const due = systemClock.now() - last >= this.#o.intervalMs;
      const changed = now !== loaded;
      // A file being written (changed since the last poll) waits one more poll, so a half-written file is not read.
      const trigger = changed ? (settled ? 'file changed' : undefined) : due ? 'interval' : undefined;
      if (trigger === undefined) continue;
      loaded = now;
      last = systemClock.now();
      await this.#o.queue.push('config-reload', async () => { await this.#o.reloader.reload(trigger); });
    }
  }
}
