import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from './memory-logger.js';
import { REDACTED, SecretScrubber } from './secret-scrubber.js';

describe('SecretScrubber', () => {
  it('replaces raw, JSON-escaped and URL-encoded forms', () => {
    const secret = 'ab/c+d"e\\f123';
    const scrubber = new SecretScrubber([secret]);
    expect(scrubber.scrub(`x ${secret} y`)).toBe(`x ${REDACTED} y`);
    expect(scrubber.scrub(JSON.stringify({ v: secret }))).toBe(`{"v":"${REDACTED}"}`);
    expect(scrubber.scrub(`?s=${encodeURIComponent(secret)}`)).toBe(`?s=${REDACTED}`);
  });

  it('ignores empty and very short values (they would shred ordinary text)', () => {
    const scrubber = new SecretScrubber(['', undefined, 'abc']);
    expect(scrubber.size).toBe(0);
    expect(scrubber.scrub('abc abc')).toBe('abc abc');
  });

  it('never leaves a secret in any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }), fc.string(), fc.string(), (secret, before, after) => {
        const out = new SecretScrubber([secret]).scrub(`${before}${secret}${after}`);
        expect(out.includes(secret)).toBe(false);
      }),
    );
  });

  it('MemoryLogger scrubs messages and fields and respects levels', () => {
    const logger = new MemoryLogger({ level: 'info', secrets: ['TOPSECRET1'] });
    logger.debug('hidden');
    logger.withCorrelation('c1').info('key TOPSECRET1', { nested: { v: 'TOPSECRET1' } });
    expect(logger.entries).toEqual([{ level: 'info', msg: `key ${REDACTED}`, fields: { correlation_id: 'c1', nested: { v: REDACTED } } }]);
  });
});
