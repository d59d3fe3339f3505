// The production logger: pino JSON lines into LOG_DIR (rotated daily, kept 30 days) plus a readable console.
// Every line carries run_id; secrets are redacted by key path and, as a last line of defence, by literal value
// in the serialized line (hooks.streamWrite), so a key pasted into a message is still scrubbed.
// Must never: write a line that has not passed through the scrubber, or log the environment whole.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger as Pino, type DestinationStream, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';
import pinoRoll from 'pino-roll';
import type { LogFields, Logger, LogLevel } from '../../ports/logger.js';
import { REDACT_PATHS } from './redact-paths.js';
import { sweepOldLogs } from './retention.js';
import { SecretScrubber } from './secret-scrubber.js';

/** Levels: pino's own plus `critical` between error and fatal. */
const CUSTOM_LEVELS = { critical: 55 } as const;
export const LOG_FILE_BASENAME = 'alpaca-bot';
export const LOG_RETENTION_DAYS = 30;

export interface PinoLoggerOptions {
  readonly level: LogLevel;
  readonly runId: string;
  /** Directory for JSON log files; omit for console-only (e.g. short CLI commands that write nothing). */
  readonly logDir?: string;
  /** Literal secret values to scrub from every line. */
  readonly secrets?: Iterable<string | undefined>;
  /** Console output: 'pretty' (human), 'json', or 'none'. Default 'pretty'. */
  readonly console?: 'pretty' | 'json' | 'none';
  readonly colorize?: boolean;
  /** Where console lines go (default stderr, so stdout stays clean for --json output). */
  readonly consoleStream?: NodeJS.WritableStream;
  /** Clock for retention; injectable for tests. */
  readonly now?: () => number;
}

export interface ClosableLogger extends Logger {
  /** Flushes and closes the files. */
  close(): Promise<void>;
  readonly scrubber: SecretScrubber;
}

/** Shared by a logger and its children: once the files are closed, lines are dropped instead of crashing. */
interface LoggerState {
  closed: boolean;
}

class PinoAdapter implements Logger {
  readonly #pino: Pino<'critical'>;
  readonly #state: LoggerState;

  constructor(instance: Pino<'critical'>, state: LoggerState) {
    this.#pino = instance;
    this.#state = state;
  }
  trace(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.trace(fields ?? {}, msg);
  }
  debug(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.debug(fields ?? {}, msg);
  }
  info(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.info(fields ?? {}, msg);
  }
  warn(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.warn(fields ?? {}, msg);
  }
  error(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.error(fields ?? {}, msg);
  }
  critical(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.critical(fields ?? {}, msg);
  }
  fatal(msg: string, fields?: LogFields): void {
    if (this.#state.closed) return;
    this.#pino.fatal(fields ?? {}, msg);
  }
  child(bindings: LogFields): Logger {
    return new PinoAdapter(this.#pino.child(bindings), this.#state);
  }
  withCorrelation(correlationId: string): Logger {
    return this.child({ correlation_id: correlationId });
  }
  setLevel(level: LogLevel): void {
    this.#pino.level = level;
  }
}

async function consoleEntry(options: PinoLoggerOptions): Promise<StreamEntry | undefined> {
  const mode = options.console ?? 'pretty';
  const target = options.consoleStream ?? process.stderr;
  if (mode === 'none') return undefined;
  if (mode === 'json') return { level: 'trace', stream: target };
  const stream = pretty({
    colorize: options.colorize ?? false,
    destination: target,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,run_id',
    customLevels: 'critical:55',
    sync: true,
  });
  return Promise.resolve({ level: 'trace', stream });
}

async function fileEntry(logDir: string, now: number): Promise<{ entry: StreamEntry; stream: NodeJS.WritableStream & DestinationStream }> {
  mkdirSync(logDir, { recursive: true });
  sweepOldLogs(logDir, LOG_FILE_BASENAME, LOG_RETENTION_DAYS, now);
  const stream = await pinoRoll({
    file: join(logDir, LOG_FILE_BASENAME),
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    extension: '.log',
    mkdir: true,
    limit: { count: LOG_RETENTION_DAYS },
  });
  return { entry: { level: 'trace', stream }, stream };
}

/** Creates the logger. Async because the rotating file stream opens asynchronously. */
export async function createPinoLogger(options: PinoLoggerOptions): Promise<ClosableLogger> {
  const scrubber = new SecretScrubber(options.secrets ?? []);
  const entries: StreamEntry[] = [];
  const consoleOut = await consoleEntry(options);
  if (consoleOut) entries.push(consoleOut);
  const file = options.logDir ? await fileEntry(options.logDir, (options.now ?? Date.now)()) : undefined;
  if (file) entries.push(file.entry);
  const instance = pino<'critical'>(
    {
      level: options.level,
      customLevels: CUSTOM_LEVELS,
      base: { run_id: options.runId },
      redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => scrubber.scrub(line) },
    },
    pino.multistream(entries, { levels: { ...pino.levels.values, ...CUSTOM_LEVELS } }),
  );
  const state: LoggerState = { closed: false };
  const adapter = new PinoAdapter(instance, state);
  return Object.assign(adapter, {
    scrubber,
    close: async (): Promise<void> => {
      if (state.closed) return;
      state.closed = true;
      instance.flush();
      if (file) {
        const stream = file.stream;
        await new Promise<void>((resolve) => {
          stream.once('close', () => { resolve(); });
          stream.once('error', () => { resolve(); });
          stream.end();
        });
      }
    },
  });
}
