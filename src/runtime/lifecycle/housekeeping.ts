// Housekeeping tasks of SPEC §10/§15, each a supervised task on the injected Clock (so a virtual clock drives
// it in sim and tests): heartbeat in bot_state, DATA_DIR/status.json every minute, the daily reset once per
// trading day at the session open (09:30 ET), and the daily summary once per trading day after the close
// (16:00 ET, 13:00 on early-close days, + summaryDelayMs). Days done are recorded in bot_state, so a restart
// neither repeats nor skips them. Must never: fire a reset or summary on a weekend or holiday, fire one twice
// for a date, or let a failing status provider or notifier kill trading.
import { etDate, isTradingDay, nextClose, nextOpen, previousTradingDay, sessionClose, sessionOpen } from '../../domain/calendar/index.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { JsonValue, Store } from '../../ports/store.js';
import { abortableSleep, errorMessage } from './abortable-sleep.js';
import { computeDailySummary, formatDailySummary, type DailySummary } from './daily-summary.js';
import { writeStatusFile, type StatusSnapshot, type StatusSnapshotInput } from './status-file.js';
import type { SupervisedTask } from './supervisor.js';

/** bot_state keys. */
export const HEARTBEAT_KEY = 'heartbeat';
export const DAILY_RESET_KEY = 'daily_reset:last';
export const dailySummaryKey = (date: string): string => `daily_summary:${date}`;

export interface HousekeepingOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly runId: string;
  readonly store: Pick<Store, 'botState' | 'trades' | 'fills' | 'signals' | 'equity'>;
  /** The content of status.json; called every `statusMs`. */
  readonly status: () => StatusSnapshotInput;
  /** Called once per trading day at/after the open with the ET date (reset daily P&L baseline, loss-streak pause…). */
  readonly onDailyReset: (date: string) => Promise<void> | void;
  /** Optional webhook/notifier for the daily summary. */
  readonly notify?: (summary: DailySummary) => Promise<void> | void;
  /** Default 15 000 ms. */
  readonly heartbeatMs?: number;
  /** Default 60 000 ms. */
  readonly statusMs?: number;
  /** Time after the close before the summary (late fills settle); default 60 000 ms. */
  readonly summaryDelayMs?: number;
  /** Longest single sleep of the daily task (re-checks the calendar after it; survives clock jumps); default 60 000 ms. */
  readonly maxSleepMs?: number;
}

/** The housekeeping tasks; add `tasks()` to the Supervisor. */
export class Housekeeping {
  readonly #o: HousekeepingOptions;
  #lastHeartbeat: number | undefined;

  constructor(options: HousekeepingOptions) {
    this.#o = options;
  }

  /** Name → task, for `supervisor.add(name, task)`. */
  tasks(): ReadonlyArray<readonly [string, SupervisedTask]> {
    return [
      ['heartbeat', (s) => this.#every(this.#o.heartbeatMs ?? 15_000, s, () => { this.beat(); })],
      ['status_file', (s) => this.#every(this.#o.statusMs ?? 60_000, s, () => { this.writeStatus(); })],
      ['daily_cycle', (s) => this.#dailyLoop(s)],
    ];
  }

  /** The last heartbeat time (epoch ms), for the status snapshot. */
  get lastHeartbeat(): number | undefined {
    return this.#lastHeartbeat;
  }

  /** Records a heartbeat in bot_state now. A store failure throws (the bot must not run on a broken store). */
  beat(): void {
    const now = this.#o.clock.now();
    this.#o.store.botState.set(HEARTBEAT_KEY, { at: new Date(now).toISOString(), run_id: this.#o.runId, pid: process.pid });
    this.#lastHeartbeat = now;
    this.#o.logger.debug('heartbeat', { at: new Date(now).toISOString() });
  }

  /** Writes status.json now (also call it once during shutdown). Logs and returns undefined on failure. */
  writeStatus(): StatusSnapshot | undefined {
    try {
      return writeStatusFile(this.#o.dataDir, this.#o.status(), this.#o.clock.now());
    } catch (error) {
      this.#o.logger.error('status.json could not be written', { error: errorMessage(error), data_dir: this.#o.dataDir });
      return undefined;
    }
  }

  /** Fires whatever daily work is due now (reset, then summary). Exposed for tests and for a manual nudge. */
  async runDue(): Promise<void> {
    const now = this.#o.clock.now();
    const today = etDate(now);
    if (isTradingDay(today) && now >= sessionOpen(today) && this.#o.store.botState.get(DAILY_RESET_KEY) !== today) {
      this.#o.logger.info(`daily reset for ${today} (session start)`, { date: today });
      await this.#o.onDailyReset(today);
      this.#o.store.botState.set(DAILY_RESET_KEY, today);
    }
    const day = this.#summaryCandidate(now, today);
    if (day !== undefined) await this.#summarize(day.date, day.late);
  }

  /** The trading date whose summary is due: today after close + delay, else the previous trading day. */
  #summaryCandidate(now: number, today: string): { date: string; late: boolean } | undefined {
    const delay = this.#o.summaryDelayMs ?? 60_000;
    const date = isTradingDay(today) && now >= sessionClose(today) + delay ? today : previousTradingDay(today);
    if (this.#o.store.botState.get(dailySummaryKey(date)) !== undefined) return undefined;
    return { date, late: date !== today };
  }

  async #summarize(date: string, late: boolean): Promise<void> {
    const summary = computeDailySummary(this.#o.store, date);
    // A day that passed while the bot was down is summarized only when something happened in it (a fresh
    // install should not log an empty summary of yesterday).
    if (late && summary.trades === 0 && summary.fills === 0 && summary.signals.total === 0) return;
    this.#o.store.botState.set(dailySummaryKey(date), summary as unknown as JsonValue);
    this.#o.logger.info(formatDailySummary(summary).trimEnd(), { daily_summary: summary, date });
    if (this.#o.notify === undefined) return;
    try {
      await this.#o.notify(summary);
    } catch (error) {
      this.#o.logger.error('daily summary notification failed', { error: errorMessage(error), date });
    }
  }

  /** When the daily task should next look: the next open or close + delay, capped by maxSleepMs. */
  #nextWake(now: number): number {
    const delay = this.#o.summaryDelayMs ?? 60_000;
    const next = Math.min(nextOpen(now), nextClose(now - delay + 1) + delay, now + (this.#o.maxSleepMs ?? 60_000));
    return Math.max(next, now + 1);
  }

  async #dailyLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.runDue();
      const now = this.#o.clock.now();
      await abortableSleep(this.#o.clock, this.#nextWake(now) - now, signal);
    }
  }

  async #every(ms: number, signal: AbortSignal, fn: () => void): Promise<void> {
    while (!signal.aborted) {
      fn();
      await abortableSleep(this.#o.clock, ms, signal);
    }
  }
}
