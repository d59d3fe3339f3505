// Deletes log files older than the retention period, by the date in their name (alpaca-bot.YYYY-MM-DD[.N].log).
// pino-roll's own limit only counts files of the current process; a bot restarted daily would keep them forever.
// Must never: delete a file whose name does not match our pattern, or today's file.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const DAY_MS = 86_400_000;

/** Returns the names of the files removed. */
export function sweepOldLogs(logDir: string, basename: string, keepDays: number, now: number): string[] {
  const pattern = new RegExp(`^${basename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{4}-\\d{2}-\\d{2})(\\.\\d+)?\\.log$`);
  const cutoff = now - keepDays * DAY_MS;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match?.[1]) continue;
    const day = Date.parse(`${match[1]}T23:59:59.999Z`);
    if (Number.isFinite(day) && day < cutoff) {
      rmSync(join(logDir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
