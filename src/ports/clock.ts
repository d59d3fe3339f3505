// Time comes into the core through this port: a live clock in paper/live, the exchange's virtual clock in sim
// replays, and the bar clock in backtests. Must never: be bypassed with Date.now() or timers inside src/core.

export interface Clock {
  /** Current time, epoch ms. */
  now(): number;
  /** Resolves after `ms` of this clock's time (retry back-off, waits). A backtest clock resolves at once. */
  sleep(ms: number): Promise<void>;
}
