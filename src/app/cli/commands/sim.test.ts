// Proves the `sim` command's flag validation (exit 2 naming the flag and what is allowed) and, in process,
// that it starts the exchange, prints where everything is (saying the market is synthetic), and shuts down
// with exit 0 when told to stop.
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CliContext } from '../cli-context.js';
import { parseSimFlags, runSim } from './sim.js';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['node', 'alpaca-bot', 'sim', ...args], { stdout: () => undefined, stderr: (t) => { err += t; }, env: {}, cwd: '/tmp', isTTY: false });
  return { code, err };
}

describe('alpaca-bot sim flags', () => {
  it.each([
    [['--port', '70000'], '--port: must be an integer from 0 to 65535, got "70000"'],
    [['--speed', 'fast'], '--speed: must be a number in (0, 100000] (times real time) or "max", got "fast"'],
    [['--synthetic', '1', '--data', 'x.csv'], '--synthetic and --data are mutually exclusive'],
    [['--key', 'K'], '--key and --secret go together'],
    [['--symbols', 'aapl,MSFT'], '--symbols: a comma list of upper-case tickers like AAPL,MSFT; bad: "aapl"'],
    [['--start', 'yesterday'], '--start: must be a date YYYY-MM-DD'],
    [['--faults', '/nonexistent/faults.yaml'], '--faults: cannot read /nonexistent/faults.yaml'],
    [['--rate-limit', '-1'], '--rate-limit: must be an integer from 0 to 1000000'],
    [['--synthetic', 'a b'], '--synthetic: the seed must be an integer or a word'],
  ])('%j is a usage error naming the flag', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('accepts the documented form and builds the exchange options', () => {
    const options = parseSimFlags({ port: '5100', speed: 'max', synthetic: '7', symbols: 'AAPL,SPY', start: '2024-06-11', rateLimit: '0' }, '/tmp');
    expect(options).toMatchObject({ port: 5100, speed: 'max', market: { kind: 'synthetic', seed: 7 }, symbols: ['AAPL', 'SPY'], start: '2024-06-11', rateLimitPerMinute: 0 });
  });
});

describe('alpaca-bot sim run', () => {
  it('starts, prints URLs, env vars and the SYNTHETIC label, never a user secret, and exits 0 when stopped', async () => {
    let out = '';
    let err = '';
    const ctx: CliContext = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, cwd: '/tmp', isTTY: false, exitCode: 0 };
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => { stop = resolve; });
    const running = runSim(ctx, { port: 0, speed: 'max', start: '2024-06-11', key: 'MYKEY', secret: 'my-private-secret' }, true, stopped);
    for (let i = 0; i < 500 && !out.includes('Ctrl+C'); i++) await new Promise((r) => setTimeout(r, 10));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    const account = await fetch(`${url}/v2/account`, { headers: { 'APCA-API-KEY-ID': 'MYKEY', 'APCA-API-SECRET-KEY': 'my-private-secret' } });
    expect(account.status).toBe(200);
    stop();
    expect(await running).toBe(0);
    expect(out).toContain('Market: SYNTHETIC');
    expect(out).toContain(`ALPACA_API_BASE_URL=${url!}`);
    expect(out).toContain('ALPACA_TRADING_STREAM_URL=ws://');
    expect(out + err).not.toContain('my-private-secret');
  });

  it('a taken port is a clear usage error', async () => {
    const ctx: CliContext = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: '/tmp', isTTY: false, exitCode: 0 };
    let err = '';
    const busy = await import('node:net').then(({ createServer }) => new Promise<{ port: number; close: () => void }>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => { resolve({ port: (server.address() as { port: number }).port, close: () => server.close() }); });
    }));
    const code = await runSim({ ...ctx, stderr: (t) => { err += t; } }, { port: busy.port, speed: 'max', start: '2024-06-11' }, false, Promise.resolve());
    busy.close();
    expect(code).toBe(2);
    expect(err).toContain(`port ${busy.port} is already in use; pick another with --port`);
  });
});
