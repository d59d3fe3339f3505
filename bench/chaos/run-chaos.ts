// `npm run chaos -- --kills N [--seed S] [--speed X] [--dir PATH] [--keep]`: the full crash campaign of issue #5.
// Prints the counts as one JSON document on stdout (progress on stderr) and exits 1 when a promise was broken.
// Must never: leave the temporary directory behind unless --keep (or a failure) asks for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from './chaos-campaign.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

function intFlag(name: string, fallback: number, min: number, max: number): number {
  const raw = flag(name, String(fallback));
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    process.stderr.write(`chaos: ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return value;
}

const kills = intFlag('--kills', 10, 1, 1000);
const seed = intFlag('--seed', Date.now() % 100_000, 0, 2_147_483_647);
const speed = intFlag('--speed', 300, 1, 10_000);
const keep = process.argv.includes('--keep');
const dir = process.argv.includes('--dir') ? flag('--dir', '') : mkdtempSync(join(tmpdir(), 'alpaca-bot-chaos-'));
process.stderr.write(`chaos: ${kills} kills, seed ${seed}, sim speed ${speed}x, files in ${dir}\n`);
const result = await runCampaign({ kills, seed, speed, dir, log: (line) => { process.stderr.write(`chaos: ${line}\n`); } });
const { killLog, details, ...counts } = result;
process.stdout.write(`${JSON.stringify({ seed, ...counts, details: details.slice(0, 50) }, null, 2)}\n`);
if (result.ok && !keep) rmSync(dir, { recursive: true, force: true });
else process.stderr.write(`chaos: logs and the database kept in ${dir} (${killLog.length} kills)\n`);
process.exitCode = result.ok ? 0 : 1;
