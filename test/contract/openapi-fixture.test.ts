// Keeps test/fixtures/openapi-schemas.json (the schemas the contract suite falls back to when ../shared is
// absent) identical to what the shared OpenAPI specs say, and proves the fallback validator works on its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFromShared, FIXTURE_PATH, OpenApiValidator, type Extracted } from './support/openapi-schemas.js';

const recorded = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Extracted;

describe('recorded OpenAPI schemas', () => {
  it('match the shared spec (skips when ../shared is absent)', (ctx) => {
    const shared = extractFromShared();
    if (!shared) {
      ctx.skip();
      return;
    }
    expect(recorded).toEqual(JSON.parse(JSON.stringify(shared)));
  });

  it('validate on their own: a good clock passes, a clock without is_open fails naming the field', () => {
    const validator = new OpenApiValidator(recorded);
    const clock = { timestamp: '2024-06-11T09:34:00-04:00', is_open: true, next_open: '2024-06-12T09:30:00-04:00', next_close: '2024-06-11T16:00:00-04:00' };
    expect(validator.validate('GET', '/v2/clock', 200, clock)).toEqual({ checked: true, operation: 'GET /v2/clock 200', errors: [] });
    const { is_open: _drop, ...broken } = clock;
    const result = validator.validate('GET', '/v2/clock', 200, broken);
    expect(result.errors.join('\n')).toContain('is_open');
    expect(validator.validate('DELETE', '/v2/orders/abc', 204, undefined).checked).toBe(false);
  });
});
