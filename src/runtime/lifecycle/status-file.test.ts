// Proves status.json: atomic write (no temp file left, complete JSON with version and updated_at), money as
// strings, read-back with age and the 3-minute staleness flag, clear errors for a corrupt file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStatus } from './lifecycle-test-kit.js';
import { readStatusFile, statusFilePath, writeStatusFile } from './status-file.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-status-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

describe('status.json', () => {
  it('is written atomically with version and updated_at, and read back with its age', () => {
    const now = Date.UTC(2025, 2, 10, 14, 30);
    writeStatusFile(dir, sampleStatus(), now);
    writeStatusFile(dir, sampleStatus({ trades_today: 4 }), now + 60_000);
    expect(readdirSync(dir)).toEqual(['status.json']);
    const json = JSON.parse(readFileSync(statusFilePath(dir), 'utf8'));
    expect(json).toMatchObject({ version: 1, updated_at: '2025-03-10T14:31:00.000Z', trades_today: 4, account: { equity: '25080.25' } });
    expect(typeof json.positions[0].qty).toBe('string');
    expect(readStatusFile(dir, now + 60_000 + 5000)).toMatchObject({ ageMs: 5000, stale: false });
    expect(readStatusFile(dir, now + 60_000 + 180_001)?.stale).toBe(true);
  });

  it('returns undefined without a file and names the file when it is corrupt', () => {
    expect(readStatusFile(dir, 0)).toBeUndefined();
    writeFileSync(statusFilePath(dir), '{"half":');
    expect(() => readStatusFile(dir, 0)).toThrow(new RegExp(`${statusFilePath(dir)} is not valid JSON`));
    writeFileSync(statusFilePath(dir), '{"mode":"paper"}');
    expect(() => readStatusFile(dir, 0)).toThrow(/updated_at is missing/);
  });
});
