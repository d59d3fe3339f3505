// The logger of a backtest run: the engine logs every decision at info level, which a 500k-bar run cannot afford
// to format, so info and below are dropped unless asked for; warnings and errors are counted and the first ones
// kept for the run's summary (and optionally forwarded, e.g. to the console). Must never: drop a warning silently
// (it is always counted), or format a line it will not keep.
import type { LogFields, Logger, LogLevel } from '../../ports/logger.js';
import { LOG_LEVELS } from '../../ports/logger.js';

export interface BacktestLogLine {
  readonly level: LogLevel;
  readonly msg: string;
  readonly fields: LogFields;
}

interface Shared {
  level: number;
  warnings: number;
  kept: BacktestLogLine[];
  readonly keep: number;
  readonly forward: ((line: BacktestLogLine) => void) | undefined;
}

export class BacktestLogger implements Logger {
  readonly #shared: Shared;
  readonly #bindings: LogFields;

  constructor(options: { level?: LogLevel; keep?: number; forward?: (line: BacktestLogLine) => void } = {}, shared?: Shared, bindings: LogFields = {}) {
    this.#shared = shared ?? { level: LOG_LEVELS.indexOf(options.level ?? 'warn'), warnings: 0, kept: [], keep: options.keep ?? 50, forward: options.forward };
    this.#bindings = bindings;
  }

  /** Warnings and worse seen so far. */
  get warningCount(): number { return this.#shared.warnings; }
  /** The first lines at the kept level (at most `keep`). */
  get lines(): readonly BacktestLogLine[] { return this.#shared.kept; }

  #log(level: LogLevel, index: number, msg: string, fields?: LogFields): void {
    if (index >= 3) this.#shared.warnings++;
    if (index < this.#shared.level) return;
    const line = { level, msg, fields: { ...this.#bindings, ...fields } };
    if (this.#shared.kept.length < this.#shared.keep) this.#shared.kept.push(line);
    this.#shared.forward?.(line);
  }

  trace(msg: string, fields?: LogFields): void { this.#log('trace', 0, msg, fields); }
  debug(msg: string, fields?: LogFields): void { this.#log('debug', 1, msg, fields); }
  info(msg: string, fields?: LogFields): void { this.#log('info', 2, msg, fields); }
  warn(msg: string, fields?: LogFields): void { this.#log('warn', 3, msg, fields); }
  error(msg: string, fields?: LogFields): void { this.#log('error', 4, msg, fields); }
  critical(msg: string, fields?: LogFields): void { this.#log('critical', 5, msg, fields); }
  fatal(msg: string, fields?: LogFields): void { this.#log('fatal', 6, msg, fields); }
  child(bindings: LogFields): Logger { return new BacktestLogger({}, this.#shared, { ...this.#bindings, ...bindings }); }
  withCorrelation(correlationId: string): Logger { return this.child({ correlation_id: correlationId }); }
  setLevel(level: LogLevel): void { this.#shared.level = LOG_LEVELS.indexOf(level); }
}
