// `alpaca-bot kill`: turn the kill switch on or off. Not built yet; see issue #2.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'kill', 'turn the kill switch on or off', 'issue #2');
};
