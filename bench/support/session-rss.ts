// Child-process part of the session memory bench: one 390-minute session of N synthetic symbols through the
// full engine (candles + sma_crossover per symbol + risk with the config defaults + order manager with the fake
// broker + portfolio) on a file SQLite store; prints one JSON line { symbols, bars, seconds, peakRssMb, ... }.
// Bars are generated as they are fed (as a feed delivers them), not held for the whole day in advance.
// Run alone (node bin/run-ts.js bench/support/session-rss.ts N) so other benches do not pollute the RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngineRig, DEFAULT_LIMITS, feedSessions, sessionBarStreams } from './engine-rig.js';

const count = Number(process.argv[2] ?? '100');
const symbols = Array.from({ length: count }, (_, i) => `${String.fromCharCode(65 + Math.floor(i / 676) % 26)}${String.fromCharCode(65 + Math.floor(i / 26) % 26)}${String.fromCharCode(65 + (i % 26))}`);
const dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-bench-rss-'));
const rig = buildEngineRig({ storePath: join(dir, 'bench.db'), symbols, params: { fast: 10, slow: 30 }, limits: DEFAULT_LIMITS });
const bars = sessionBarStreams(symbols, '2024-06-12', '2024-06-12');
const baseline = process.memoryUsage().rss;
let peak = baseline;
try {
  const stats = await feedSessions(rig, bars, () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  });
  const result = {
    symbols: count, bars: stats.bars, seconds: stats.seconds, peakRssMb: Math.round(peak / 2 ** 20), baselineRssMb: Math.round(baseline / 2 ** 20),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), orderRequests: rig.client.submits,
    signals: rig.store.signals.list({}).length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rig.close();
  rmSync(dir, { recursive: true, force: true });
}
