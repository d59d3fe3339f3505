import { describe, expect, it } from 'vitest';
import { main } from './main.js';

describe('main', () => {
  it('returns an exit code', async () => {
    expect(await main(['node', 'alpaca-bot'])).toBe(0);
  });
});
