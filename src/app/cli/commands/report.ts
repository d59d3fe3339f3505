// `alpaca-bot report`: print the daily summary. Not built yet; see issue #5.
import type { RegisterCommand } from '../cli-context.js';
import { registerNotBuilt } from '../not-built.js';

export const register: RegisterCommand = (program, ctx) => {
  registerNotBuilt(program, ctx, 'report', 'print the daily summary', 'issue #5');
};
