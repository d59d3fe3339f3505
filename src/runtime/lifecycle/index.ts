// Public surface of the lifecycle machinery (SPEC §10): supervisor, graceful shutdown and signals, run lock and
// stop, kill-switch watcher, housekeeping (heartbeat, status.json, daily reset and summary). The composition
// root imports from here. Must never: export test helpers other than ManualClock.
export { Supervisor, type SupervisedTask, type SupervisorOptions, type TaskState, type TaskStatus } from './supervisor.js';
export {
  CANCEL_ATTEMPTS, DEFAULT_SHUTDOWN_TIMEOUTS, GracefulShutdown,
  type GracefulShutdownOptions, type ShutdownHooks, type ShutdownResult, type ShutdownTimeouts, type StepOutcome, type StepResult,
} from './graceful-shutdown.js';
export { installShutdownSignals, type ProcessLike, type ShutdownSignal, type ShutdownSignalOptions } from './shutdown-signals.js';
export { acquirePidLock, BotAlreadyRunningError, isProcessAlive, PID_FILE, pidFilePath, readPidFile, type AcquirePidLockOptions, type PidFileInfo, type PidLock } from './pid-file.js';
export { stopBot, type StopBotOptions, type StopOutcome, type StopResult } from './stop-bot.js';
export { abortableSleep } from './abortable-sleep.js';
export { ManualClock } from './manual-clock.js';
export { systemClock } from './system-clock.js';
export { describeKill, KillSwitchWatcher, type KillSwitchListener, type KillSwitchWatcherOptions } from './kill-switch-watcher.js';
export {
  readStatusFile, STATUS_FILE, STATUS_STALE_MS, STATUS_VERSION, statusFilePath, writeStatusFile,
  type ConnectionStatus, type DecimalString, type StatusPosition, type StatusRead, type StatusSnapshot, type StatusSnapshotInput, type StatusStrategy,
} from './status-file.js';
export { computeDailySummary, formatDailySummary, type DailySummary } from './daily-summary.js';
export { DAILY_RESET_KEY, dailySummaryKey, HEARTBEAT_KEY, Housekeeping, type HousekeepingOptions } from './housekeeping.js';
