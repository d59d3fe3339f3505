// A run id identifies one process lifetime in every log line: sortable by start time, unique enough to grep.
import { randomBytes } from 'node:crypto';

export function newRunId(now: number = Date.now()): string {
  return `${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}
