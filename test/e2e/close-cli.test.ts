// End to end, the real `alpaca-bot close` binary against a standalone embedded exchange reached through
// ALPACA_API_BASE_URL with the sim's keys: a held position with its protective stop is closed (the stop is
// cancelled first, then the broker liquidates), a bad symbol exits 2 naming the rule, no --yes exits 2, and
// without credentials it exits 1 with a clear message; the secret is never printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

let work: string;
let sim: SimExchangeHandle;

const env = (extra: Record<string, string> = {}): Record<string, string> =>
  cleanEnv({ DATA_DIR: join(work, 'data'), LOG_DIR: join(work, 'logs'), HOME: work, NO_COLOR: '1', ...extra });
const simEnv = (): Record<string, string> => env({ ALPACA_API_BASE_URL: sim.tradingUrl, ALPACA_API_KEY: sim.key, ALPACA_SECRET_KEY: sim.secret, ALPACA_PAPER: 'true' });

async function rest(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.tradingUrl}${path}`, {
    method, headers: { 'APCA-API-KEY-ID': sim.key, 'APCA-API-SECRET-KEY': sim.secret, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${String(response.status)} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-close-'));
  sim = await startSimExchange({ port: 0, speed: 'max', run: false, symbols: ['AAPL', 'MSFT'], start: '2024-06-12', quietMs: 0, rateLimitPerMinute: 0, log: () => undefined });
  await sim.market.replay.step();
});
afterAll(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

describe('alpaca-bot close (real binary, standalone exchange)', () => {
  it('usage errors exit 2 naming the rule; no credentials exit 1 with what to set', async () => {
    const [badSymbol, noYes, both, noKeys] = await Promise.all([
      runCli(['close', 'AAPL1', '--yes'], { cwd: work, env: simEnv() }),
      runCli(['close', 'AAPL'], { cwd: work, env: simEnv() }),
      runCli(['close', 'AAPL', '--all', '--yes'], { cwd: work, env: simEnv() }),
      runCli(['close', 'AAPL', '--yes'], { cwd: work, env: env({ ALPACA_API_BASE_URL: sim.tradingUrl }) }),
    ]);
    expect(badSymbol.code).toBe(2);
    expect(badSymbol.stderr).toMatch(/invalid symbol "AAPL1": expected 1–5 capital letters/);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/re-run with --yes/);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either SYMBOL or --all/);
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toMatch(/ALPACA_API_KEY\) is empty/);
    expect(noKeys.stderr).toMatch(/set ALPACA_API_KEY and ALPACA_SECRET_KEY/);
  }, 60_000);

  it('cancels the protective stop, then closes the position at the exchange', async () => {
    await rest('POST', '/v2/orders', { symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'e2e-entry-1' });
    await sim.market.replay.step();
    const held = (await rest('GET', '/v2/positions')) as { symbol: string; qty: string }[];
    expect(held.find((p) => p.symbol === 'AAPL')?.qty).toBe('10');
    const stop = (await rest('POST', '/v2/orders', { symbol: 'AAPL', qty: '10', side: 'sell', type: 'stop', stop_price: '1.00', time_in_force: 'gtc', client_order_id: 'e2e-stop-1' })) as { id: string };

    const run = await runCli(['close', 'AAPL', '--yes', '--json'], { cwd: work, env: simEnv() });
    expect(run.stderr).not.toContain(sim.secret);
    expect(run.stdout).not.toContain(sim.secret);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; results: { symbol: string; heldQty: string; cancelled: { id: string; status: string }[]; closeOrder?: { side: string; qty: string } }[] };
    expect(out.ok).toBe(true);
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ symbol: 'AAPL', heldQty: '10', cancelled: [{ id: stop.id, status: 'canceled' }], closeOrder: { side: 'sell', qty: '10' } });

    await sim.market.replay.step();
    const after = (await rest('GET', '/v2/positions')) as { symbol: string }[];
    expect(after.find((p) => p.symbol === 'AAPL')).toBeUndefined();
    const stopNow = (await rest('GET', `/v2/orders/${stop.id}`)) as { status: string };
    expect(stopNow.status).toBe('canceled');
  }, 90_000);

  it('--all cancels every open order and closes every position', async () => {
    await rest('POST', '/v2/orders', { symbol: 'AAPL', qty: '5', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'e2e-all-aapl' });
    await rest('POST', '/v2/orders', { symbol: 'MSFT', qty: '3', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: 'e2e-all-msft' });
    await sim.market.replay.step();
    await rest('POST', '/v2/orders', { symbol: 'MSFT', qty: '3', side: 'sell', type: 'stop', stop_price: '1.00', time_in_force: 'gtc', client_order_id: 'e2e-all-stop' });
    const noYes = await runCli(['close', '--all'], { cwd: work, env: simEnv() });
    expect(noYes.code).toBe(2);

    const run = await runCli(['close', '--all', '--yes'], { cwd: work, env: simEnv() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/AAPL:\n {2}closing 5 shares: sell 5 at market/);
    expect(run.stdout).toMatch(/MSFT:\n {2}cancelled stop sell order e2e-all-stop \(canceled\)\n {2}closing 3 shares: sell 3 at market/);
    await sim.market.replay.step();
    expect(await rest('GET', '/v2/positions')).toEqual([]);
    expect(await rest('GET', '/v2/orders?status=open')).toEqual([]);
  }, 90_000);
});
