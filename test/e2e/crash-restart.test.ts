// The small crash test of issue #5 (the full campaign is `npm run chaos -- --kills N`): the real bot trades against
// the standalone exchange (`alpaca-bot sim`), is killed with SIGKILL at seeded-random moments (including right after
// an approved signal and while an intent is committed but unanswered) and restarted on the same DATA_DIR; after the
// last run has settled and shut down (exit 0) the exchange and the SQLite store must agree on every promise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../bench/chaos/chaos-campaign.js';

describe('crash test: SIGKILL at random moments, restart, invariants', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alpaca-bot-crash-'));
  let keep = false;
  afterAll(() => { if (!keep) rmSync(dir, { recursive: true, force: true }); });

  it('no duplicate order, no lost fill, positions equal and protected after 3 kills', async () => {
    const lines: string[] = [];
    const result = await runCampaign({
      kills: 3, seed: 5, dir, speed: 300, triggerTimeoutMs: 12_000, finalTradeMs: 5_000,
      log: (line) => { lines.push(line); },
    });
    keep = !result.ok;
    const context = `campaign files in ${dir}\n${lines.join('\n')}\n${result.details.join('\n')}`;
    expect(result.kills, context).toBe(3);
    expect(result.orders_accepted, context).toBeGreaterThan(0);
    expect(result.exchange_fills, context).toBeGreaterThan(0);
    expect(result.duplicate_client_order_ids, context).toBe(0);
    expect(result.signals_with_multiple_orders, context).toBe(0);
    expect(result.orders_unknown_locally, context).toBe(0);
    expect(result.fills_missing_locally, context).toBe(0);
    expect(result.fill_qty_mismatches, context).toBe(0);
    expect(result.position_mismatches, context).toBe(0);
    expect(result.positions_without_stop, context).toBe(0);
    expect(result.intents_unresolved, context).toBe(0);
    expect(result.unexpected_exits, context).toBe(0);
    expect(result.final_exit_code, context).toBe(0);
    expect(result.ok, context).toBe(true);
  }, 150_000);
});
