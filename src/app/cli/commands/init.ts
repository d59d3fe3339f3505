// `alpaca-bot init`: write a commented config.yaml and .env. Not built yet; see issue #2.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'init', 'write a commented config.yaml and .env', 'issue #2');
};
