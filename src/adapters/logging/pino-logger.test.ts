import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPinoLogger } from './pino-logger.js';

const KEY = 'PKTESTKEYVISIBLE123';
const SECRET = 'SECRETVALUE987654321';

function readLines(dir: string): Array<Record<string, unknown>> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.log'));
  return files.flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
}

describe('pino logger', () => {
  it('writes JSON lines with run_id, correlation_id and the critical level into LOG_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-log-'));
    const logger = await createPinoLogger({ level: 'info', runId: 'run-1', logDir: dir, console: 'none' });
    logger.info('hello', { symbol: 'AAPL' });
    logger.withCorrelation('corr-9').warn('order sent', { client_order_id: 'abc' });
    logger.critical('position without a stop', { symbol: 'MSFT' });
    logger.debug('below the level');
    await logger.close();
    const lines = readLines(dir);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.run_id === 'run-1')).toBe(true);
    expect(lines[1]).toMatchObject({ level: 'warn', correlation_id: 'corr-9', client_order_id: 'abc', msg: 'order sent' });
    expect(lines[2]).toMatchObject({ level: 'critical', symbol: 'MSFT' });
    expect(readdirSync(dir).some((name) => /^alpaca-bot\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(name))).toBe(true);
  });

  it('redacts secrets by key path and by literal value, in files and on the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-log-'));
    const consoleStream = new PassThrough();
    let consoleText = '';
    consoleStream.on('data', (chunk: Buffer) => (consoleText += chunk.toString()));
    const logger = await createPinoLogger({ level: 'trace', runId: 'run-2', logDir: dir, secrets: [KEY, SECRET], console: 'pretty', consoleStream });
    logger.info(`user pasted the key ${KEY} into a message`);
    logger.info('config', { apiKey: 'other-value-1', nested: { secret_key: 'other-value-2' }, headers: { 'apca-api-secret-key': 'other-value-3' } });
    logger.error('request failed', { err: new Error(`401 for key ${KEY} and secret ${SECRET}`).message, url: `http://x/?secret=${encodeURIComponent(SECRET)}` });
    logger.child({ ALPACA_SECRET_KEY: SECRET }).info('child with a secret binding');
    await logger.close();
    const fileText = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).join('');
    for (const text of [fileText, consoleText]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(SECRET);
      expect(text).toContain('[REDACTED]');
    }
    expect(fileText).not.toMatch(/other-value-[123]/);
    expect(consoleText).toContain('user pasted the key');
  });

  it('deletes log files older than 30 days at startup and keeps recent ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-log-'));
    const now = Date.parse('2026-11-21T12:00:00Z');
    writeFileSync(join(dir, 'alpaca-bot.2026-10-01.1.log'), '{}\n');
    writeFileSync(join(dir, 'alpaca-bot.2026-11-01.1.log'), '{}\n');
    writeFileSync(join(dir, 'notes.2020-01-01.log'), 'keep me\n');
    const logger = await createPinoLogger({ level: 'info', runId: 'r', logDir: dir, console: 'none', now: () => now });
    await logger.close();
    const names = readdirSync(dir);
    expect(names).not.toContain('alpaca-bot.2026-10-01.1.log');
    expect(names).toContain('alpaca-bot.2026-11-01.1.log');
    expect(names).toContain('notes.2020-01-01.log');
  });

  it('changes level at run time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-log-'));
    const logger = await createPinoLogger({ level: 'warn', runId: 'r', logDir: dir, console: 'none' });
    logger.info('dropped');
    logger.setLevel('debug');
    logger.debug('kept');
    await logger.close();
    expect(readLines(dir).map((line) => line.msg)).toEqual(['kept']);
  });
});

describe('pino logger after close', () => {
  it('drops lines written after close (shutdown logs its last steps) instead of crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ab-log-'));
    const logger = await createPinoLogger({ level: 'info', runId: 'r', logDir: dir, console: 'none' });
    const child = logger.child({ component: 'x' });
    logger.info('before');
    await logger.close();
    expect(() => {
      logger.info('after');
      child.warn('after too');
    }).not.toThrow();
    await logger.close();
    expect(readLines(dir).map((line) => line.msg)).toEqual(['before']);
  });
});
