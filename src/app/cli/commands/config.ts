// `alpaca-bot config`: print the resolved configuration with the source of every value. Not built yet; see issue #2.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'config', 'print the resolved configuration with the source of every value', 'issue #2');
};
