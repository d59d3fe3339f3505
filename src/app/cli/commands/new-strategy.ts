// `alpaca-bot new-strategy`: write a commented strategy template. Not built yet; see issue #4.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'new-strategy', 'write a commented strategy template', 'issue #4');
};
