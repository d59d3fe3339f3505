// End to end, the real `alpaca-bot` binary in a child process: `data import` of a good CSV (then
// `data list --json` shows it), of a bad CSV (exit 1, every problem with its line number, nothing imported,
// not even an empty database), and `data fetch` against a running embedded exchange reached through
// ALPACA_DATA_BASE_URL with the sim's keys, writing the exchange's own bars to the bars table.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/sqlite/open-store.js';
import { startSimExchange, type SimExchangeHandle } from '../../src/exchange/sim-exchange-app.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

let work: string;
const dataDir = (): string => join(work, 'data');
const database = (): string => join(dataDir(), 'alpaca-bot.db');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'alpaca-bot-data-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}): Record<string, string> => cleanEnv({ DATA_DIR: dataDir(), HOME: work, NO_COLOR: '1', ...extra });

describe('alpaca-bot data (real binary)', () => {
  it('a bad CSV exits 1, lists each problem with its line number, and imports nothing', async () => {
    const rows = ['timestamp,open,high,low,close,volume', '2024-01-02T14:30:00Z,10,11,9,10,100', '2024-01-02T14:31:00Z,10,9,11,10,100', 'not-a-time,1,1,1,1,1', '2024-01-02T14:30:00Z,10,11,9,10,100'];
    writeFileSync(join(work, 'bad.csv'), `${rows.join('\n')}\n`);
    const run = await runCli(['data', 'import', 'bad.csv', '--symbol', 'SPY'], { cwd: work, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 problem(s) in bad.csv; nothing was imported');
    expect(run.stderr).toMatch(/bad\.csv:3: high 9 is below/);
    expect(run.stderr).toMatch(/bad\.csv:4: timestamp "not-a-time"/);
    expect(run.stderr).toMatch(/bad\.csv:5: duplicate timestamp for SPY \(same as line 2\)/);
    expect(existsSync(database())).toBe(false);
  }, 60_000);

  it('a good CSV is imported and data list --json shows it', async () => {
    const rows = ['datetime,open,high,low,close,volume', '2024-01-02 09:30:00,10,11,9,10.5,100', '2024-01-02 09:31:00,10.5,12,10,11,200', '2024-01-02 09:32:00,11,11.5,10.75,11.25,300'];
    writeFileSync(join(work, 'good.csv'), `${rows.join('\n')}\n`);
    const imported = await runCli(['data', 'import', 'good.csv', '--symbol', 'spy', '--tz', 'America/New_York', '--json'], { cwd: work, env: env() });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 3, source: 'csv:good.csv', timeframe: '1Min' });
    const list = await runCli(['data', 'list', '--json'], { cwd: work, env: env() });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({
      database: database(),
      series: [{ symbol: 'SPY', timeframe: '1Min', count: 3, first: '2024-01-02T14:30:00.000Z', last: '2024-01-02T14:32:00.000Z' }],
    });
    const store = openStore(database());
    try {
      expect(store.bars.range('SPY' as never, '1Min', 0, Date.parse('2030-01-01')).map((b) => b.close.toString())).toEqual(['10.5', '11', '11.25']);
    } finally {
      store.close();
    }
  }, 60_000);

  describe('data fetch against the embedded exchange', () => {
    let sim: SimExchangeHandle;
    beforeAll(async () => {
      sim = await startSimExchange({ port: 0, speed: 'max', run: false, symbols: ['AAPL', 'MSFT'], start: '2024-06-12', log: () => undefined });
      await sim.market.replay.step();
    });
    afterAll(async () => {
      await sim.close();
    });

    it('without credentials: a clear error and exit 1; a bad flag: exit 2 naming it', async () => {
      const [noKeys, badFlag] = await Promise.all([
        runCli(['data', 'fetch', '--symbols', 'AAPL', '--from', '2024-06-10', '--to', '2024-06-10'], { cwd: work, env: env({ ALPACA_DATA_BASE_URL: sim.dataUrl }) }),
        runCli(['data', 'fetch', '--symbols', 'AAPL', '--from', '10/06/2024', '--to', '2024-06-10'], { cwd: work, env: env() }),
      ]);
      expect(noKeys.code).toBe(1);
      expect(noKeys.stderr).toMatch(/needs Alpaca credentials: set ALPACA_API_KEY and ALPACA_SECRET_KEY/);
      expect(badFlag.code).toBe(2);
      expect(badFlag.stderr).toMatch(/--from: must be a date YYYY-MM-DD/);
    }, 60_000);

    it('writes the exchange\'s bars for two symbols and two days, warns about the non-Alpaca endpoint, never prints the secret', async () => {
      const run = await runCli(['data', 'fetch', '--symbols', 'AAPL,MSFT', '--from', '2024-06-10', '--to', '2024-06-11'], {
        cwd: work, env: env({ ALPACA_API_KEY: sim.key, ALPACA_SECRET_KEY: sim.secret, ALPACA_DATA_BASE_URL: sim.dataUrl }),
      });
      expect(run.stderr).toMatch(/ALPACA_DATA_BASE_URL .* is not an Alpaca endpoint/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/AAPL: 780 bars \(1\/2\)/); // piped: plain progress lines, 2 sessions × 390 minutes
      expect(`${run.stdout}${run.stderr}`).not.toContain(sim.secret);
      const store = openStore(database());
      try {
        for (const symbol of ['AAPL', 'MSFT']) {
          const from = Date.parse('2024-06-10T04:00:00Z');
          const to = Date.parse('2024-06-12T04:00:00Z');
          const cached = store.bars.rangeBars(symbol as never, '1Min', from, to);
          const expected = sim.market.source.barsBetween(symbol, from, to - 1);
          expect(cached.map((b) => b.t)).toEqual(expected.map((b) => b.t));
          expect(cached.map((b) => b.close)).toEqual(expected.map((b) => b.c));
        }
        expect(store.bars.summary().find((s) => s.symbol === 'AAPL')?.count).toBe(780);
      } finally {
        store.close();
      }
    }, 90_000);
  });
});
