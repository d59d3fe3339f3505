import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './config-schema.js';
import { describeConfig } from './describe-config.js';
import { loadConfig } from './load-config.js';
import { maskSecret, scrubSecrets, secretValues } from './secrets.js';

describe('secrets (SPEC S7)', () => {
  it('maskSecret shows at most the first 4 characters and the length, or ******** when short', () => {
    expect(maskSecret('PKTESTKEYVISIBLE123')).toBe('PKTE…(19 chars)');
    expect(maskSecret('short-secret')).toBe('********');
    expect(maskSecret('')).toBe('(not set)');
    for (const s of ['PKTESTKEYVISIBLE123', 'SECRETVALUE987654321', 'abcdefghijklmnop']) expect(maskSecret(s)).not.toContain(s.slice(0, 5));
  });

  it('secretValues lists API key, secret key and dashboard token, non-empty only', () => {
    const c = ConfigSchema.parse({});
    expect(secretValues(c)).toEqual([]);
    const values = secretValues({ alpaca: { api_key: 'k'.repeat(20), secret_key: 's'.repeat(20) }, web: { dashboard_token: '' } });
    expect(values).toEqual(['k'.repeat(20), 's'.repeat(20)]);
  });

  it('scrubSecrets replaces every occurrence by the mask', () => {
    expect(scrubSecrets('key=PKTESTKEYVISIBLE123 again PKTESTKEYVISIBLE123', ['PKTESTKEYVISIBLE123'])).toBe('key=PKTE…(19 chars) again PKTE…(19 chars)');
  });

  it('describeConfig masks every secret and keeps everything else', () => {
    const env = { ALPACA_API_KEY: 'PKTESTKEYVISIBLE123', ALPACA_SECRET_KEY: 'SECRETVALUE987654321', DASHBOARD_TOKEN: 'dashboard-token-0123456789' };
    const rows = describeConfig(loadConfig({ env, cwd: '/nonexistent-dir' }));
    const text = JSON.stringify(rows);
    for (const s of Object.values(env)) expect(text).not.toContain(s);
    expect(rows.find((r) => r.key === 'alpaca.api_key')).toMatchObject({ value: 'PKTE…(19 chars)', source: 'env', envName: 'ALPACA_API_KEY', secret: true });
    expect(rows.find((r) => r.key === 'risk.max_position_pct')).toMatchObject({ value: 0.05, source: 'default', editable: true });
    expect(rows.find((r) => r.key === 'strategies.sma_crossover.params.fast')).toMatchObject({ value: 10 });
  });
});
