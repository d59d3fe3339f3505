export { createPinoLogger, LOG_FILE_BASENAME, LOG_RETENTION_DAYS, type ClosableLogger, type PinoLoggerOptions } from './pino-logger.js';
export { MemoryLogger, type MemoryLogEntry } from './memory-logger.js';
export { SecretScrubber, REDACTED } from './secret-scrubber.js';
export { sweepOldLogs } from './retention.js';
export { newRunId } from './run-id.js';
