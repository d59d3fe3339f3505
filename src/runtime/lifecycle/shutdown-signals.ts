// Connects SIGINT/SIGTERM to the graceful shutdown. The first signal starts it; a second one during the
// shutdown only logs (a person pressing Ctrl-C twice must not start two shutdowns); a third forces exit 1 (the
// person insists; the write-ahead log and startup reconciliation make that safe). Must never: exit with 0 on a
// forced exit, or install handlers twice without removing the first.
import type { Logger } from '../../ports/logger.js';

export type ShutdownSignal = 'SIGINT' | 'SIGTERM';

/** The part of `process` this needs, injectable for tests. */
export interface ProcessLike {
  on(event: ShutdownSignal, listener: () => void): unknown;
  off(event: ShutdownSignal, listener: () => void): unknown;
  exit(code: number): void;
}

export interface ShutdownSignalOptions {
  readonly process: ProcessLike;
  readonly logger: Logger;
  /** Starts (or joins) the graceful shutdown, e.g. `(reason) => shutdown.shutdown(reason)`. */
  readonly shutdown: (reason: string) => unknown;
  /** Signals (of either kind) that force an exit; default 3. */
  readonly forceAfter?: number;
}

/** Installs the handlers; returns a function that removes them. */
export function installShutdownSignals(options: ShutdownSignalOptions): () => void {
  const { process: proc, logger, shutdown } = options;
  const forceAfter = options.forceAfter ?? 3;
  let count = 0;
  const handler = (signal: ShutdownSignal): void => {
    count += 1;
    if (count === 1) {
      logger.info(`${signal} received: shutting down gracefully`, { signal });
      void shutdown(`${signal} received`);
    } else if (count < forceAfter) {
      logger.warn(`${signal} received again: shutdown already in progress (send ${String(forceAfter - count)} more to force exit)`, { signal, count });
    } else {
      logger.error(`${signal} received ${String(count)} times: forcing exit 1 without finishing the shutdown`, { signal, count });
      proc.exit(1);
    }
  };
  const onInt = (): void => { handler('SIGINT'); };
  const onTerm = (): void => { handler('SIGTERM'); };
  proc.on('SIGINT', onInt);
  proc.on('SIGTERM', onTerm);
  return () => {
    proc.off('SIGINT', onInt);
    proc.off('SIGTERM', onTerm);
  };
}
