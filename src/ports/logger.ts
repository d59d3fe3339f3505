// The logging port: what the engine and adapters need from a logger, and nothing about how lines are written.
// Must never: take the environment or a config object whole (S7); pass named fields instead.
import type { CorrelationId } from '../domain/ids.js';

export type LogFields = Readonly<Record<string, unknown>>;
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'critical' | 'fatal';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'critical', 'fatal'];

export interface Logger {
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Needs a person now (e.g. a position found without a stop and protected by reconciliation). */
  critical(msg: string, fields?: LogFields): void;
  fatal(msg: string, fields?: LogFields): void;
  /** A logger whose every line carries `bindings` too. */
  child(bindings: LogFields): Logger;
  /** A logger whose every line carries `correlation_id`, tying a signal to its orders and fills. */
  withCorrelation(correlationId: CorrelationId | string): Logger;
  /** Changes the minimum level at run time (dashboard setting). */
  setLevel(level: LogLevel): void;
}
