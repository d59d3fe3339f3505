// An in-memory Logger for unit tests and for code that wants to inspect what it logged.
// It applies the same literal-secret scrubbing as the real logger, so secret tests mean something.
import type { LogFields, Logger, LogLevel } from '../../ports/logger.js';
import { LOG_LEVELS } from '../../ports/logger.js';
import { SecretScrubber } from './secret-scrubber.js';

export interface MemoryLogEntry {
  readonly level: LogLevel;
  readonly msg: string;
  readonly fields: LogFields;
}

export class MemoryLogger implements Logger {
  readonly entries: MemoryLogEntry[];
  readonly #bindings: LogFields;
  readonly #scrubber: SecretScrubber;
  #level: { value: LogLevel };

  constructor(options: { level?: LogLevel; secrets?: Iterable<string>; bindings?: LogFields; entries?: MemoryLogEntry[]; levelRef?: { value: LogLevel }; scrubber?: SecretScrubber } = {}) {
    this.entries = options.entries ?? [];
    this.#bindings = options.bindings ?? {};
    this.#scrubber = options.scrubber ?? new SecretScrubber(options.secrets ?? []);
    this.#level = options.levelRef ?? { value: options.level ?? 'trace' };
  }

  #log(level: LogLevel, msg: string, fields?: LogFields): void {
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(this.#level.value)) return;
    const merged = JSON.parse(this.#scrubber.scrub(JSON.stringify({ ...this.#bindings, ...fields }))) as LogFields;
    this.entries.push({ level, msg: this.#scrubber.scrub(msg), fields: merged });
  }

  trace(msg: string, fields?: LogFields): void {
    this.#log('trace', msg, fields);
  }
  debug(msg: string, fields?: LogFields): void {
    this.#log('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.#log('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.#log('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.#log('error', msg, fields);
  }
  critical(msg: string, fields?: LogFields): void {
    this.#log('critical', msg, fields);
  }
  fatal(msg: string, fields?: LogFields): void {
    this.#log('fatal', msg, fields);
  }
  child(bindings: LogFields): Logger {
    return new MemoryLogger({ bindings: { ...this.#bindings, ...bindings }, entries: this.entries, levelRef: this.#level, scrubber: this.#scrubber });
  }
  withCorrelation(correlationId: string): Logger {
    return this.child({ correlation_id: correlationId });
  }
  setLevel(level: LogLevel): void {
    this.#level.value = level;
  }
}
